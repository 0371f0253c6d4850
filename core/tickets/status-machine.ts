import { AppError } from "../errors.ts";
import { TICKET_STATUSES, type TicketStatus } from "./types.ts";

/**
 * The lifecycle of domain.md as an explicit table: for each status, the statuses it may
 * move to. Anything not listed is illegal. Actions (assign, close, reopen…) pick their
 * target status and are checked against this table; none bypasses it.
 *
 * Notes on the less obvious rows:
 * - `new`/`accepted` → `closed` is first-contact resolution (answered and closed at intake).
 * - `pending` returns to where the work was (any working status); the ticket remembers it.
 * - `resolved`/`closed` → `accepted` is a reopen (only within the reopen window, checked by
 *   the reopen use case); `resolved` → `in_progress` is a customer objecting before close.
 * - `rejected` (approval refused) goes back to the desk (`accepted`) or ends the ticket.
 */
export const TRANSITIONS: { readonly [S in TicketStatus]: readonly TicketStatus[] } = {
  new: ["accepted", "diagnosing", "assigned", "pending", "awaiting_approval", "resolved", "closed", "cancelled"],
  accepted: ["diagnosing", "assigned", "pending", "awaiting_approval", "resolved", "closed", "cancelled"],
  diagnosing: ["awaiting_approval", "assigned", "scheduled", "in_progress", "pending", "resolved", "cancelled"],
  awaiting_approval: ["approved", "rejected", "cancelled"],
  approved: ["assigned", "scheduled", "in_progress", "pending", "cancelled"],
  rejected: ["accepted", "closed", "cancelled"],
  assigned: ["accepted", "diagnosing", "awaiting_approval", "scheduled", "in_progress", "pending", "resolved", "cancelled"],
  scheduled: ["diagnosing", "awaiting_approval", "in_progress", "pending", "resolved", "cancelled"],
  in_progress: ["diagnosing", "awaiting_approval", "scheduled", "pending", "resolved", "cancelled"],
  pending: ["accepted", "diagnosing", "assigned", "scheduled", "in_progress", "resolved", "cancelled"],
  resolved: ["closed", "in_progress", "accepted"],
  closed: ["accepted"],
  cancelled: [],
};

export const TERMINAL_STATUSES: readonly TicketStatus[] = ["closed", "cancelled"];

/** Statuses in which the ticket still needs work from the desk: all but resolved and the terminal ones. */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (status) => status !== "resolved" && !TERMINAL_STATUSES.includes(status),
);

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `illegal_transition` naming the current status and the allowed next ones. */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError("illegal_transition", {
      params: { from, to, allowed: [...TRANSITIONS[from]] },
      detail: `cannot move a ticket from ${from} to ${to}`,
    });
  }
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The statuses a ticket may move to from this one (the console offers only these). */
export function nextStatuses(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}
