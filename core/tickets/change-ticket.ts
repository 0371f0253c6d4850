import { AppError } from "../errors.ts";
import { planNotifications } from "../notifications/plan-notifications.ts";
import type { CoreDeps, NewSurvey, OutboxIntent, TicketChange } from "../ports.ts";
import { parseTicketNumber } from "./numbering.ts";
import { OPEN_STATUSES } from "./status-machine.ts";
import { newEvent, SYSTEM } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket } from "./types.ts";

export type ChangePlan = {
  patch: TicketChange["patch"];
  events: NewTicketEvent[];
  /** Extra messages beyond what the notification policy derives from the events. */
  outbox?: OutboxIntent[];
  survey?: NewSurvey;
  /** Files to add to the ticket in the same write. */
  addAttachments?: TicketChange["addAttachments"];
};

const MAX_ATTEMPTS = 3;

/**
 * Rules every status change obeys, whichever use case made it, so no path can forget them:
 * - leaving `pending` resumes the resolution clock (a `clock_resumed` event);
 * - leaving `resolved` for more work (the customer objected) un-resolves the ticket, so
 *   its resolution clock runs again;
 * - a change of status, urgency or category makes the scheduler look at the SLA clocks at
 *   its next pass (it then computes when to look again).
 */
function applyClockRules(ticket: Ticket, planned: ChangePlan, now: Date): void {
  const next = planned.patch.status;
  if (next && next !== ticket.status) {
    if (ticket.status === "pending" && next !== "pending") {
      if (!planned.events.some((event) => event.type === "clock_resumed")) {
        planned.events.push(newEvent("clock_resumed", planned.events[0] ? { actor: planned.events[0].actor, channel: planned.events[0].channel } : SYSTEM, now, { data: { clock: "resolution" } }));
      }
      if (!("statusBeforePending" in planned.patch)) planned.patch.statusBeforePending = undefined;
    }
    if (ticket.status === "resolved" && OPEN_STATUSES.includes(next)) {
      planned.patch.resolvedAt = undefined;
      planned.patch.resolution = undefined;
    }
  }
  const touchesClocks = (["status", "urgency", "category"] as const).some((field) => field in planned.patch && planned.patch[field] !== ticket[field]);
  if (touchesClocks && !("slaCheckAt" in planned.patch)) planned.patch.slaCheckAt = now;
}

/**
 * The one way a ticket changes: load it, let the use case plan the change against what it
 * sees, save patch + timeline events + outgoing messages atomically, guarded by the
 * ticket's version. When another change won the race, plan again against the new state:
 * two staff closing the same ticket at once end with one close and one clear
 * `illegal_transition` (closed → closed), never with two.
 */
export async function changeTicket(
  deps: Pick<CoreDeps, "tickets" | "clock" | "settings">,
  number: string,
  plan: (ticket: Ticket, now: Date) => ChangePlan | null | Promise<ChangePlan | null>,
): Promise<Ticket> {
  const normalized = parseTicketNumber(number, deps.settings.numberPrefix);
  if (!normalized) throw new AppError("not_found", { params: { number } });
  for (let attempt = 1; ; attempt++) {
    const ticket = await deps.tickets.findByNumber(normalized);
    if (!ticket) throw new AppError("not_found", { params: { number } });
    const now = deps.clock.now();
    const planned = await plan(ticket, now);
    // Nothing to do (already in the wanted state): no write, no version bump.
    if (!planned || (planned.events.length === 0 && Object.keys(planned.patch).length === 0)) return ticket;
    applyClockRules(ticket, planned, now);
    const after: Ticket = { ...ticket, ...planned.patch, updatedAt: now };
    const outbox = [...planNotifications(after, planned.events, deps.settings), ...(planned.outbox ?? [])];
    try {
      return await deps.tickets.update({
        ticketId: ticket.id,
        expectedVersion: ticket.version,
        patch: { ...planned.patch, updatedAt: now },
        events: planned.events,
        outbox,
        ...(planned.survey ? { survey: planned.survey } : {}),
        ...(planned.addAttachments?.length ? { addAttachments: planned.addAttachments } : {}),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "conflict" && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
