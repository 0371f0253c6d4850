/**
 * Arithmetic over working time: add working minutes or days to an instant, measure the
 * working time between two instants, find the next working instant.
 *
 * Definitions (shared by every function here):
 * - Working time is the union of the calendar's working intervals, measured in real elapsed
 *   time (so a span crossing a DST change is an hour shorter or longer).
 * - An instant is "working" when it lies in `[opening, closing)` of an interval: exactly at
 *   closing time is outside, and counting from it starts at the next opening.
 * - Adding working time returns the earliest instant at which that much working time has
 *   elapsed: work that runs out exactly at closing time ends at closing time (18:00), not at
 *   the next opening. Adding zero returns the start unchanged.
 * - One working day is the length of the calendar's normal day (`normalDayMinutes`, 9 h for
 *   09:00–18:00), whatever the hours of the particular days crossed; so 3 working days from
 *   Fri 15:00 end Wed 15:00 when Mon and Tue are normal days.
 * - Searches look at most {@link SEARCH_LIMIT_DAYS} days ahead and then throw, so a calendar
 *   without working time (or a huge amount) fails loudly instead of looping.
 */
import { AppError } from "../errors.ts";
import type { BusinessCalendar, MsInterval } from "./calendar.ts";
import { dayIntervalsMs } from "./calendar.ts";
import { dayNumberAt, localDateOf, MS_PER_MINUTE } from "./local-time.ts";

/** How far ahead a search for working time may look: three years of local days. */
export const SEARCH_LIMIT_DAYS = 3 * 366;

/**
 * Working intervals that end after `fromMs`, clipped to start no earlier than `fromMs`, in
 * order, for at most {@link SEARCH_LIMIT_DAYS} local days.
 */
function* workingIntervalsFrom(calendar: BusinessCalendar, fromMs: number): Generator<MsInterval> {
  const firstDay = dayNumberAt(fromMs, calendar.timeZone);
  let foundAny = false;
  for (let day = firstDay; day <= firstDay + SEARCH_LIMIT_DAYS; day++) {
    for (const interval of dayIntervalsMs(calendar, day)) {
      if (interval.end <= fromMs) continue;
      foundAny = true;
      yield { start: Math.max(interval.start, fromMs), end: interval.end };
    }
  }
  const from = new Date(fromMs).toISOString();
  throw new AppError("internal", {
    params: { reason: foundAny ? "search_limit" : "no_working_time", from, limitDays: SEARCH_LIMIT_DAYS },
    detail: foundAny
      ? `Working-time target lies more than ${SEARCH_LIMIT_DAYS} days after ${from} (calendar ${calendar.timeZone}, searched to ${localDateOf(firstDay + SEARCH_LIMIT_DAYS)})`
      : `Business calendar has no working time in the ${SEARCH_LIMIT_DAYS} days after ${from} (zone ${calendar.timeZone}); check its hours, weekend days and holidays`,
  });
}

function assertInstant(value: Date, name: string): number {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid instant`);
  return ms;
}

function assertAmount(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/**
 * The instant at which `minutes` of working time have elapsed since `start`. Starting outside
 * working hours (or exactly at closing time) counts from the next opening. Fractional
 * minutes are honoured to the millisecond.
 *
 * @throws RangeError for a negative or non-finite amount or an invalid date.
 * @throws AppError `internal` when the target lies beyond the search limit.
 */
export function addWorkingMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  const startMs = assertInstant(start, "start");
  assertAmount(minutes, "minutes");
  return new Date(addWorkingMs(calendar, startMs, Math.round(minutes * MS_PER_MINUTE)));
}

/** {@link addWorkingMinutes} on epoch milliseconds; for the clock, which works in milliseconds. */
export function addWorkingMs(calendar: BusinessCalendar, startMs: number, amountMs: number): number {
  if (amountMs <= 0) return startMs;
  let remaining = amountMs;
  for (const interval of workingIntervalsFrom(calendar, startMs)) {
    const available = interval.end - interval.start;
    if (remaining <= available) return interval.start + remaining;
    remaining -= available;
  }
  // Unreachable: the generator throws when it gives up.
  throw new Error("working-time search ended without a result");
}

/**
 * `days` working days after `start`: `days × normalDayMinutes` of working time (see the
 * module comment for why a working day is a fixed amount of working time).
 *
 * @throws RangeError for a negative or non-finite amount or an invalid date.
 * @throws AppError `internal` when the target lies beyond the search limit.
 */
export function addWorkingDays(calendar: BusinessCalendar, start: Date, days: number): Date {
  assertAmount(days, "days");
  return addWorkingMinutes(calendar, start, days * calendar.normalDayMinutes);
}

/**
 * Working minutes between two instants (fractional when they are not on whole minutes).
 * Negative when `to` is before `from`, so that `between(a, b) === -between(b, a)`.
 *
 * @throws RangeError for an invalid date.
 */
export function workingMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return workingMsBetween(calendar, assertInstant(from, "from"), assertInstant(to, "to")) / MS_PER_MINUTE;
}

/** {@link workingMinutesBetween} on epoch milliseconds, returning milliseconds. */
export function workingMsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs < fromMs) return -workingMsBetween(calendar, toMs, fromMs);
  let total = 0;
  // The range is given, so this loop is finite without a search limit.
  const lastDay = dayNumberAt(toMs, calendar.timeZone);
  for (let day = dayNumberAt(fromMs, calendar.timeZone); day <= lastDay; day++) {
    for (const interval of dayIntervalsMs(calendar, day)) {
      const start = Math.max(interval.start, fromMs);
      const end = Math.min(interval.end, toMs);
      if (end > start) total += end - start;
    }
  }
  return total;
}

/**
 * `at` itself when it is a working instant, otherwise the next opening. Exactly at closing
 * time is not working, so it moves on to the next opening too.
 *
 * @throws RangeError for an invalid date.
 * @throws AppError `internal` when there is no working time within the search limit.
 */
export function nextWorkingInstant(calendar: BusinessCalendar, at: Date): Date {
  const atMs = assertInstant(at, "at");
  for (const interval of workingIntervalsFrom(calendar, atMs)) return new Date(interval.start);
  throw new Error("working-time search ended without a result");
}

/**
 * Whether `at` lies inside working time (`[opening, closing)`).
 *
 * @throws RangeError for an invalid date.
 */
export function isWorkingInstant(calendar: BusinessCalendar, at: Date): boolean {
  const atMs = assertInstant(at, "at");
  // Spans never cross local midnight, so only the intervals of the instant's own day matter.
  return dayIntervalsMs(calendar, dayNumberAt(atMs, calendar.timeZone)).some(
    (interval) => interval.start <= atMs && atMs < interval.end,
  );
}
