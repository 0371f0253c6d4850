import type { CoreDeps } from "../ports.ts";
import { planClose } from "../tickets/close-ticket.ts";
import { changeTicket } from "../tickets/change-ticket.ts";
import { SYSTEM } from "../tickets/ticket-event.ts";

/**
 * Resolved tickets the customer did not object to within N days (default 7) close by
 * themselves, with the usual survey. A customer's objection (any message on the resolved
 * ticket, or "not fixed") takes the ticket out of `resolved` in the same write, so it is
 * never a candidate here. The versioned change makes it once: a ticket reopened
 * or closed by staff in the meantime is left alone.
 */
export async function autoCloseResolved(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - deps.settings.autoCloseDays * 24 * 3600_000);
  let closed = 0;
  for (const candidate of await deps.scheduling.autoCloseCandidates(before, 200)) {
    await changeTicket(deps, candidate.number, (ticket, at) => {
      if (ticket.status !== "resolved" || !ticket.resolvedAt || ticket.resolvedAt > before) return { patch: {}, events: [] };
      closed++;
      // The staff's resolution stays the ticket's resolution (the customer reads it); why it
      // closed is the status change's note.
      const plan = planClose(deps, ticket, at, SYSTEM);
      const close = plan.events.find((event) => event.type === "status_changed" && event.toStatus === "closed");
      if (close) close.note = `auto-closed after ${deps.settings.autoCloseDays} days without objection`;
      return plan;
    });
  }
  return closed;
}
