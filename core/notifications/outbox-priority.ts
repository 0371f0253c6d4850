import type { Urgency } from "../tickets/types.ts";
import type { Notification } from "./notification.ts";

/**
 * How soon a stored message should go compared with others, decided once when it is
 * enqueued and stored with it (the outbox's `priority` column), so the store's query can
 * pick the next messages without reading their payloads.
 *
 * - `URGENT`: what someone must act on now — every message about an urgent ticket, a
 *   technician's "assigned to you", a staff reply to a customer, an urgent report to a supervisor.
 * - `ROUTINE`: a new-ticket post to the staff room for a ticket that is not urgent. These
 *   come in floods after a burst of reports; they are the only rows the staff-room digest merges.
 * - `NORMAL`: everything else.
 */
export const OUTBOX_PRIORITY = { ROUTINE: 0, NORMAL: 1, URGENT: 2 } as const;

export type OutboxPriority = (typeof OUTBOX_PRIORITY)[keyof typeof OUTBOX_PRIORITY];

/**
 * The priority of a message. `ticketUrgency` is the urgency of the ticket it is about when
 * the writer knows it; a new-ticket post and an urgent report carry it themselves.
 */
export function outboxPriority(notification: Notification, ticketUrgency?: Urgency): OutboxPriority {
  if (ticketUrgency === "urgent") return OUTBOX_PRIORITY.URGENT;
  switch (notification.kind) {
    case "staff.new_ticket":
      return notification.urgency === "urgent" ? OUTBOX_PRIORITY.URGENT : OUTBOX_PRIORITY.ROUTINE;
    case "staff.urgent_report":
    case "staff.assigned_to_you":
    case "customer.reply":
      return OUTBOX_PRIORITY.URGENT;
    default:
      return OUTBOX_PRIORITY.NORMAL;
  }
}
