import { DateTime } from "luxon";

/**
 * When to call a customer back (domain.md, from the seeds): never 9–10 or 18–19, preferably
 * 19–21 on any day or a weekend afternoon (14–17). Returns the earliest instant at or after
 * `earliest` that falls in a preferred window, in the desk's time zone.
 */
const WEEKDAY_WINDOWS = [[19, 21]] as const;
const WEEKEND_WINDOWS = [[14, 17], [19, 21]] as const;

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
