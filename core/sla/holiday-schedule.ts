/**
 * Official holiday schedules, one per year (mainland China: the State Council's notice of
 * public holidays and make-up working days, 调休上班), kept as data apart from the desk's own
 * calendar. They come from three places, in this order of precedence for a year:
 * 1. an admin's import (`importHolidaySchedule`, the staff API or `npm run calendar -- import`);
 * 2. the desk's own calendar, for the years it lists in `scheduleYears` (the default calendar
 *    lists 2026, built in);
 * 3. the schedules shipped with the desk (the `chinese-days` package, read by content/).
 * A year none of them has is computed with weekends only, and the SLA view says so.
 */
import { z } from "zod";
import type { CalendarConfig, CalendarDate } from "./calendar-config.ts";
import { localizedNameSchema } from "./calendar-config.ts";
import { dayNumberAt, dayNumberOf, isLocalDate, localDateOf } from "./local-time.ts";
import type { LocalDate } from "./local-time.ts";
import { validationError } from "./validation-error.ts";

/** One year's official days off and make-up working days. */
export type HolidaySchedule = {
  readonly year: number;
  readonly holidays: readonly CalendarDate[];
  readonly makeUpWorkdays: readonly CalendarDate[];
};

/** Where the schedule in force for a year came from. */
export type HolidayScheduleSource = "import" | "calendar" | "package";

/** An imported schedule as stored: who imported it and when. */
export type ImportedHolidaySchedule = HolidaySchedule & { readonly importedAt: string; readonly importedBy: string | null };

export const SCHEDULE_YEAR_MIN = 2000;
export const SCHEDULE_YEAR_MAX = 2100;

/**
 * A notice may reach a few days into the neighbouring years (the 2023 New Year holiday began
 * on 2022-12-31), so a year's dates may lie up to this many days outside it.
 */
const EDGE_DAYS = 31;

const localDateSchema = z.string().refine(isLocalDate, { message: "expected a date YYYY-MM-DD" });

/** A date, written alone (`"2027-02-06"`) or with its name (`{"date": "2027-02-06", "name": {"zh": "春节", "en": "Spring Festival"}}`). */
const scheduleDateSchema = z.preprocess(
  (value) => (typeof value === "string" ? { date: value } : value),
  z.strictObject({ date: localDateSchema, name: localizedNameSchema.optional() }),
);

/**
 * The import format (JSON), documented in README.md:
 * `{"year": 2027, "holidays": [...dates], "makeUpWorkdays": [...dates]}`. Every date lies in
 * the year (or within 31 days of it), appears once, and is not both a holiday and a make-up day.
 */
export const holidayScheduleSchema = z
  .strictObject({
    year: z.number().int().min(SCHEDULE_YEAR_MIN).max(SCHEDULE_YEAR_MAX),
    holidays: z.array(scheduleDateSchema).min(1).max(100),
    makeUpWorkdays: z.array(scheduleDateSchema).max(50).default([]),
  })
  .superRefine((schedule, ctx) => {
    const first = dayNumberOf(`${schedule.year}-01-01`) - EDGE_DAYS;
    const last = dayNumberOf(`${schedule.year}-12-31`) + EDGE_DAYS;
    const seen = new Map<LocalDate, string>();
    for (const list of ["holidays", "makeUpWorkdays"] as const) {
      schedule[list].forEach((day, index) => {
        const path = [list, index, "date"];
        const dayNumber = dayNumberOf(day.date);
        if (dayNumber < first || dayNumber > last) {
          ctx.addIssue({ code: "custom", path, message: `${day.date} is not in ${schedule.year}` });
        }
        const earlier = seen.get(day.date);
        if (earlier !== undefined) {
          ctx.addIssue({ code: "custom", path, message: `${day.date} is listed twice (also in ${earlier})` });
        }
        seen.set(day.date, list);
      });
    }
  });

/**
 * Validates an imported schedule.
 *
 * @throws AppError `validation`, each wrong field with its problem (e.g. `holidays.3.date`).
 */
export function parseHolidaySchedule(input: unknown): HolidaySchedule {
  const parsed = holidayScheduleSchema.safeParse(input);
  if (!parsed.success) throw validationError("holiday schedule", parsed.error);
  return parsed.data;
}

const importedSchedulesSchema = z.array(
  z.object({
    year: z.number().int(),
    holidays: z.array(z.object({ date: localDateSchema, name: localizedNameSchema.optional() })),
    makeUpWorkdays: z.array(z.object({ date: localDateSchema, name: localizedNameSchema.optional() })),
    importedAt: z.string(),
    importedBy: z.string().nullable(),
  }),
);

/** The stored imports, validated again when read (a hand-edited row fails loudly, naming the field). */
export function parseImportedSchedules(stored: unknown): ImportedHolidaySchedule[] {
  const parsed = importedSchedulesSchema.safeParse(stored);
  if (!parsed.success) throw validationError("stored holiday schedules", parsed.error);
  return parsed.data;
}

/** The schedule in force for one year, and where it came from. */
export type ScheduleInForce = { year: number; source: HolidayScheduleSource; holidays: number; makeUpWorkdays: number; importedAt?: string; importedBy?: string | null };

