import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Initiator } from "./ticket-event.ts";
import type { Staff, StaffRole, Ticket } from "./types.ts";

/** What each staff role may do beyond working on tickets (which every role may). */
const ROLE_ABILITIES = {
  assignOthers: ["agent", "supervisor", "admin"],
  decideApproval: ["supervisor", "admin"],
  /** Low-score follow-ups (the customer was promised a supervisor's call). */
  followUp: ["supervisor", "admin"],
  manageStaff: ["admin"],
  configure: ["admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Ability = keyof typeof ROLE_ABILITIES;

/** The acting staff member's id; throws `forbidden` for customers and the system. */
export function requireStaff(initiator: Initiator): string {
  if (initiator.actor.kind !== "staff") throw new AppError("forbidden", { detail: "staff only" });
  return initiator.actor.id;
}

/** The roles that have an ability: adapters list commands and refuse early by it; the use cases still check. */
export function rolesWith(ability: Ability): readonly StaffRole[] {
  return ROLE_ABILITIES[ability];
}

export function hasAbility(role: StaffRole, ability: Ability): boolean {
  return (ROLE_ABILITIES[ability] as readonly StaffRole[]).includes(role);
}

export function requireAbility(role: StaffRole, ability: Ability): void {
  if (!hasAbility(role, ability)) throw new AppError("forbidden", { detail: `${role} may not ${ability}` });
}

/** Customers act only on their own tickets; the answer is the same as for a missing one. */
export function requireOwnTicket(initiator: Initiator, ticket: Ticket): void {
  if (initiator.actor.kind === "customer" && initiator.actor.id !== ticket.customerId) {
    throw new AppError("not_found", { params: { number: ticket.number }, detail: "not the customer's ticket" });
  }
}

/**
 * Who works on a ticket. Agents, supervisors and admins act on any ticket; a technician acts
 * only on tickets assigned to them, and may take one nobody holds (`take` checks that).
 *
 * "Acting" is every change a customer or the record would attribute to the holder: a status
 * change (an appointment included), close, cancel, reopen, a reply to the customer, a
 * category/urgency correction, a return-visit record, taking a ticket someone else holds.
 * Not acting, so open to every role: reading a ticket, an internal note (a colleague's advice
 * stays among staff and changes nothing) and `/escalate` (anyone who sees danger must be able
 * to raise the alarm).
 */
export function mayWorkOn(staff: Pick<Staff, "id" | "role">, ticket: Pick<Ticket, "assigneeId">): boolean {
  return staff.role !== "technician" || ticket.assigneeId === staff.id;
}

/** The acting staff member, looked up once before a change is planned; null for customers and the system. */
export async function actingStaff(deps: Pick<CoreDeps, "staff">, initiator: Initiator): Promise<Staff | null> {
  if (initiator.actor.kind !== "staff") return null;
  const staff = await deps.staff.findById(initiator.actor.id);
  if (!staff || !staff.active) throw new AppError("forbidden", { detail: "unknown or inactive staff" });
  return staff;
}

/** Throws `forbidden` (reason `not_assignee`) when `staff` may not work on `ticket`; customers and the system pass. */
export function requireMayWorkOn(staff: Staff | null, ticket: Ticket): void {
  if (staff && !mayWorkOn(staff, ticket)) {
    throw new AppError("forbidden", { params: { reason: "not_assignee", number: ticket.number }, detail: `${staff.role} ${staff.id} does not hold ${ticket.number}` });
  }
}
