import type { FieldIssue } from "./report.ts";
import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { cancelTicket } from "./cancel-ticket.ts";
import { decideApproval } from "./decide-approval.ts";
import { requireTicketNumber } from "./numbering.ts";
import { changeTicket } from "./change-ticket.ts";
import { closeTicket } from "./close-ticket.ts";
import { actingStaff, requireMayWorkOn, requireStaff } from "./permissions.ts";
import { reopenTicket } from "./reopen-ticket.ts";
import { assertTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket, TicketStatus } from "./types.ts";

export type ChangeStatusOptions = {
  number: string;
  status: TicketStatus;
  note?: string;
  /** With `scheduled`: the agreed visit time. */
  appointmentAt?: Date;
  initiator: Initiator;
};

/**
 * Staff move a ticket along the lifecycle (`/status <number> <status> [note]`). Statuses
 * that carry more meaning than a label are routed to their own use case: closing opens a
 * survey, cancelling records a reason, accepting a finished ticket is a reopen.
 */
export async function changeStatus(deps: CoreDeps, options: ChangeStatusOptions): Promise<Ticket> {
  requireStaff(options.initiator);
  const { number, note, initiator } = options;
  switch (options.status) {
    case "closed":
      return closeTicket(deps, { number, initiator, ...(note ? { resolution: note } : {}) });
    case "cancelled":
      return cancelTicket(deps, { number, initiator, ...(note ? { reason: note } : {}) });
    case "assigned":
      throw new AppError("validation", { params: { fields: ["status"] }, detail: "use assign to choose who holds the ticket" });
    // Approval decisions belong to supervisors and a rejection needs its reason, which (like a
    // close's resolution and a cancel's reason) is written for the customer.
    case "approved":
      return decideApproval(deps, { number, decision: "approve", initiator });
    case "rejected":
      return decideApproval(deps, { number, decision: "reject", initiator, ...(note ? { reason: note } : {}) });
    default:
      break;
  }
  const current = await deps.tickets.findByNumber(requireTicketNumber(number, deps.settings.numberPrefix));
  if (current && options.status === "accepted" && (current.status === "resolved" || current.status === "closed")) {
    return reopenTicket(deps, { number, initiator, ...(note ? { reason: note } : {}) });
  }

  const staff = await actingStaff(deps, initiator);
  return changeTicket(deps, number, (ticket, now) => {
    requireMayWorkOn(staff, ticket);
    const to = options.status;
    // Finished meanwhile (a race with the check above): accepting it again is a reopen, with its window.
    if (to === "accepted" && (ticket.status === "resolved" || ticket.status === "closed")) throw new AppError("conflict");
    assertTransition(ticket.status, to);
    const events: NewTicketEvent[] = [statusEvent(initiator, now, ticket.status, to, note)];
    const patch: Partial<Ticket> = { status: to, firstResponseAt: ticket.firstResponseAt ?? now };
    // Back to the desk: it waits for dispatch again, so nobody holds it (a key set to undefined clears it).
    if (to === "accepted" && ticket.assigneeId) patch.assigneeId = undefined;
    if (to === "pending") {
      patch.statusBeforePending = ticket.status;
      events.push(newEvent("clock_paused", initiator, now, { data: { clock: "resolution" } }));
    }
    if (to === "resolved") {
      patch.resolvedAt = now;
      if (note) patch.resolution = note;
    }
    if (to === "scheduled" && options.appointmentAt) {
      // A visit is booked ahead: a time already gone is a typo (wrong day or month), not a booking.
      if (options.appointmentAt.getTime() <= now.getTime()) {
        const issue: FieldIssue = { field: "appointmentAt", problem: { kind: "in_past" } };
        throw new AppError("validation", { params: { fields: ["appointmentAt"], issues: [issue] }, detail: "appointment in the past" });
      }
      patch.appointmentAt = options.appointmentAt;
      events.push(newEvent("appointment_set", initiator, now, { data: { appointmentAt: options.appointmentAt } }));
    }
    return { patch, events };
  });
}
