import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { requireAbility, requireStaff } from "./permissions.ts";
import { assertTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";

/** A supervisor approves or rejects paid service / HQ support (主管批准). A rejection needs a reason. */
export async function decideApproval(
  deps: CoreDeps,
  options: { number: string; decision: "approve" | "reject"; reason?: string; initiator: Initiator },
): Promise<Ticket> {
  const staffId = requireStaff(options.initiator);
  const staff = await deps.staff.findById(staffId);
  if (!staff) throw new AppError("forbidden");
  requireAbility(staff.role, "decideApproval");
  const reason = options.reason?.trim();
  if (options.decision === "reject" && !reason) {
    throw new AppError("validation", { params: { fields: ["reason"] }, detail: "a rejection needs a reason" });
  }
  const to = options.decision === "approve" ? "approved" : "rejected";
  return changeTicket(deps, options.number, (ticket, now) => {
    assertTransition(ticket.status, to);
    return {
      patch: { status: to },
      events: [
        newEvent(to, options.initiator, now, { ...(reason ? { note: reason } : {}) }),
        statusEvent(options.initiator, now, ticket.status, to, reason),
      ],
    };
  });
}
