import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { customerMayCancel } from "./customer-rights.ts";
import { changeTicket } from "./change-ticket.ts";
import { actingStaff, requireMayWorkOn, requireOwnTicket } from "./permissions.ts";
import { assertTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";

/**
 * Cancels an open ticket: staff, or the customer who reported it while the work is not done
 * (`customerMayCancel`); staff are told when a customer cancels.
 */
export async function cancelTicket(
  deps: CoreDeps,
  options: { number: string; reason?: string; initiator: Initiator },
): Promise<Ticket> {
  const staff = await actingStaff(deps, options.initiator);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    requireMayWorkOn(staff, ticket);
    if (options.initiator.actor.kind === "customer" && !customerMayCancel(ticket.status)) {
      throw new AppError("ticket_not_open", { params: { status: ticket.status } });
    }
    assertTransition(ticket.status, "cancelled");
    return {
      patch: { status: "cancelled", closedAt: now },
      events: [
        newEvent("cancelled", options.initiator, now, { ...(options.reason ? { note: options.reason } : {}) }),
        statusEvent(options.initiator, now, ticket.status, "cancelled", options.reason),
      ],
    };
  });
}
