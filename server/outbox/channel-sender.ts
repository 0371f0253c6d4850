import type { Channel, Customer, Language, OutboxPayload, Staff } from "../../core/index.ts";

/**
 * Who a stored message goes to, resolved from the outbox row: the customer's or staff
 * member's account on the message's channel, or the staff room of that channel.
 */
export type DeliveryTarget =
  | { kind: "customer"; customer: Customer; externalId: string }
  | { kind: "staff"; staff: Staff; externalId: string }
  | { kind: "staff_room" };

export type OutgoingMessage = {
  outboxId: string;
  /** The catalog key and parameters (e.g. `notify.customer.survey` with `surveyId`, `link`). */
  payload: OutboxPayload;
  /** The payload rendered in the recipient's language; adapters may add buttons around it. */
  text: string;
  language: Language;
  ticketId?: string;
  ticketNumber?: string;
};

/**
 * What a channel answered. `retry` for rate limits and transient faults (the outbox tries
 * again later, honoring `afterSeconds`); `failed` for permanent refusals such as a user who
 * blocked the bot, which are recorded on the ticket and shown to staff.
 */
export type SendResult =
  | { status: "sent"; externalMessageId?: string }
  | { status: "retry"; reason: string; afterSeconds?: number }
  | { status: "failed"; reason: string };

/** One chat channel's way of delivering a message (Telegram, WeChat). */
export type ChannelSender = {
  channel: Channel;
  send(target: DeliveryTarget, message: OutgoingMessage): Promise<SendResult>;
};
