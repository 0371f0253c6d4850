/**
 * The business calendar: which local days are working days and which hours of them count.
 * `createCalendar` validates a configuration once and compiles it into lookups; the
 * arithmetic over working time lives in `working-time.ts`.
 */
import { validationError } from "./validation-error.ts";
import { calendarConfigSchema } from "./calendar-config.ts";
import type { CalendarConfig, CalendarConfigInput, LocalizedName } from "./calendar-config.ts";
import { dayNumberOf, instantAtLocalMinute, localDateOf, parseLocalTime, weekdayOfDay, WEEKDAYS } from "./local-time.ts";
import type { DayNumber, LocalDate, MinuteSpan, Weekday } from "./local-time.ts";

/** A compiled, validated calendar. Build it with {@link createCalendar}; treat it as immutable. */
export type BusinessCalendar = {
  /** IANA zone in which dates and hours are read. */
  readonly timeZone: string;
  /** Working spans per weekday in local minutes; a weekend day has none. */
  readonly weekly: Readonly<Record<Weekday, readonly MinuteSpan[]>>;
  /** The normal working day: make-up days work these hours and one "working day" is their length. */
  readonly normalDay: readonly MinuteSpan[];
  /** Length of the normal working day in minutes (540 for 09:00–18:00). */
  readonly normalDayMinutes: number;
  /** Public holidays by local date, with their name when known. */
  readonly holidays: ReadonlyMap<LocalDate, LocalizedName | undefined>;
  /** Make-up working days (调休上班) by local date, with their name when known. */
  readonly makeUpWorkdays: ReadonlyMap<LocalDate, LocalizedName | undefined>;
  /** The configuration it was built from, defaults filled in (for display and round-tripping). */
  readonly config: CalendarConfig;
};

/** A stretch of working time between two instants, `start < end`. */
export type WorkingInterval = { readonly start: Date; readonly end: Date };

/**
 * Validate a calendar configuration (defaults: Asia/Shanghai, Mon–Fri 09:00–18:00, no
 * holidays) and compile it.
 *
 * @throws AppError `validation` with the zod issues in `params.issues` when the configuration
 *   is invalid — including a calendar with no working time in a normal week.
 */
export function createCalendar(config: CalendarConfigInput = {}): BusinessCalendar {
  const parsed = calendarConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw validationError("business calendar", parsed.error);
  }
  const valid = parsed.data;
  const normalDay = toMinuteSpans(valid.hours);
  const weekend = new Set(valid.weekendDays);
  const weekly = Object.fromEntries(
    WEEKDAYS.map((weekday) => {
      const own = valid.hoursByWeekday[weekday];
      const spans = weekend.has(weekday) ? [] : own === undefined ? normalDay : toMinuteSpans(own);
      return [weekday, spans];
    }),
  ) as Record<Weekday, readonly MinuteSpan[]>;
  return {
    timeZone: valid.timeZone,
    weekly,
    normalDay,
    normalDayMinutes: normalDay.reduce((sum, span) => sum + (span.end - span.start), 0),
    holidays: new Map(valid.holidays.map((day) => [day.date, day.name])),
    makeUpWorkdays: new Map(valid.makeUpWorkdays.map((day) => [day.date, day.name])),
    config: valid,
  };
}

function toMinuteSpans(spans: readonly { start: string; end: string }[]): readonly MinuteSpan[] {
  return spans.map((span) => ({ start: parseLocalTime(span.start) ?? 0, end: parseLocalTime(span.end) ?? 0 }));
}

/**
 * The local working spans of a day. A holiday has none; a make-up day has the normal day's
 * spans whatever its weekday; any other day has its weekday's spans. A holiday wins over a
 * make-up day (the schema rejects a date that is both; this keeps hand-built calendars safe).
 */
export function localSpansFor(calendar: BusinessCalendar, date: LocalDate, weekday: Weekday): readonly MinuteSpan[] {
  if (calendar.holidays.has(date)) return [];
  if (calendar.makeUpWorkdays.has(date)) return calendar.normalDay;
  return calendar.weekly[weekday];
}

/** A working interval in epoch milliseconds, `start < end`. */
export type MsInterval = { readonly start: number; readonly end: number };

/**
 * Memo of each calendar's working intervals per day. Placing hours in a time zone is the
 * expensive part of the arithmetic (luxon asks Intl for offsets), and the same days are
 * asked for again and again by clocks and reports. The result depends only on the
 * (immutable) calendar and the day, so the memo is invisible to callers; it is keyed
 * weakly by calendar and emptied when it grows past a bound.
 */
const intervalMemo = new WeakMap<BusinessCalendar, Map<DayNumber, readonly MsInterval[]>>();
const MEMO_LIMIT_DAYS = 20_000;
const NO_INTERVALS: readonly MsInterval[] = Object.freeze([]);

/** Working intervals of a local day as epoch milliseconds, in order. */
export function dayIntervalsMs(calendar: BusinessCalendar, day: DayNumber): readonly MsInterval[] {
  const spans = localSpansFor(calendar, localDateOf(day), weekdayOfDay(day));
  // Days off are the common case in long ranges; they need neither the memo nor luxon.
  if (spans.length === 0) return NO_INTERVALS;
  let memo = intervalMemo.get(calendar);
  if (memo === undefined) {
    memo = new Map();
    intervalMemo.set(calendar, memo);
  }
  const known = memo.get(day);
  if (known !== undefined) return known;
  const intervals: MsInterval[] = [];
  for (const span of spans) {
    const start = instantAtLocalMinute(day, span.start, calendar.timeZone);
    const end = instantAtLocalMinute(day, span.end, calendar.timeZone);
    // A span squeezed to nothing by a DST jump contributes no working time.
    if (end > start) intervals.push({ start, end });
  }
  if (memo.size >= MEMO_LIMIT_DAYS) memo.clear();
  const frozen = Object.freeze(intervals);
  memo.set(day, frozen);
  return frozen;
}

/**
 * Whether `localDate` (`YYYY-MM-DD` in the calendar's zone) has any working time.
 *
 * @throws RangeError when `localDate` is not a valid `YYYY-MM-DD` date.
 */
export function isWorkingDay(calendar: BusinessCalendar, localDate: LocalDate): boolean {
  return workingSpansOn(calendar, localDate).length > 0;
}

/**
 * The working intervals of a local day as instants, in order. On a DST-change day an
 * interval lasts the real elapsed time (a 00:00–24:00 span is 23 or 25 hours).
 *
 * @throws RangeError when `localDate` is not a valid `YYYY-MM-DD` date.
 */
export function workingSpansOn(calendar: BusinessCalendar, localDate: LocalDate): WorkingInterval[] {
  return dayIntervalsMs(calendar, dayNumberOf(localDate)).map((interval) => ({ start: new Date(interval.start), end: new Date(interval.end) }));
}

