import { DateTime } from "luxon";

/**
 * When to call a customer back (domain.md, from the seeds): never 9–10 or 18–19, preferably
 * 19–21 on any day or a weekend afternoon (14–17). Returns the earliest instant at or after
 * `earliest` that falls in a preferred window, in the desk's time zone.
 */
const WEEKDAY_WINDOWS = [[19, 21]] as const;
const WEEKEND_WINDOWS = [[14, 17], [19, 21]] as const;

/**
 * When staff may call a customer at all: calling hours 09:00–21:00 local, without the morning
 * and evening rush (09–10, 18–19): 10:00–18:00 and 19:00–21:00, every day. A time staff type
 * for the next attempt must fall in one (the scheduler's own choice keeps to the preferred
 * windows above, which lie inside these).
 */
export const CALLING_WINDOWS: readonly (readonly [from: number, to: number])[] = [
  [10, 18],
  [19, 21],
];

/** The windows as people read them ("10:00–18:00"). */
export const CALLING_WINDOW_LABELS: readonly string[] = CALLING_WINDOWS.map(([from, to]) => `${String(from).padStart(2, "0")}:00–${to}:00`);

/** True when `at` falls in a calling window (start inclusive, end exclusive) in the desk's zone. */
export function isCallingTime(at: Date, timeZone: string): boolean {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const minutes = local.hour * 60 + local.minute;
  return CALLING_WINDOWS.some(([from, to]) => minutes >= from * 60 && minutes < to * 60);
}

export function nextCallingSlot(earliest: Date, timeZone: string): Date {
  let day = DateTime.fromJSDate(earliest, { zone: timeZone }).startOf("day");
  const start = DateTime.fromJSDate(earliest, { zone: timeZone });
  for (let offset = 0; offset < 8; offset++) {
    const isWeekend = day.weekday >= 6;
    for (const [from, to] of isWeekend ? WEEKEND_WINDOWS : WEEKDAY_WINDOWS) {
      const windowStart = day.set({ hour: from });
      const windowEnd = day.set({ hour: to });
      if (start < windowEnd) return (start > windowStart ? start : windowStart).toJSDate();
    }
    day = day.plus({ days: 1 });
  }
  // Unreachable: every day has a window; keep the type total.
  return earliest;
}
