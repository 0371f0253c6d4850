import type {
  Channel,
  CreateTicketCommand,
  Language,
  NewTicket,
  NewTicketEvent,
  OutboxIntent,
  ReportIdentity,
  Ticket,
} from "../../core/index.ts";
import { newEvent, SYSTEM } from "../../core/tickets/ticket-event.ts";

/** The moment most contract tests happen at. */
export const AT = new Date("2026-11-24T02:00:00Z");

export const minutesAfter = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);
export const daysAfter = (at: Date, days: number): Date => minutesAfter(at, days * 24 * 60);

let serial = 0;

/**
 * Values no other test of the file uses, so tests can share one database: a phone, a
 * numbering day (YYYYMMDD), a chat account, a name.
 */
export const unique = {
  phone: () => `139${String(++serial).padStart(8, "0")}`,
  day: () => new Date(Date.UTC(2030, 0, 1) + ++serial * 86_400_000).toISOString().slice(0, 10).replaceAll("-", ""),
  account: (channel: Channel = "telegram"): ReportIdentity => ({ channel, externalId: `account-${++serial}` }),
  text: (prefix: string) => `${prefix}-${++serial}`,
};

/** The first event intake writes: by the reporting customer, whose id the store fills in. */
export const createdEvent = (name: string, at: Date = AT): NewTicketEvent =>
  newEvent("created", { actor: { kind: "customer", id: "", name }, channel: "portal" }, at, {
    toStatus: "new",
    data: { classification: { category: "repair", urgency: "normal", confidence: 0.9, reasons: ["contract"] } },
  });

export const internalNote = (note: string, at: Date = AT): NewTicketEvent => newEvent("note", SYSTEM, at, { note });

/** A staff notification about a stored ticket. */
export const newTicketMessage = (ticket: Ticket): OutboxIntent => ({
  channel: "telegram",
  recipient: { kind: "staff_room" },
  ticketId: ticket.id,
  notification: { kind: "staff.new_ticket", number: ticket.number, urgency: ticket.urgency, category: ticket.category, name: ticket.contactName, description: ticket.description },
});

export type TicketCommandOptions = {
  at?: Date;
  day?: string;
  phone?: string;
  name?: string;
  language?: Language;
  identity?: ReportIdentity;
  /** Fields of the new ticket besides the defaults (channel, category, SLA times, sourceMessageId…). */
  ticket?: Partial<NewTicket>;
  events?: NewTicketEvent[];
  outbox?: (ticket: Ticket) => OutboxIntent[];
};

/** A create command as intake builds it, with a fresh phone and day unless given. */
export function ticketCommand(options: TicketCommandOptions = {}): CreateTicketCommand {
  const at = options.at ?? AT;
  const name = options.name ?? "王芳";
  const phone = options.phone ?? unique.phone();
  return {
    ticket: {
      status: "new",
      contactName: name,
      phone,
      description: "空调不制冷了",
      category: "repair",
      urgency: "normal",
      channel: options.identity?.channel ?? "portal",
      chaseCount: 0,
      firstContactResolution: false,
      createdAt: at,
      updatedAt: at,
      attachments: [],
      ...options.ticket,
    },
    customer: { name, phone, language: options.language ?? "zh-Hans", ...(options.identity ? { identity: options.identity } : {}) },
    numbering: { day: options.day ?? unique.day(), prefix: "SR" },
    events: options.events ?? [createdEvent(name, at)],
    outbox: options.outbox ?? (() => []),
  };
}
