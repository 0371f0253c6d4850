import { customerMayCancel, customerMayChase, customerMayConfirm, customerMayObject, customerMayWrite } from "./customer-rights.ts";
import { maskPhone } from "./phone.ts";
import { isPublic } from "./ticket-event.ts";
import type { ClassificationSummary, Ticket, TicketEvent } from "./types.ts";

export type PublicTimelineEntry = {
  type: TicketEvent["type"];
  at: string;
  fromStatus?: string;
  toStatus?: string;
  /** Only texts meant for the customer: staff replies, the customer's own messages, reasons. */
  text?: string;
};

/** What a customer who proved the ticket is theirs may see. */
export type PublicTicketView = {
  number: string;
  status: Ticket["status"];
  category: Ticket["category"];
  urgency: Ticket["urgency"];
  product: string | null;
  description: string;
  phone: string;
  createdAt: string;
  updatedAt: string;
  assigneeName: string | null;
  appointmentAt: string | null;
  dueAt: string | null;
  resolution: string | null;
  /** When the work was reported done, and when the ticket closed (null until then). */
  resolvedAt: string | null;
  closedAt: string | null;
  timeline: PublicTimelineEntry[];
  /** What the customer may do now (core/tickets/customer-rights.ts). */
  canChase: boolean;
  canWrite: boolean;
  /** Resolved: the customer may confirm the fix (closing it) … */
  canConfirm: boolean;
  /** … or say it is not fixed (resolved or closed; after the reopen window this opens a follow-up ticket). */
  canReportNotFixed: boolean;
  /** Open: the customer may cancel it. */
  canCancel: boolean;
  /** The ticket this one follows up, and the follow-up opened from this one (numbers), if any. */
  followUpOf: string | null;
};

/**
 * Only texts written for the customer: staff replies, the customer's own words, and the
 * reasons of a cancel or reopen, and the reason for the customer of a refused approval
 * (its internal remarks are separate `note` events). Notes on status changes are for
 * staff (an internal remark about a quote must never reach the customer).
 */
const TEXT_SHOWN_TO_CUSTOMER: ReadonlySet<TicketEvent["type"]> = new Set(["reply", "customer_message", "cancelled", "reopened", "rejected", "follow_up"]);

export function toPublicView(ticket: Ticket, events: readonly TicketEvent[], assigneeName: string | null): PublicTicketView {
  return {
    number: ticket.number,
    status: ticket.status,
    category: ticket.category,
    urgency: ticket.urgency,
    product: ticket.product ?? null,
    description: ticket.description,
    phone: maskPhone(ticket.phone),
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    assigneeName,
    appointmentAt: ticket.appointmentAt?.toISOString() ?? null,
    dueAt: ticket.resolutionDueAt?.toISOString() ?? null,
    resolution: ticket.resolution ?? null,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    canChase: customerMayChase(ticket.status),
    canWrite: customerMayWrite(ticket.status),
    canConfirm: customerMayConfirm(ticket.status),
    canReportNotFixed: customerMayObject(ticket.status),
    canCancel: customerMayCancel(ticket.status),
    followUpOf: ticket.followUpOf ?? null,
    timeline: events.filter(isPublic).map((event) => ({
      type: event.type,
      at: event.at.toISOString(),
      ...(event.fromStatus ? { fromStatus: event.fromStatus } : {}),
      ...(event.toStatus ? { toStatus: event.toStatus } : {}),
      ...(event.note && TEXT_SHOWN_TO_CUSTOMER.has(event.type) ? { text: event.note } : {}),
    })),
  };
}

/** A timeline event with its instant as an ISO string (each member of the union keeps its typed details). */
export type StaffTimelineEntry = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, "at"> & { at: string } : never) : never;

/** Staff see everything, including internal notes and the classifier's reasons. */
export type StaffTicketView = Omit<Ticket, "createdAt" | "updatedAt"> & {
  createdAt: string;
  updatedAt: string;
  assigneeName: string | null;
  /** What the classifier said at intake and why (from the `created` event). */
  classification: ClassificationSummary | null;
  timeline: StaffTimelineEntry[];
};

export function toStaffView(ticket: Ticket, events: readonly TicketEvent[], assigneeName: string | null): StaffTicketView {
  return {
    ...ticket,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    assigneeName,
    classification: events.flatMap((event) => (event.type === "created" ? [event.data.classification] : []))[0] ?? null,
    timeline: events.map((event): StaffTimelineEntry => ({ ...event, at: event.at.toISOString() })),
  };
}
