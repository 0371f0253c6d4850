import type { CoreSettings, OutboxIntent } from "../ports.ts";
import type { Notification } from "./notification.ts";
import type { NewTicketEvent, Ticket } from "../tickets/types.ts";
import { customerIntents } from "./contact-channels.ts";

/**
 * Decides who hears about a change. Customers hear about public progress on the chat they
 * reported from, or by SMS and e-mail when they reported on the portal or the API and those
 * are configured (`customerIntents`); the staff room hears about new tickets, chases and escalations; an
 * assignee hears that a ticket is theirs. The result is stored in the outbox in the same
 * transaction as the change, so nothing is announced that did not happen and nothing that
 * happened goes unannounced across a restart.
 */
export function planNotifications(
  ticket: Ticket,
  events: readonly NewTicketEvent[],
  settings: Pick<CoreSettings, "staffRoomChannels" | "reopenWindowDays" | "contactChannels">,
): OutboxIntent[] {
  const intents: OutboxIntent[] = [];
  const { number } = ticket;
  const toCustomer = (notification: Notification) => {
    intents.push(...customerIntents(ticket, notification, settings));
  };
  const toStaffRoom = (notification: Notification) => {
    for (const channel of settings.staffRoomChannels) {
      intents.push({ channel, recipient: { kind: "staff_room" }, ticketId: ticket.id, notification });
    }
  };

  // Resolved and closed in one change (a close from the field): one message, the close, with the resolution.
  const closesNow = events.some((event) => event.type === "status_changed" && event.toStatus === "closed");
  for (const event of events) {
    // A customer's own action (chase, cancel) needs no echo back to them.
    const byCustomer = event.actor.kind === "customer";
    switch (event.type) {
      case "created":
        toStaffRoom({
          kind: "staff.new_ticket",
          number,
          urgency: ticket.urgency,
          category: ticket.category,
          name: ticket.contactName,
          description: ticket.description.slice(0, 200),
        });
        break;
      case "assigned":
      case "transferred": {
        const { assigneeId, assigneeName } = event.data;
        toCustomer({ kind: "customer.assigned", number, assigneeName });
        const isSelfAssignment = event.actor.kind === "staff" && event.actor.id === assigneeId;
        if (!isSelfAssignment) {
          for (const channel of settings.staffRoomChannels) {
            intents.push({
              channel,
              recipient: { kind: "staff", staffId: assigneeId },
              ticketId: ticket.id,
              notification: { kind: "staff.assigned_to_you", number, description: ticket.description.slice(0, 200) },
            });
          }
        }
        break;
      }
      case "status_changed":
        if (byCustomer) break;
        switch (event.toStatus) {
          case "accepted":
            toCustomer(event.fromStatus === "new" ? { kind: "customer.accepted", number } : { kind: "customer.status", number, status: "accepted" });
            break;
          case "resolved":
            if (!closesNow) toCustomer({ kind: "customer.resolved", number, resolution: ticket.resolution ?? "" });
            break;
          case "closed":
            toCustomer({
              kind: "customer.closed",
              number,
              // Unless an earlier message announced the resolution (the ticket sat resolved), this one does.
              resolution: event.fromStatus === "resolved" && !closesNowFromWork(events) ? "" : (ticket.resolution ?? ""),
              reopenWindowDays: settings.reopenWindowDays,
            });
            break;
          case "rejected":
            // Told by the `rejected` event, with the reason for the customer.
            break;
          case "assigned":
            // The `assigned` event that accompanies it already told the customer.
            break;
          case "scheduled":
            // Announced by `appointment_set` when a time is known.
            if (!events.some((other) => other.type === "appointment_set")) {
              toCustomer({ kind: "customer.status", number, status: "scheduled" });
            }
            break;
          default:
            if (event.toStatus) toCustomer({ kind: "customer.status", number, status: event.toStatus });
        }
        break;
      case "appointment_set":
        toCustomer({ kind: "customer.scheduled", number, appointmentAt: event.data.appointmentAt });
        break;
      case "reply":
        toCustomer({ kind: "customer.reply", number, text: event.note ?? "" });
        break;
      case "reopened":
        if (!byCustomer) toCustomer({ kind: "customer.reopened", number });
        toStaffRoom({ kind: "staff.reopened", number, by: event.actor.kind, status: ticket.status });
        break;
      case "rejected":
        toCustomer({ kind: "customer.rejected", number, reason: event.note ?? "" });
        break;
      case "follow_up":
        if (event.data.relation === "of") toStaffRoom({ kind: "staff.follow_up", number, originalNumber: event.data.number });
        break;
      case "cancelled":
        if (!byCustomer) toCustomer({ kind: "customer.cancelled", number, reason: event.note ?? "" });
        else toStaffRoom({ kind: "staff.customer_cancelled", number, reason: event.note ?? "" });
        break;
      case "chased":
        toStaffRoom({ kind: "staff.chased", number, count: ticket.chaseCount, status: ticket.status });
        break;
      case "escalated":
        toStaffRoom({ kind: "staff.escalated", number, reason: event.data ? { kind: event.data.cause } : { kind: "note", text: event.note ?? "" } });
        break;
      case "customer_message":
        // Files the customer sent with it: the chat adapter shows them under the relayed text.
        toStaffRoom({
          kind: "staff.customer_message",
          number,
          text: event.note ?? "",
          files: (event.data?.attachments ?? []).map(({ storagePath, fileName, mimeType }) => ({ storagePath, fileName, mimeType })),
        });
        break;
      default:
        break;
    }
  }
  return intents;
}

/** The change resolved the ticket and closed it at once (so no resolution message went out before). */
function closesNowFromWork(events: readonly NewTicketEvent[]): boolean {
  return events.some((event) => event.type === "status_changed" && event.toStatus === "resolved");
}
