import { AppError } from "../errors.ts";
import { localDay } from "../i18n/format-date.ts";
import { planNotifications } from "../notifications/plan-notifications.ts";
import type { CoreDeps } from "../ports.ts";
import { requireText } from "./add-note.ts";
import { changeTicket } from "./change-ticket.ts";
import { planClose } from "./close-ticket.ts";
import { customerMayConfirm } from "./customer-rights.ts";
import { requireOwnTicket } from "./permissions.ts";
import { withinReopenWindow } from "./reopen-ticket.ts";
import { slaFields } from "./sla-fields.ts";
import { isOpen } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket, TicketStatus } from "./types.ts";

/**
 * What a customer says about work the desk reported done (domain.md: 结案 is "work done and
 * confirmed"): it is fixed (the ticket closes, with the survey), or it is not (the ticket
 * goes back to work, or a linked follow-up ticket is opened once the reopen window has
 * passed). Every channel calls these: the chat dialogs, the portal's ticket page, the API.
 */

function requireCustomer(initiator: Initiator): void {
  if (initiator.actor.kind !== "customer") throw new AppError("forbidden", { detail: "only the ticket's customer confirms or objects" });
}

/** The customer confirms the fix: a resolved ticket closes, and the satisfaction survey goes out as on any close. */
export async function confirmResolution(deps: CoreDeps, options: { number: string; initiator: Initiator }): Promise<Ticket> {
  requireCustomer(options.initiator);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    // A second tap on "fixed" (or a confirm racing the auto-close) changes nothing.
    if (ticket.status === "closed") return null;
    if (!customerMayConfirm(ticket.status)) throw new AppError("ticket_not_open", { params: { status: ticket.status } });
    return planClose(deps, ticket, now, options.initiator);
  });
}

/**
 * Where an objection sends a resolved ticket: back to its technician (`in_progress`, as the
 * status machine's `resolved → in_progress` row means), or to the desk when nobody holds it.
 */
function objectionTarget(ticket: Ticket): TicketStatus {
  return ticket.assigneeId ? "in_progress" : "accepted";
}

/**
 * The events that take a resolved ticket (or a closed one within the reopen window) back to
 * work because its customer objected. Also used when a customer simply writes on a resolved
 * ticket (core/tickets/add-customer-message.ts): any message then counts as an objection, so
 * the auto-close never closes a ticket "without objection" that has one.
 */
export function planObjection(ticket: Ticket, now: Date, initiator: Initiator, text?: string): { status: TicketStatus; events: NewTicketEvent[] } {
  const status = ticket.status === "resolved" ? objectionTarget(ticket) : "accepted";
  return {
    status,
    events: [newEvent("reopened", initiator, now, text ? { note: text } : {}), statusEvent(initiator, now, ticket.status, status)],
  };
}

export type NotFixedOutcome =
  /** The ticket is being worked on again (it was resolved, or closed within the window). */
  | { kind: "reopened"; ticket: Ticket }
  /** The ticket was still open: the words were added to it. */
  | { kind: "noted"; ticket: Ticket }
  /** Closed longer ago than the reopen window: `followUp` is the new ticket, linked to `ticket`. */
  | { kind: "follow_up"; ticket: Ticket; followUp: Ticket };

/**
 * The customer says the problem is not fixed. A resolved ticket goes back to work; a closed
 * one reopens within the reopen window (`withinReopenWindow`, the same rule as staff reopens);
 * after it, a follow-up ticket is opened for the same customer, product and address, linked
 * both ways (`Ticket.followUpOf` and a `follow_up` event on each timeline), and the staff room
 * is told. On a ticket still open, the words are simply added to it.
 */
export async function reportNotFixed(deps: CoreDeps, options: { number: string; text?: string; initiator: Initiator }): Promise<NotFixedOutcome> {
  requireCustomer(options.initiator);
  const text = options.text?.trim() ? requireText(options.text) : undefined;
  let outcome = "noted" as NotFixedOutcome["kind"];
  const ticket = await changeTicket(deps, options.number, (current, now) => {
    requireOwnTicket(options.initiator, current);
    const words = text ? [newEvent("customer_message", options.initiator, now, { note: text })] : [];
    if (isOpen(current.status)) {
      outcome = "noted";
      return { patch: {}, events: words };
    }
    if (current.status === "cancelled") throw new AppError("ticket_not_open", { params: { status: current.status } });
    if (current.status === "closed" && !withinReopenWindow(current, now, deps.settings.reopenWindowDays)) {
      outcome = "follow_up";
      return null;
    }
    outcome = "reopened";
    const objection = planObjection(current, now, options.initiator, text);
    return {
      patch: { status: objection.status, ...(current.status === "closed" ? { closedAt: undefined, resolvedAt: undefined } : {}) },
      events: [...words, ...objection.events],
    };
  });
  if (outcome !== "follow_up") return { kind: outcome, ticket };
  const followUp = await openFollowUp(deps, ticket, options.initiator, text);
  // The original's half of the link. Written after the follow-up exists (it names its number);
  // were this write lost, `followUp.followUpOf` still links the two.
  const original = await changeTicket(deps, ticket.number, (current, now) => ({
    patch: {},
    events: [newEvent("follow_up", options.initiator, now, { note: followUp.number, data: { relation: "opened", number: followUp.number } })],
  }));
  return { kind: "follow_up", ticket: original, followUp };
}

/** A new ticket for the same customer and fault, following up `original`. */
async function openFollowUp(deps: CoreDeps, original: Ticket, initiator: Initiator, text: string | undefined): Promise<Ticket> {
  const now = deps.clock.now();
  const channel = initiator.channel === "system" ? original.channel : initiator.channel;
  const description = text ?? original.description;
  const sla = slaFields(deps.settings, { createdAt: now, urgency: original.urgency, category: original.category });
  const events: NewTicketEvent[] = [
    newEvent("created", initiator, now, {
      toStatus: "new",
      data: { classification: { category: original.category, urgency: original.urgency, confidence: 1, reasons: [`follow-up of ${original.number}`] } },
    }),
    newEvent("follow_up", initiator, now, { note: original.number, data: { relation: "of", number: original.number } }),
  ];
  const { ticket } = await deps.tickets.create({
    ticket: {
      status: "new",
      contactName: original.contactName,
      phone: original.phone,
      description,
      product: original.product,
      address: original.address,
      preferredTime: original.preferredTime,
      category: original.category,
      urgency: original.urgency,
      channel,
      chaseCount: 0,
      firstContactResolution: false,
      createdAt: now,
      updatedAt: now,
      followUpOf: original.number,
      ...sla,
      attachments: [],
    },
    customer: { name: original.contactName, phone: original.phone, language: "zh-Hans", existingCustomerId: original.customerId },
    numbering: { day: localDay(now, deps.settings.timeZone), prefix: deps.settings.numberPrefix },
    events,
    outbox: (stored) => planNotifications(stored, events, deps.settings),
  });
  return ticket;
}