/**
 * The desk's calendar with the official schedules applied: the business calendar in force.
 *
 * - A year with an imported schedule takes its days from the import alone: the import replaces
 *   whatever the calendar said about that year.
 * - Otherwise the calendar's own dates count, and a shipped schedule for a year the calendar
 *   does not list in `scheduleYears` fills in the dates the calendar does not name.
 * - A date named twice keeps its first meaning (imports, then the calendar, then shipped data),
 *   so a holiday never turns into a make-up day by merging.
 *
 * `scheduleYears` of the result lists every year that has a schedule.
 */
export function applyHolidaySchedules(
  calendar: CalendarConfig,
  sources: { imported: readonly (HolidaySchedule | ImportedHolidaySchedule)[]; packaged: readonly HolidaySchedule[] },
): { config: CalendarConfig; schedules: ScheduleInForce[] } {
  const importedYears = new Set(sources.imported.map((schedule) => schedule.year));
  const calendarYears = new Set(calendar.scheduleYears.filter((year) => !importedYears.has(year)));
  const packaged = sources.packaged.filter((schedule) => !importedYears.has(schedule.year) && !calendarYears.has(schedule.year));

  const named = new Map<LocalDate, "holiday" | "makeUp">();
  const holidays: CalendarDate[] = [];
  const makeUpWorkdays: CalendarDate[] = [];
  const add = (kind: "holiday" | "makeUp", day: CalendarDate) => {
    if (named.has(day.date)) return;
    named.set(day.date, kind);
    (kind === "holiday" ? holidays : makeUpWorkdays).push({ ...day });
  };
  const addSchedule = (schedule: Pick<HolidaySchedule, "holidays" | "makeUpWorkdays">) => {
    for (const day of schedule.holidays) add("holiday", day);
    for (const day of schedule.makeUpWorkdays) add("makeUp", day);
  };

  for (const schedule of sources.imported) addSchedule(schedule);
  const outsideImports = (day: CalendarDate) => !importedYears.has(Number(day.date.slice(0, 4)));
  addSchedule({ holidays: calendar.holidays.filter(outsideImports), makeUpWorkdays: calendar.makeUpWorkdays.filter(outsideImports) });
  for (const schedule of packaged) addSchedule(schedule);

  const byDate = (left: CalendarDate, right: CalendarDate) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0);
  const countIn = (year: number, days: readonly CalendarDate[]) => days.filter((day) => day.date.startsWith(`${year}-`)).length;
  const schedules: ScheduleInForce[] = [
    ...sources.imported.map((schedule) => ({
      year: schedule.year,
      source: "import" as const,
      holidays: schedule.holidays.length,
      makeUpWorkdays: schedule.makeUpWorkdays.length,
      ...("importedAt" in schedule ? { importedAt: schedule.importedAt, importedBy: schedule.importedBy } : {}),
    })),
    ...[...calendarYears].map((year) => ({ year, source: "calendar" as const, holidays: countIn(year, calendar.holidays), makeUpWorkdays: countIn(year, calendar.makeUpWorkdays) })),
    ...packaged.map((schedule) => ({ year: schedule.year, source: "package" as const, holidays: schedule.holidays.length, makeUpWorkdays: schedule.makeUpWorkdays.length })),
  ].sort((left, right) => left.year - right.year);

  return {
    config: {
      ...calendar,
      holidays: holidays.sort(byDate),
      makeUpWorkdays: makeUpWorkdays.sort(byDate),
      scheduleYears: schedules.map((schedule) => schedule.year),
    },
    schedules,
  };
}

/**
 * How far the holiday schedules reach from a given day: the last day of the unbroken run of
 * years with a schedule that starts with the current year (null when the current year has
 * none), and the first day from which the calendar counts weekends only (1 January of the
 * first year without a schedule, this year's when it has none).
 */
export type CalendarCoverage = {
  /** The local day the coverage was computed for. */
  today: LocalDate;
  scheduleYears: number[];
  coveredThrough: LocalDate | null;
  weekendsOnlyFrom: LocalDate;
  /** The first year without a schedule, from this year on. */
  firstYearWithoutSchedule: number;
  /** Days from today until `weekendsOnlyFrom` (0 when this year already has no schedule). */
  daysLeft: number;
};

/** The coverage of the calendar in force at `now` (read in the calendar's zone). */
export function calendarCoverage(config: Pick<CalendarConfig, "scheduleYears" | "timeZone">, now: Date): CalendarCoverage {
  const todayNumber = dayNumberAt(now.getTime(), config.timeZone);
  const today = localDateOf(todayNumber);
  const years = new Set(config.scheduleYears);
  const currentYear = Number(today.slice(0, 4));
  let year = currentYear;
  while (years.has(year)) year++;
  const weekendsOnlyFrom = `${year}-01-01`;
  return {
    today,
    scheduleYears: [...years].sort((left, right) => left - right),
    coveredThrough: year > currentYear ? `${year - 1}-12-31` : null,
    weekendsOnlyFrom,
    firstYearWithoutSchedule: year,
    daysLeft: Math.max(0, dayNumberOf(weekendsOnlyFrom) - todayNumber),
  };
}
