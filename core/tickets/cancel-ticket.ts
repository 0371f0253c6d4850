import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { actingStaff, requireMayWorkOn, requireOwnTicket } from "./permissions.ts";
import { assertTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";

/** Cancels an open ticket: staff, or the customer who reported it. */
export async function cancelTicket(
  deps: CoreDeps,
  options: { number: string; reason?: string; initiator: Initiator },
): Promise<Ticket> {
  const staff = await actingStaff(deps, options.initiator);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    requireMayWorkOn(staff, ticket);
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
