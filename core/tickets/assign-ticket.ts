import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { actingStaff, requireAbility, requireMayWorkOn, requireStaff } from "./permissions.ts";
import { assertTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket, TicketStatus } from "./types.ts";

/** Statuses in which a new holder keeps the work where it is (a transfer, 转派). */
const TRANSFER_KEEPS_STATUS: readonly TicketStatus[] = ["assigned", "scheduled", "in_progress", "diagnosing"];

/**
 * Gives a ticket to exactly one staff member. From the desk (new, accepted, pending…) it
 * becomes `assigned`; a ticket already in someone's hands is transferred and keeps its
 * status. Assigning to the current holder changes nothing.
 */
export async function assignTicket(
  deps: CoreDeps,
  options: { number: string; assignee: string; initiator: Initiator },
): Promise<Ticket> {
  const actorId = requireStaff(options.initiator);
  const assignee = await deps.staff.findByReference(options.assignee);
  if (!assignee || !assignee.active) {
    throw new AppError("validation", { params: { fields: ["assignee"] }, detail: `unknown staff ${options.assignee}` });
  }
  const actor = await actingStaff(deps, options.initiator);
  if (!actor) throw new AppError("forbidden");
  if (assignee.id !== actorId) requireAbility(actor.role, "assignOthers");
  return changeTicket(deps, options.number, (ticket, now) => {
    if (ticket.assigneeId === assignee.id) return null;
    // Taking from the pool is open to everyone; a ticket another technician holds is theirs.
    if (ticket.assigneeId !== undefined) requireMayWorkOn(actor, ticket);
    const isTransfer = ticket.assigneeId !== undefined && TRANSFER_KEEPS_STATUS.includes(ticket.status);
    const nextStatus: TicketStatus = isTransfer ? ticket.status : "assigned";
    if (!isTransfer) assertTransition(ticket.status, nextStatus);
    const data = { assigneeId: assignee.id, assigneeName: assignee.name, previousAssigneeId: ticket.assigneeId ?? null };
    return {
      patch: {
        assigneeId: assignee.id,
        status: nextStatus,
        workCenterId: assignee.workCenterId ?? ticket.workCenterId,
        firstResponseAt: ticket.firstResponseAt ?? now,
        ...(ticket.status === "pending" ? { statusBeforePending: undefined } : {}),
      },
      events: [
        newEvent(isTransfer ? "transferred" : "assigned", options.initiator, now, { data }),
        ...(nextStatus !== ticket.status ? [statusEvent(options.initiator, now, ticket.status, nextStatus)] : []),
      ],
    };
  });
}

/** `/take`: a staff member assigns a ticket to themselves. */
export async function takeTicket(deps: CoreDeps, options: { number: string; initiator: Initiator }): Promise<Ticket> {
  const staffId = requireStaff(options.initiator);
  return assignTicket(deps, { number: options.number, assignee: staffId, initiator: options.initiator });
}
