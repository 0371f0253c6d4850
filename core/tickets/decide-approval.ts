import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { requireAbility, requireStaff } from "./permissions.ts";
import { assertTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";

/**
 * A supervisor approves or rejects paid service / HQ support (主管批准). A rejection needs a
 * reason, written for the customer: it is the note of the public `rejected` event, sent to
 * them (`customer.rejected`) and shown on their ticket page. Internal remarks about the
 * decision (a quote, a margin) go in `note`, an internal note the customer never sees.
 */
export async function decideApproval(
  deps: CoreDeps,
  options: { number: string; decision: "approve" | "reject"; reason?: string; note?: string; initiator: Initiator },
): Promise<Ticket> {
  const staffId = requireStaff(options.initiator);
  const staff = await deps.staff.findById(staffId);
  if (!staff) throw new AppError("forbidden");
  requireAbility(staff.role, "decideApproval");
  const reason = options.reason?.trim();
  if (options.decision === "reject" && !reason) {
    throw new AppError("validation", { params: { fields: ["reason"] }, detail: "a rejection needs a reason" });
  }
  const note = options.note?.trim();
  const to = options.decision === "approve" ? "approved" : "rejected";
  return changeTicket(deps, options.number, (ticket, now) => {
    assertTransition(ticket.status, to);
    return {
      patch: { status: to },
      events: [
        // An approval's words were always internal; a rejection's reason is for the customer.
        newEvent(to, options.initiator, now, { ...(reason ? { note: reason } : {}), ...(to === "approved" ? { visibility: "internal" as const } : {}) }),
        statusEvent(options.initiator, now, ticket.status, to),
        ...(note ? [newEvent("note", options.initiator, now, { note })] : []),
      ],
    };
  });
}
