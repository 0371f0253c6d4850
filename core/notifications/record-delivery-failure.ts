import type { CoreDeps, OutboxRecipient } from "../ports.ts";
import { changeTicket } from "../tickets/change-ticket.ts";
import { newEvent, SYSTEM } from "../tickets/ticket-event.ts";

/**
 * A message could not be delivered for good (the customer blocked the bot, the chat is
 * gone). The ticket's timeline records it for staff, and the staff room is told — unless
 * the staff room itself was the unreachable recipient.
 */
export type DeliveryFailure = { ticketId: string; recipient: OutboxRecipient; channel: string; reason: string; messageKey: string };

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
        data: { recipient: options.recipient.kind, channel: options.channel, messageKey: options.messageKey },
      }),
    ],
    outbox:
      options.recipient.kind === "staff_room"
        ? []
        : deps.settings.staffRoomChannels.map((channel) => ({
            channel,
            recipient: { kind: "staff_room" as const },
            ticketId: current.id,
            payload: { key: "notify.staff.delivery_failed", params: { number: current.number, reason: options.reason } },
          })),
  }));
}
