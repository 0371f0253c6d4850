import { REPORT_LIMITS } from "./check-report-field.ts";
import { isOpen, OPEN_STATUSES } from "./status-machine.ts";
import type { TicketStatus } from "./types.ts";

/**
 * Statuses in which a customer may still write on their ticket (add words, photos, a voice
 * note): while it is open, and once it is resolved, until it closes (they may be confirming
 * or objecting). Every channel asks this one rule: the core's intake of customer messages,
 * the portal's message box, the bots' relay of a customer's chat.
 */
export const CUSTOMER_WRITABLE_STATUSES: readonly TicketStatus[] = [...OPEN_STATUSES, "resolved"];

export function customerMayWrite(status: TicketStatus): boolean {
  return CUSTOMER_WRITABLE_STATUSES.includes(status);
}

/** A customer may chase (催单) only a ticket that is still being worked on. */
export function customerMayChase(status: TicketStatus): boolean {
  return isOpen(status);
}

/**
 * The longest text a person writes into a ticket in one go: a report's description, a staff
 * note or reply, a customer's message. Chat channels keep the first this-many characters of a
 * longer message; forms and the API refuse it.
 */
export const TEXT_MAX_LENGTH = REPORT_LIMITS.description;

/**
 * A customer may cancel their own ticket while the work is not done yet: in any open status
 * (the status machine allows `cancelled` from each). Once resolved, it is confirmed or
 * objected to instead; closed and cancelled tickets are finished.
 */
export function customerMayCancel(status: TicketStatus): boolean {
  return isOpen(status);
}

/** A customer confirms the fix (and so closes the ticket) while it is resolved. */
export function customerMayConfirm(status: TicketStatus): boolean {
  return status === "resolved";
}

/**
 * A customer may say the problem is not fixed once the desk reported it done: a resolved
 * ticket goes back to work; a closed one reopens within the reopen window, and after it a
 * linked follow-up ticket is opened (core/tickets/respond-to-resolution.ts).
 */
export function customerMayObject(status: TicketStatus): boolean {
  return status === "resolved" || status === "closed";
}
