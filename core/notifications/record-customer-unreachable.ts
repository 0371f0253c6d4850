import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "../tickets/change-ticket.ts";
import { newEvent, SYSTEM } from "../tickets/ticket-event.ts";
import type { Channel } from "../tickets/types.ts";
import type { Notification } from "./notification.ts";

/** A message to a ticket's customer that their channel cannot carry now (the customer must write first). */
export type CustomerUnreachable = { ticketId: string; channel: Channel; notification: Notification };

/**
 * A chat channel that may only answer a customer for a while after they wrote (WeCom customer
 * service: 48 hours, 5 messages) holds a message until the customer writes again. Staff see it
 * on the timeline, so nobody believes the customer was told. When SMS is configured for this
 * kind of news, the same notification is queued as an SMS to the ticket's phone, and the event says so.
 * Returns whether an SMS was queued.
 */
export async function recordCustomerUnreachable(
  deps: Pick<CoreDeps, "tickets" | "clock" | "settings">,
  options: CustomerUnreachable,
): Promise<{ sms: boolean }> {
  const ticket = await deps.tickets.findById(options.ticketId);
  if (!ticket) return { sms: false };
  const sms = (deps.settings.contactChannels?.sms ?? []).includes(options.notification.kind) && ticket.phone.length > 0;
  await changeTicket(deps, ticket.number, (current, now) => ({
    patch: {},
    events: [
      newEvent("customer_unreachable", SYSTEM, now, {
        visibility: "internal",
        data: { channel: options.channel, notification: options.notification.kind, sms },
      }),
    ],
    outbox: sms
      ? [{ channel: "sms" as const, recipient: { kind: "customer" as const, customerId: current.customerId }, ticketId: current.id, notification: options.notification }]
      : [],
  }));
  return { sms };
}
