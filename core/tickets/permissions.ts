import { AppError } from "../errors.ts";
import type { Initiator } from "./ticket-event.ts";
import type { StaffRole, Ticket } from "./types.ts";

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
