/**
 * The state of one SLA clock (first response or resolution), computed from facts only:
 * when it started, its target, the pauses, whether it was stopped, and the time now.
 *
 * Definitions:
 * - Counted time is what the target measures: wall-clock time for `hours`, calendar working
 *   time for `working_hours` and `working_days`. Time inside a pause is not counted — for a
 *   working-time target only the working time inside the pause is excluded (a pause over a
 *   weekend changes nothing), for a wall-clock target the whole pause.
 * - The due instant is the earliest instant at which the counted time reaches the target;
 *   pauses push it later by exactly the counted time they excluded.
 * - An open pause (no `to`) is taken to end now: the reported due time is the due time if
 *   the clock resumed at this moment, and it moves on for as long as the pause lasts.
 * - Facts after `now` are not known yet: pauses are cut at `now`, and a `stoppedAt` after
 *   `now` is ignored. Pauses before the start or after the stop do not matter.
 * - Breached means the instant of evaluation (now, or the stop) is strictly after the due
 *   instant: answering exactly at the due time is on time. A clock stopped after its due
 *   time stays `breached`, with `metLate: true`.
 * - The warning threshold is reached at `warnAt` (`warningRatio` of the target), inclusive.
 */
import type { BusinessCalendar } from "./calendar.ts";
import { MS_PER_MINUTE } from "./local-time.ts";
import type { SlaTarget } from "./policy.ts";
import { countsWorkingTime, targetMinutes } from "./policy.ts";
import { addWorkingMs, workingMsBetween } from "./working-time.ts";

/** An interval during which the ticket waited on the customer or a third party; open while `to` is absent. */
export type ClockPause = { readonly from: Date; readonly to?: Date };

export type ClockStatus = "active" | "paused" | "warning" | "breached" | "met";

export type ClockInput = {
  readonly startedAt: Date;
  readonly target: SlaTarget;
  readonly calendar: BusinessCalendar;
  readonly pauses?: readonly ClockPause[];
  /** When the clock's goal was reached: first response given, or ticket resolved. */
  readonly stoppedAt?: Date;
  /** Share of the target after which the clock is in `warning`; in (0, 1], default 0.8. */
  readonly warningRatio?: number;
  readonly now: Date;
};

export type ClockState = {
  /**
   * `met` stopped on time; `breached` past due (running, or stopped late); `paused` inside
   * a pause and not past due; `warning` past the warning threshold; `active` otherwise.
   */
  readonly status: ClockStatus;
  readonly dueAt: Date;
  readonly warnAt: Date;
  /** Counted minutes so far (until the stop for a stopped clock), pauses excluded. */
  readonly elapsedMinutes: number;
  /** Target minus elapsed; negative when overdue by counted time (working targets do not go negative outside working hours). */
  readonly remainingMinutes: number;
  /** The target in counted minutes (e.g. 3 working days = 1620 with a 9-hour day). */
  readonly targetMinutes: number;
  /** Counted minutes excluded because of pauses. */
  readonly pausedMinutes: number;
  /** Whether the warning threshold was reached while the clock ran (kept when it is also breached). */
  readonly warningReached: boolean;
  /** Whether the clock is past due (running) or was stopped after its due time. */
  readonly breached: boolean;
  /** Stopped, but after the due time. */
  readonly metLate: boolean;
  /** The stop considered (absent while running, or when `stoppedAt` lies after `now`). */
  readonly stoppedAt?: Date;
};

export const DEFAULT_WARNING_RATIO = 0.8;

type Segment = { start: number; end: number };

