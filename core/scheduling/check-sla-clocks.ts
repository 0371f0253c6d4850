import { planSupervisorAlert } from "../notifications/alert-supervisors.ts";
import type { Notification } from "../notifications/notification.ts";
import type { CoreDeps, OutboxIntent } from "../ports.ts";
import { clockEvents } from "../sla/clock-events.ts";
import type { ClockPause, ClockState } from "../sla/clock.ts";
import type { SlaClockKind } from "../sla/policy.ts";
import { changeTicket } from "../tickets/change-ticket.ts";
import { newEvent, SYSTEM } from "../tickets/ticket-event.ts";
import type { NewTicketEvent, Ticket, TicketEvent, Urgency } from "../tickets/types.ts";

/** Breaches of these are escalated to supervisors at once. */
const ESCALATE_ON_BREACH: readonly Urgency[] = ["urgent", "high"];

const FLAGS = {
  first_response: { warned: "firstResponseWarnedAt", breached: "firstResponseBreachedAt" },
  resolution: { warned: "resolutionWarnedAt", breached: "resolutionBreachedAt" },
} as const;

/** Pending intervals of the resolution clock, from the timeline's pause/resume events. */
export function pausesFrom(events: readonly TicketEvent[]): ClockPause[] {
  const pauses: ClockPause[] = [];
  let open: Date | undefined;
  for (const event of events) {
    if (event.type === "clock_paused" && !open) open = event.at;
    if (event.type === "clock_resumed" && open) {
      pauses.push({ from: open, to: event.at });
      open = undefined;
    }
  }
  if (open) pauses.push({ from: open });
  return pauses;
}

function clockStop(ticket: Ticket, kind: SlaClockKind): Date | undefined {
  return kind === "first_response" ? ticket.firstResponseAt : ticket.resolvedAt;
}

/** When this clock next needs a look: its next unrecorded threshold, or never (stopped, paused, all recorded). */
function nextLook(state: ClockState, recorded: { warned: boolean; breached: boolean }, now: Date): Date | undefined {
  // A paused clock's thresholds move with the pause; the resume (a status change) re-arms the check.
  if (state.stoppedAt || state.status === "paused" || recorded.breached) return undefined;
  if (!recorded.warned && state.warnAt > now) return state.warnAt;
  return state.dueAt > now ? state.dueAt : undefined;
}

/**
 * Records SLA warnings and breaches that are due, each once: the flag is written in the
 * same versioned change as its event, so a second pass — or a pass racing a staff change —
 * replans against the recorded flag and emits nothing. The assignee and the staff room are
 * told; a breach of urgent or high work is escalated to supervisors. Each evaluation also
 * sets when to look next (`slaCheckAt`), so the set of candidates drains: settled clocks
 * (met, breached, or waiting on the customer) are not evaluated again until a change
 * re-arms them.
 */
export async function checkSlaClocks(deps: CoreDeps, options: { limit?: number } = {}): Promise<{ recorded: number; failed: number }> {
  const now = deps.clock.now();
  const candidates = await deps.scheduling.slaCandidates(now, options.limit ?? 200);
  let recorded = 0;
  let failed = 0;
  for (const candidate of candidates) {
    try {
      recorded += await checkTicket(deps, candidate);
    } catch {
      // One ticket that cannot be evaluated (e.g. racing changes three times) must not stop
      // the others; it stays a candidate and is tried again at the next pass.
      failed++;
    }
  }
  return { recorded, failed };
}

async function checkTicket(deps: CoreDeps, candidate: Ticket): Promise<number> {
  const timeline = await deps.tickets.events(candidate.id);
  const pauses = pausesFrom(timeline);
  const alert = await planSupervisorAlert(deps, { includeStaffRoom: false });
  let recorded = 0;
  await changeTicket(deps, candidate.number, (ticket, at) => {
    const events: NewTicketEvent[] = [];
    const outbox: OutboxIntent[] = [];
    const patch: Partial<Ticket> = {};
    const looks: Date[] = [];
    let breachedNow = false;
    for (const kind of ["first_response", "resolution"] as const) {
      const stoppedAt = clockStop(ticket, kind);
      const state = deps.settings.sla.evaluate({
        kind,
        startedAt: ticket.createdAt,
        urgency: ticket.urgency,
        category: ticket.category,
        ...(ticket.workCenterId ? { workCenterId: ticket.workCenterId } : {}),
        ...(kind === "resolution" ? { pauses } : {}),
        ...(stoppedAt ? { stoppedAt } : {}),
        now: at,
      });
      const flags = FLAGS[kind];
      const before = { warned: Boolean(ticket[flags.warned]), breached: Boolean(ticket[flags.breached]) };
      const { events: due, recorded: after } = clockEvents(before, state);
      for (const clockEvent of due) {
        const isBreach = clockEvent.type === "sla_breached";
        patch[isBreach ? flags.breached : flags.warned] = at;
        breachedNow ||= isBreach;
        events.push(newEvent(clockEvent.type, SYSTEM, at, { visibility: "internal", data: { clock: kind, dueAt: state.dueAt, crossedAt: clockEvent.at } }));
        const notification: Notification = { kind: isBreach ? "staff.sla_breached" : "staff.sla_warning", number: ticket.number, clock: kind, dueAt: state.dueAt };
        for (const channel of deps.settings.staffRoomChannels) {
          outbox.push({ channel, recipient: { kind: "staff_room" }, ticketId: ticket.id, notification });
          if (ticket.assigneeId) outbox.push({ channel, recipient: { kind: "staff", staffId: ticket.assigneeId }, ticketId: ticket.id, notification });
        }
      }
      // A breach recorded without a warning (the pass came late) settles the warning too.
      if (after.breached && !ticket[flags.warned] && !patch[flags.warned]) patch[flags.warned] = at;
      const look = nextLook(state, after, at);
      if (look) looks.push(look);
    }
    if (breachedNow && ESCALATE_ON_BREACH.includes(ticket.urgency) && ticket.status !== "resolved") {
      events.push(newEvent("escalated", SYSTEM, at, { visibility: "internal", data: { cause: "sla_breached" } }));
      events.push(alert.event(at));
      outbox.push(...alert.address(ticket.id, { kind: "staff.escalated", number: ticket.number, reason: { kind: "sla_breached" } }));
    }
    patch.slaCheckAt = looks.length > 0 ? new Date(Math.min(...looks.map((look) => look.getTime()))) : undefined;
    // The alert's record is bookkeeping about the escalation, not an SLA event of its own.
    recorded = events.filter((event) => event.type !== "supervisors_alerted").length;
    return { patch, events, outbox };
  });
  return recorded;
}
