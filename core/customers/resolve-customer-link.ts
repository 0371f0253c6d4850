import type { ChannelIdentity, Customer } from "../tickets/types.ts";

/** The chat account a report came from; `phoneVerified` as in reportSchema (core/tickets/report.ts). */
export type ReportIdentity = ChannelIdentity & { phoneVerified?: boolean };

/** What a store found for a report, before it writes anything (both lookups in its transaction). */
export type CustomerLinkFacts = {
  /** The sender's chat account; absent for reports from the portal or the API. */
  identity?: ReportIdentity;
  /** The customer that chat account already belongs to, if any. */
  identityCustomer: Pick<Customer, "id" | "phone"> | null;
  /** The customer who holds the report's phone, if any (phones are unique to one customer). */
  phoneCustomer: Pick<Customer, "id"> | null;
};

/** Whose ticket a report becomes, and what the store writes to link it. */
export type CustomerLink =
  /** The chat account's own customer; `takesPhone` when they have none yet and nobody else holds this one. */
  | { kind: "identity"; customerId: string; takesPhone: boolean }
  /** The phone's owner; `linksIdentity` when a chat account (with a verified phone) joins them. */
  | { kind: "phone"; customerId: string; linksIdentity: boolean }
  /** A new customer, who `hasPhone` unless someone else holds it, linked to the chat account if there is one. */
  | { kind: "new"; hasPhone: boolean; linksIdentity: boolean };

/**
 * Which customer a report joins: one customer per channel identity, and per phone where
 * that is safe. Both stores (db/ticket-store.ts, test/fakes/memory-stores.ts) do the lookups
 * and writes inside their intake transaction; this decides, and intake uses it to find the
 * customer's earlier complaints.
 *
 * - A known chat account wins: the chat user sees their tickets in /status even when
 *   reporting for someone else's phone.
 * - A new chat account joins the customer who owns the phone only when the channel
 *   verified the phone as the sender's own (Telegram: their own contact card). Otherwise
 *   it becomes a customer of its own, without the phone (which stays unique to its owner):
 *   typing a stranger's phone must not open the stranger's tickets or divert their
 *   notifications.
 * - A report without a chat account (portal, API) joins the phone's customer: it grants no
 *   access to other tickets (the portal asks for the ticket number and phone each time).
 */
export function resolveCustomerLink(facts: CustomerLinkFacts): CustomerLink {
  const { identity, identityCustomer, phoneCustomer } = facts;
  if (identity && identityCustomer) {
    return { kind: "identity", customerId: identityCustomer.id, takesPhone: !identityCustomer.phone && !phoneCustomer };
  }
  const hasIdentity = identity !== undefined;
  const mayJoinPhoneOwner = !hasIdentity || identity.phoneVerified === true;
  if (phoneCustomer && mayJoinPhoneOwner) return { kind: "phone", customerId: phoneCustomer.id, linksIdentity: hasIdentity };
  return { kind: "new", hasPhone: !phoneCustomer, linksIdentity: hasIdentity };
}

/** The existing customer a link names, or null when the report makes a new one. */
export function linkedCustomerId(link: CustomerLink): string | null {
  return link.kind === "new" ? null : link.customerId;
}
