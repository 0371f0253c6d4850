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
