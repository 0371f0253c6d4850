import type { RenderedMessage } from "../i18n/render-notification.ts";
import type { Channel, Customer, Language, Staff } from "../tickets/types.ts";
import type { OutboxRecipient } from "../ports.ts";
import type { Notification } from "./notification.ts";

/**
 * The contract between the outbox worker (server/outbox) and a chat channel's sender
 * (bot/telegram, later WeChat): the worker resolves who a stored message is for and renders
 * it; the sender only delivers.
 */

/**
 * Who a stored message goes to, resolved from the outbox row: the customer's or staff
 * member's account on the message's channel (for SMS and e-mail: the phone and the address
 * on the ticket), or the staff room of that channel.
 */
export type DeliveryTarget =
  | { kind: "customer"; customer: Customer; externalId: string }
  | { kind: "staff"; staff: Staff; externalId: string }
  | { kind: "staff_room" };

export type OutgoingMessage = {
  outboxId: string;
  /** The message in the recipient's language: text, and buttons, files and links a channel may show around it. */
  rendered: RenderedMessage;
  /**
   * What the message is about, typed, for decisions a channel makes beyond showing it
   * (Telegram: a forum topic per new ticket, which posts link back to the ticket).
   */
  notification: Notification;
  language: Language;
  ticketId?: string;
};

/**
 * What a channel answered. `retry` for rate limits and transient faults (the outbox tries
 * again later, honoring `afterSeconds`); `held` when the recipient cannot be reached for now;
 * `failed` for permanent refusals such as a user who
 * blocked the bot, which are recorded on the ticket and shown to staff.
 */
export type SendResult =
  | { status: "sent"; externalMessageId?: string }
  /**
   * The channel may not message this recipient before `until` (WeCom customer service: until
   * the customer writes again). Not an attempt: the row and the recipient's later rows wait,
   * however long; the channel may release them sooner (the customer wrote).
   */
  | { status: "held"; reason: string; until: Date }
  | { status: "retry"; reason: string; afterSeconds?: number }
  | { status: "failed"; reason: string };

/** One channel's way of delivering a message (Telegram, WeChat, SMS, e-mail). */
export type ChannelSender = {
  channel: Channel;
  send(target: DeliveryTarget, message: OutgoingMessage): Promise<SendResult>;
  /**
   * A channel that may not send at some hours (SMS at night) names when its messages may go
   * again; the worker then holds them until that instant without counting an attempt.
   */
  holdUntil?(now: Date): Date | null;
  /**
   * A recipient the channel should not write to yet (a Telegram staff group whose share of
   * the bot's message budget is used up); the worker leaves that recipient's messages due,
   * without an attempt, and serves the others meanwhile.
   */
  holdRecipientUntil?(recipient: OutboxRecipient, now: Date): Date | null;
};
