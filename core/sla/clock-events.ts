/**
 * Which SLA events to record after evaluating a clock, so that a scheduler evaluating the
 * same clock again and again records each warning and each breach at most once. The
 * scheduler persists the returned flags with the clock and passes them back next time.
 */
import type { TicketEventType } from "../tickets/types.ts";
import type { ClockState } from "./clock.ts";

export type SlaEventType = Extract<TicketEventType, "sla_warning" | "sla_breached">;

/** What has already been recorded for one clock. Start with both `false`. */
export type RecordedClockFlags = { readonly warned: boolean; readonly breached: boolean };

/** An event to record; `at` is when the threshold was crossed (the clock's `warnAt` or `dueAt`), which may be before now. */
export type ClockEvent = { readonly type: SlaEventType; readonly at: Date };

export type ClockTransition = {
  /** Events to record now, in timeline order (empty most of the time). */
  readonly events: readonly ClockEvent[];
  /** The flags to persist after recording them. */
  readonly recorded: RecordedClockFlags;
};

export const NOTHING_RECORDED: RecordedClockFlags = { warned: false, breached: false };

/**
 * The events to record now, given what was recorded before and the clock's current state.
 *
 * - `sla_breached` once, as soon as the clock is past due — also when it was stopped late
 *   and the scheduler never saw it running past due.
 * - `sla_warning` once, when the warning threshold has been reached while the clock is still
 *   open and not breached (a paused clock that crossed it still warns). No warning is
 *   recorded after a breach or for a clock met on time: if the scheduler missed the warning
 *   window, the breach alone is recorded, since a warning then would only be noise.
 */
export function clockEvents(previous: RecordedClockFlags, state: ClockState): ClockTransition {
  const events: ClockEvent[] = [];
  const open = state.stoppedAt === undefined;
  const warnNow = open && state.warningReached && !state.breached && !previous.warned && !previous.breached;
  if (warnNow) events.push({ type: "sla_warning", at: state.warnAt });
  const breachNow = state.breached && !previous.breached;
  if (breachNow) events.push({ type: "sla_breached", at: state.dueAt });
  return {
    events,
    recorded: { warned: previous.warned || warnNow, breached: previous.breached || breachNow },
  };
}
