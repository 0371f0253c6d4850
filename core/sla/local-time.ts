/**
 * Wall-clock vocabulary of the business calendar: local dates, local times of day and
 * weekdays, and the few luxon conversions the calendar needs. Everything zone-dependent
 * goes through luxon so any IANA zone works, including zones with daylight saving time.
 */
import { DateTime, IANAZone } from "luxon";

/** A calendar date in the calendar's zone, `YYYY-MM-DD` (e.g. `"2026-02-14"`). */
export type LocalDate = string;

/** A time of day, `HH:mm`, 24-hour clock; `"24:00"` is allowed as the end of a span. */
export type LocalTime = string;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A span of a working day in local minutes after midnight, `start < end <= 1440`. */
export type MinuteSpan = { readonly start: number; readonly end: number };

export const MINUTES_PER_DAY = 24 * 60;
export const MS_PER_MINUTE = 60_000;

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes after midnight of an `HH:mm` time, or `undefined` when it is not one (`24:00` is 1440). */
export function parseLocalTime(value: string): number | undefined {
  const match = LOCAL_TIME.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  if (hours > 23 || minutes > 59) return undefined;
  return hours * 60 + minutes;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (rejects `2026-02-30`). */
export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

/** Whether luxon (and so the runtime's ICU data) knows the IANA zone name. */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * A local calendar day as a whole number: days since 1970-01-01 (day 0, a Thursday).
 * Iterating over days by number needs no time-zone work; only the hours of a working day
 * have to be placed in the zone, and that is done once per day (see `calendar.ts`).
 */
export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

/** The day number of a `YYYY-MM-DD` date. @throws RangeError when it is not a valid date. */
export function dayNumberOf(date: LocalDate): DayNumber {
  if (!isLocalDate(date)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

/** The day number of the local day, in `zone`, that contains the instant `epochMs`. */
export function dayNumberAt(epochMs: number, zone: string): DayNumber {
  const local = DateTime.fromMillis(epochMs, { zone });
  return Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
}

/** The `YYYY-MM-DD` of a day number. */
export function localDateOf(day: DayNumber): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The weekday of a day number. */
export function weekdayOfDay(day: DayNumber): Weekday {
  // Day 0 was a Thursday, index 3 of WEEKDAYS.
  const weekday = WEEKDAYS[(((day + 3) % 7) + 7) % 7];
  if (weekday === undefined) throw new RangeError(`Invalid day number ${day}`);
  return weekday;
}

/**
 * The instant at `minuteOfDay` local minutes on `day` in `zone`. Built from wall-clock
 * fields, not by adding elapsed minutes to midnight, so that 09:00 stays 09:00 on a
 * DST-change day. A time skipped by DST moves forward (luxon's rule); 24:00 is the next
 * day's 00:00.
 */
export function instantAtLocalMinute(day: DayNumber, minuteOfDay: number, zone: string): number {
  if (minuteOfDay >= MINUTES_PER_DAY) return instantAtLocalMinute(day + 1, minuteOfDay - MINUTES_PER_DAY, zone);
  const date = new Date(day * MS_PER_DAY);
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(minuteOfDay / 60),
      minute: minuteOfDay % 60,
    },
    { zone },
  ).toMillis();
}