function instantMs(value: Date, name: string): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid instant`);
  return ms;
}

/** Pauses cut to `[start, horizon]`, sorted and merged so overlapping pauses are not excluded twice. */
function normalisePauses(pauses: readonly ClockPause[], start: number, horizon: number): Segment[] {
  const cut: Segment[] = [];
  pauses.forEach((pause, index) => {
    const from = instantMs(pause.from, `pauses[${index}].from`);
    const to = pause.to === undefined ? horizon : instantMs(pause.to, `pauses[${index}].to`);
    if (to < from) throw new RangeError(`pauses[${index}] ends before it starts`);
    const segment = { start: Math.max(from, start), end: Math.min(to, horizon) };
    if (segment.end > segment.start) cut.push(segment);
  });
  cut.sort((a, b) => a.start - b.start);
  const merged: Segment[] = [];
  for (const segment of cut) {
    const last = merged.at(-1);
    if (last !== undefined && segment.start <= last.end) last.end = Math.max(last.end, segment.end);
    else merged.push({ ...segment });
  }
  return merged;
}

/** `[start, horizon]` minus the pauses. */
function runningSegments(start: number, horizon: number, pauses: readonly Segment[]): Segment[] {
  const segments: Segment[] = [];
  let cursor = start;
  for (const pause of pauses) {
    if (pause.start > cursor) segments.push({ start: cursor, end: pause.start });
    cursor = Math.max(cursor, pause.end);
  }
  if (horizon > cursor) segments.push({ start: cursor, end: horizon });
  return segments;
}

/** The status precedence: a stopped clock is met or breached; a running one breached > paused > warning > active. */
function statusOf(facts: { stopped: boolean; breached: boolean; pausedNow: boolean; warningReached: boolean }): ClockStatus {
  if (facts.stopped) return facts.breached ? "breached" : "met";
  if (facts.breached) return "breached";
  if (facts.pausedNow) return "paused";
  return facts.warningReached ? "warning" : "active";
}

/**
 * Evaluate one SLA clock at `input.now` (see the module comment for the definitions).
 *
 * @throws RangeError for an invalid date, a pause that ends before it starts, or a
 *   `warningRatio` outside (0, 1].
 * @throws AppError `internal` when a working-time due date lies beyond the calendar's search limit.
 */
export function evaluateClock(input: ClockInput): ClockState {
  const { calendar, target } = input;
  const ratio = input.warningRatio ?? DEFAULT_WARNING_RATIO;
  if (!(ratio > 0 && ratio <= 1)) throw new RangeError(`warningRatio must be in (0, 1], got ${ratio}`);
  const start = instantMs(input.startedAt, "startedAt");
  const now = instantMs(input.now, "now");
  const stopRaw = input.stoppedAt === undefined ? undefined : instantMs(input.stoppedAt, "stoppedAt");
  // A stop before the start (clock data written out of order) counts as a stop at the start.
  const stop = stopRaw === undefined || stopRaw > now ? undefined : Math.max(stopRaw, start);
  const horizon = Math.max(start, stop ?? now);

  const working = countsWorkingTime(target.unit);
  const measure = (from: number, to: number): number => (working ? workingMsBetween(calendar, from, to) : to - from);
  const advance = (from: number, amount: number): number => (working ? addWorkingMs(calendar, from, amount) : from + amount);

  const pauses = normalisePauses(input.pauses ?? [], start, horizon);
  const segments = runningSegments(start, horizon, pauses);
  const measured = segments.map((segment) => ({ ...segment, counted: measure(segment.start, segment.end) }));
  const elapsedMs = measured.reduce((sum, segment) => sum + segment.counted, 0);
  const pausedMs = pauses.reduce((sum, pause) => sum + measure(pause.start, pause.end), 0);

  // The instant at which `amount` counted milliseconds have run: through the segments so
  // far, then onwards from the horizon, where no pause is known.
  const instantAfter = (amount: number): number => {
    let remaining = amount;
    for (const segment of measured) {
      if (remaining <= segment.counted) return advance(segment.start, remaining);
      remaining -= segment.counted;
    }
    return advance(horizon, remaining);
  };

  const budgetMinutes = targetMinutes(calendar, target);
  const budgetMs = Math.round(budgetMinutes * MS_PER_MINUTE);
  const due = instantAfter(budgetMs);
  const warn = instantAfter(Math.round(budgetMs * ratio));
  const evaluatedAt = stop ?? now;
  const breached = evaluatedAt > due;
  const warningReached = evaluatedAt >= warn;
  const pausedNow =
    stop === undefined &&
    (input.pauses ?? []).some(
      (pause) => pause.from.getTime() <= now && (pause.to === undefined || pause.to.getTime() > now),
    );

  const status = statusOf({ stopped: stop !== undefined, breached, pausedNow, warningReached });

  return {
    status,
    dueAt: new Date(due),
    warnAt: new Date(warn),
    elapsedMinutes: elapsedMs / MS_PER_MINUTE,
    remainingMinutes: (budgetMs - elapsedMs) / MS_PER_MINUTE,
    targetMinutes: budgetMinutes,
    pausedMinutes: pausedMs / MS_PER_MINUTE,
    warningReached,
    breached,
    metLate: stop !== undefined && breached,
    ...(stop === undefined ? {} : { stoppedAt: new Date(stop) }),
  };
}
