import { contactUpdates, maskPhone, type ContactChannels, type MessageKey, type NotificationKind, type Ticket } from "../../core/index.ts";
import type { Translate } from "../../portal/src/portal-api.ts";

/** How the portal names each kind of update it promises (the survey reminder is the survey again). */
const KIND_LABELS: Partial<Record<NotificationKind, MessageKey>> = {
  "customer.accepted": "portal.updates.kind.customer.accepted",
  "customer.scheduled": "portal.updates.kind.customer.scheduled",
  "customer.reply": "portal.updates.kind.customer.reply",
  "customer.resolved": "portal.updates.kind.customer.resolved",
  "customer.closed": "portal.updates.kind.customer.closed",
  "customer.survey": "portal.updates.kind.customer.survey",
};

/** `w***@example.com`: enough for the customer to recognise, not enough to read off a screen. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1) return "***";
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * What the confirmation and ticket pages say about updates: exactly what the desk will send
 * and where (masked), from the same rule that plans the messages (core `contactUpdates`), or,
 * with nothing configured, that the ticket page is where updates appear.
 */
export function describeContactUpdates(ticket: Pick<Ticket, "channel" | "email" | "phone">, channels: ContactChannels, t: Translate): string[] {
  const updates = contactUpdates(ticket, channels);
  const labels = (kinds: NotificationKind[]) => kinds.flatMap((kind) => (KIND_LABELS[kind] ? [t(KIND_LABELS[kind])] : []));
  const lines: string[] = [];
  if (updates.sms.length) lines.push(t("portal.updates.sms", { phone: maskPhone(ticket.phone), kinds: labels(updates.sms) }));
  if (updates.email.length && ticket.email) lines.push(t("portal.updates.email", { email: maskEmail(ticket.email), kinds: labels(updates.email) }));
  return lines.length ? [...lines, t("portal.updates.page")] : [t("portal.updates.none")];
}
