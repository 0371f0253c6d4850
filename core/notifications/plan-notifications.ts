import type { CoreSettings, OutboxIntent } from "../ports.ts";
import type { Channel, NewTicketEvent, Ticket } from "../tickets/types.ts";

/** Channels that can push a message to a customer; portal and API customers look things up. */
const PUSH_CHANNELS: readonly Channel[] = ["telegram", "wechat"];

/**
 * Decides who hears about a change. Customers hear about public progress on the channel
 * they reported from; the staff room hears about new tickets, chases and escalations; an
 * assignee hears that a ticket is theirs. The result is stored in the outbox in the same
 * transaction as the change, so nothing is announced that did not happen and nothing that
 * happened goes unannounced across a restart.
 */
export function planNotifications(
  ticket: Ticket,
  events: readonly NewTicketEvent[],
  settings: Pick<CoreSettings, "staffRoomChannels">,
): OutboxIntent[] {
  const intents: OutboxIntent[] = [];
  const toCustomer = (key: string, params: Record<string, string | number | null> = {}) => {
    if (!PUSH_CHANNELS.includes(ticket.channel)) return;
    intents.push({
      channel: ticket.channel,
      recipient: { kind: "customer", customerId: ticket.customerId },
      ticketId: ticket.id,
      payload: { key, params: { number: ticket.number, ...params } },
    });
  };
  const toStaffRoom = (key: string, params: Record<string, string | number | null> = {}) => {
    for (const channel of settings.staffRoomChannels) {
      intents.push({
        channel,
        recipient: { kind: "staff_room" },
        ticketId: ticket.id,
        payload: { key, params: { number: ticket.number, ...params } },
      });
    }
  };

  for (const event of events) {
    // A customer's own action (chase, cancel) needs no echo back to them.
    const byCustomer = event.actor.kind === "customer";
    switch (event.type) {
      case "created":
        toStaffRoom("notify.staff.new_ticket", {
          urgency: ticket.urgency,
          category: ticket.category,
          name: ticket.contactName,
          description: ticket.description.slice(0, 200),
        });
        break;
      case "assigned":
      case "transferred": {
        const assigneeName = typeof event.data?.assigneeName === "string" ? event.data.assigneeName : null;
        const assigneeId = typeof event.data?.assigneeId === "string" ? event.data.assigneeId : null;
        toCustomer("notify.customer.assigned", { assignee: assigneeName });
        const isSelfAssignment = event.actor.kind === "staff" && event.actor.id === assigneeId;
        if (assigneeId && !isSelfAssignment) {
          for (const channel of settings.staffRoomChannels) {
            intents.push({
              channel,
              recipient: { kind: "staff", staffId: assigneeId },
              ticketId: ticket.id,
              payload: {
                key: "notify.staff.assigned_to_you",
                params: { number: ticket.number, description: ticket.description.slice(0, 200) },
              },
            });
          }
        }
        break;
      }
      case "status_changed":
        if (byCustomer) break;
        switch (event.toStatus) {
          case "accepted":
            toCustomer(event.fromStatus === "new" ? "notify.customer.accepted" : "notify.customer.status", {
              status: "accepted",
            });
            break;
          case "resolved":
            toCustomer("notify.customer.resolved", { resolution: ticket.resolution ?? "" });
            break;
          case "closed":
            toCustomer("notify.customer.closed");
            break;
          case "assigned":
            // The `assigned` event that accompanies it already told the customer.
            break;
          case "scheduled":
            // Announced by `appointment_set` when a time is known.
            if (!events.some((other) => other.type === "appointment_set")) {
              toCustomer("notify.customer.status", { status: "scheduled" });
            }
            break;
          default:
            if (event.toStatus) toCustomer("notify.customer.status", { status: event.toStatus });
        }
        break;
      case "appointment_set":
        toCustomer("notify.customer.scheduled", {
          appointment: typeof event.data?.appointmentAt === "string" ? event.data.appointmentAt : null,
        });
        break;
      case "reply":
        toCustomer("notify.customer.reply", { text: event.note ?? "" });
        break;
      case "reopened":
        if (!byCustomer) toCustomer("notify.customer.reopened");
        toStaffRoom("notify.staff.escalated", { reason: "reopened" });
        break;
      case "cancelled":
        if (!byCustomer) toCustomer("notify.customer.cancelled", { reason: event.note ?? "" });
        break;
      case "chased":
        toStaffRoom("notify.staff.chased", { count: ticket.chaseCount, status: ticket.status });
        break;
      case "escalated":
        toStaffRoom("notify.staff.escalated", { reason: event.note ?? "" });
        break;
      case "customer_message": {
        // Files the customer sent with it: the chat adapter shows them under the relayed text.
        const files = attachmentsOf(event);
        toStaffRoom("notify.staff.customer_message", {
          text: event.note ?? "",
          ...(files.length > 0 ? { attachments: files.length, files: JSON.stringify(files) } : {}),
        });
        break;
      }
      default:
        break;
    }
  }
  return intents;
}

/** A relayed file: where it is (relative to DATA_DIR) and what it is. */
export type RelayedFile = { storagePath: string; mimeType: string; fileName: string };

/** The files recorded on a `customer_message` event (its `data.attachments`). */
function attachmentsOf(event: NewTicketEvent): RelayedFile[] {
  const list = event.data?.attachments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const file = item as Partial<RelayedFile> | null;
    return file && typeof file.storagePath === "string" && typeof file.mimeType === "string"
      ? [{ storagePath: file.storagePath, mimeType: file.mimeType, fileName: typeof file.fileName === "string" ? file.fileName : "" }]
      : [];
  });
}
