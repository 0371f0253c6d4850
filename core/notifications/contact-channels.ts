import type { CoreSettings, OutboxIntent } from "../ports.ts";
import type { Channel, Ticket } from "../tickets/types.ts";
import type { Notification, NotificationKind } from "./notification.ts";

/** Channels that push a message to the customer's own chat account. */
export const PUSH_CHANNELS: readonly Channel[] = ["telegram", "wechat", "wecom"];

/**
 * The most an SMS may be about (seed 001: acceptance, the appointment, the result, and the
 * survey with a short link). SMS costs money and reaches a phone that may be asleep: nothing else.
 */
export const SMS_KINDS: readonly NotificationKind[] = ["customer.accepted", "customer.scheduled", "customer.resolved", "customer.survey"];

/** What goes by e-mail to an address the customer gave (e-mail has no quiet hours). */
export const EMAIL_KINDS: readonly NotificationKind[] = [
  "customer.accepted",
  "customer.scheduled",
  "customer.reply",
  "customer.resolved",
  "customer.closed",
  "customer.survey",
  "customer.survey_reminder",
];

/**
 * The contact channels the desk has configured, as kinds each can deliver (server/: an SMS
 * provider whose templates cover a kind; SMTP; a survey only when links can be made). Empty
 * lists: the channel is off.
 */
export type ContactChannels = { sms: readonly NotificationKind[]; email: readonly NotificationKind[] };

export const NO_CONTACT_CHANNELS: ContactChannels = { sms: [], email: [] };

/** What a ticket's customer will be told outside the ticket page, per contact channel (empty: nothing). */
export type ContactUpdates = { sms: NotificationKind[]; email: NotificationKind[] };

/**
 * The one rule of who hears what at the contact on a ticket: customers who reported from a
 * chat hear in that chat; those who reported on the portal or the API get SMS at the ticket's
 * phone and e-mail at the address they gave, for the kinds each channel may carry and can
 * deliver. The survey mail stands for the closing one (both come with a close), so a survey
 * by e-mail replaces the "closed" mail. The portal says exactly this to the customer.
 */
export function contactUpdates(ticket: Pick<Ticket, "channel" | "email">, channels: ContactChannels = NO_CONTACT_CHANNELS): ContactUpdates {
  if (PUSH_CHANNELS.includes(ticket.channel)) return { sms: [], email: [] };
  const sms = SMS_KINDS.filter((kind) => channels.sms.includes(kind));
  const emailKinds = ticket.email ? EMAIL_KINDS.filter((kind) => channels.email.includes(kind)) : [];
  const email = emailKinds.includes("customer.survey") ? emailKinds.filter((kind) => kind !== "customer.closed") : emailKinds;
  return { sms, email };
}

/**
 * The channels a customer notification of this kind goes out on for the ticket: the chat they
 * reported from while its bot runs, else SMS and e-mail as `contactUpdates` allows. Empty: the
 * customer sees it on the ticket page only. Adapters that tell staff whether a message reaches
 * the customer ask this, the same rule that plans the outbox rows.
 */
export function customerChannels(
  ticket: Pick<Ticket, "channel" | "email">,
  kind: NotificationKind,
  settings: Pick<CoreSettings, "contactChannels" | "chatChannels">,
): Channel[] {
  if (PUSH_CHANNELS.includes(ticket.channel)) {
    // A chat whose bot is off now (the ticket came in while it ran) gets nothing planned: the row would wait forever.
    if (settings.chatChannels && !settings.chatChannels.includes(ticket.channel)) return [];
    return [ticket.channel];
  }
  const updates = contactUpdates(ticket, settings.contactChannels);
  return [...(updates.sms.includes(kind) ? (["sms"] as const) : []), ...(updates.email.includes(kind) ? (["email"] as const) : [])];
}

/** The outbox rows that tell a ticket's customer something, on every channel that reaches them. */
export function customerIntents(
  ticket: Pick<Ticket, "id" | "channel" | "email" | "customerId">,
  notification: Notification,
  settings: Pick<CoreSettings, "contactChannels" | "chatChannels">,
): OutboxIntent[] {
  const recipient = { kind: "customer" as const, customerId: ticket.customerId };
  return customerChannels(ticket, notification.kind, settings).map((channel) => ({ channel, recipient, ticketId: ticket.id, notification }));
}
