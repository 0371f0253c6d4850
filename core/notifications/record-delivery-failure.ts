import type { CoreDeps, OutboxRecipient } from "../ports.ts";
import type { Channel } from "../tickets/types.ts";
import type { NotificationKind } from "./notification.ts";
import { changeTicket } from "../tickets/change-ticket.ts";
import { newEvent, SYSTEM } from "../tickets/ticket-event.ts";

/** A stored message that could not be delivered; `notification` is null when the stored row could not be read. */
export type DeliveryFailure = { ticketId: string; recipient: OutboxRecipient; channel: Channel; reason: string; notification: NotificationKind | null };

/**
 * A message could not be delivered for good (the customer blocked the bot, the chat is
 * gone). The ticket's timeline records it for staff, and the staff room is told — unless
 * the staff room itself was the unreachable recipient.
 */
export async function recordDeliveryFailure(
  deps: Pick<CoreDeps, "tickets" | "clock" | "settings">,
  options: DeliveryFailure,
): Promise<void> {
  const ticket = await deps.tickets.findById(options.ticketId);
  if (!ticket) return;
  await changeTicket(deps, ticket.number, (current, now) => ({
    patch: {},
    events: [
      newEvent("notification_failed", SYSTEM, now, {
        visibility: "internal",
        note: options.reason,
        data: { recipient: options.recipient.kind, channel: options.channel, notification: options.notification },
      }),
    ],
    outbox:
      options.recipient.kind === "staff_room"
        ? []
        : deps.settings.staffRoomChannels.map((channel) => ({
            channel,
            recipient: { kind: "staff_room" as const },
            ticketId: current.id,
            notification: { kind: "staff.delivery_failed" as const, number: current.number, reason: options.reason },
          })),
  }));
}
