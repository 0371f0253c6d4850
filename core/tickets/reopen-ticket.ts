import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { actingStaff, requireMayWorkOn, requireOwnTicket } from "./permissions.ts";
import { assertTransition, TRANSITIONS } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";

/**
 * The reopen window: a closed ticket may be reopened within this many days of closing (the
 * customer's close message promises exactly that), a resolved one within as many days of
 * its resolution. One rule for staff reopens and a customer's "not fixed".
 */
export function withinReopenWindow(ticket: Pick<Ticket, "closedAt" | "resolvedAt" | "updatedAt">, now: Date, days: number): boolean {
  const since = ticket.closedAt ?? ticket.resolvedAt ?? ticket.updatedAt;
  return now.getTime() - since.getTime() <= days * 24 * 60 * 60 * 1000;
}

/**
 * Sends a resolved or closed ticket back to the desk (`accepted`), within the reopen window
 * (`withinReopenWindow`). Staff or the ticket's own customer may reopen.
 */
export async function reopenTicket(
  deps: CoreDeps,
  options: { number: string; reason?: string; initiator: Initiator },
): Promise<Ticket> {
  const staff = await actingStaff(deps, options.initiator);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    requireMayWorkOn(staff, ticket);
    assertTransition(ticket.status, "accepted");
    if (ticket.status !== "resolved" && ticket.status !== "closed") {
      // accepted is reachable from other statuses too, but that is not a reopen.
      throw new AppError("illegal_transition", { params: { from: ticket.status, to: "accepted", allowed: [...TRANSITIONS[ticket.status]] } });
    }
    if (!withinReopenWindow(ticket, now, deps.settings.reopenWindowDays)) {
      throw new AppError("reopen_window_passed", { params: { days: deps.settings.reopenWindowDays } });
    }
    return {
      patch: { status: "accepted", resolvedAt: undefined, closedAt: undefined },
      events: [
        newEvent("reopened", options.initiator, now, { ...(options.reason ? { note: options.reason } : {}) }),
        statusEvent(options.initiator, now, ticket.status, "accepted", options.reason),
      ],
    };
  });
}
