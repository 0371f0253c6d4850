/**
 * The serialisable form of a business calendar, with its zod schema, so a deployment can
 * keep overrides in the database or a JSON file and have them validated before use.
 */
import { z } from "zod";
import { isLocalDate, isValidTimeZone, parseLocalTime, WEEKDAYS } from "./local-time.ts";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

/**
 * One span 09:00–18:00: the desk answers chat through lunch, so by default there is no
 * lunch break. Several spans per day are supported (e.g. 09:00–12:00 and 13:30–18:00).
 */
export const DEFAULT_WORKING_HOURS: readonly { start: string; end: string }[] = [{ start: "09:00", end: "18:00" }];

export const DEFAULT_WEEKEND_DAYS = ["sat", "sun"] as const;

const localDateSchema = z.string().refine(isLocalDate, { message: "expected a date YYYY-MM-DD" });

const localTimeSchema = z
  .string()
  .refine((value) => parseLocalTime(value) !== undefined, { message: "expected a time HH:mm (00:00–24:00)" });

export const weekdaySchema = z.enum(WEEKDAYS);

export const localizedNameSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });

export const workingSpanSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema })
  .refine((span) => (parseLocalTime(span.start) ?? 0) < (parseLocalTime(span.end) ?? 0), {
    message: "a working span must end after it starts",
  });

/** A day's spans: in order and not overlapping (touching is fine: 12:00–13:00, 13:00–18:00). */
const workingDaySchema = z.array(workingSpanSchema).superRefine((spans, ctx) => {
  for (let i = 1; i < spans.length; i++) {
    const previousEnd = parseLocalTime(spans[i - 1]?.end ?? "") ?? 0;
    const start = parseLocalTime(spans[i]?.start ?? "") ?? 0;
    if (start < previousEnd) {
      ctx.addIssue({ code: "custom", path: [i], message: "working spans must be in order and must not overlap" });
    }
  }
});

/** A public holiday or a make-up working day; the name is for people, the date is what counts. */
export const calendarDateSchema = z.object({ date: localDateSchema, name: localizedNameSchema.optional() });

export const calendarConfigSchema = z
  .object({
    /** IANA zone name; working hours and dates are read in this zone. */
    timeZone: z.string().refine(isValidTimeZone, { message: "unknown IANA time zone" }).default(DEFAULT_TIME_ZONE),
    /** The normal working day: used on every working weekday without its own hours and on make-up days. */
    hours: workingDaySchema.default(DEFAULT_WORKING_HOURS.map((span) => ({ ...span }))),
    /** Weekdays whose hours differ from `hours` (e.g. a short Friday, a Saturday morning). */
    hoursByWeekday: z.partialRecord(weekdaySchema, workingDaySchema).default({}),
    /** Days of the week that are not working days unless a make-up day says otherwise. */
    weekendDays: z.array(weekdaySchema).default([...DEFAULT_WEEKEND_DAYS]),
    /** Dates with no working time, whatever their weekday. */
    holidays: z.array(calendarDateSchema).default([]),
    /** Make-up working days (调休上班): dates, usually at a weekend, that work the normal `hours`. */
    makeUpWorkdays: z.array(calendarDateSchema).default([]),
    /**
     * Years whose official holiday schedule `holidays` and `makeUpWorkdays` hold in full. A year
     * with no schedule (here, imported or shipped) is computed with weekends only, and staff
     * are warned before the last scheduled year ends (core/sla/holiday-schedule.ts).
     */
    scheduleYears: z.array(z.number().int().min(2000).max(2100)).default([]),
  })
  .superRefine((config, ctx) => {
    if (config.hours.length === 0) {
      ctx.addIssue({ code: "custom", path: ["hours"], message: "the normal working day needs at least one span" });
    }
    const weekend = new Set(config.weekendDays);
    for (const weekday of WEEKDAYS) {
      if (weekend.has(weekday) && config.hoursByWeekday[weekday] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["hoursByWeekday", weekday],
          message: `${weekday} is a weekend day; remove it from weekendDays to give it working hours`,
        });
      }
    }
    const hasWeeklyWorkingTime = WEEKDAYS.some(
      (weekday) => !weekend.has(weekday) && (config.hoursByWeekday[weekday] ?? config.hours).length > 0,
    );
    if (!hasWeeklyWorkingTime) {
      ctx.addIssue({ code: "custom", path: ["weekendDays"], message: "the calendar has no working time in a normal week" });
    }
    const holidayDates = new Set(config.holidays.map((holiday) => holiday.date));
    config.makeUpWorkdays.forEach((day, index) => {
      if (holidayDates.has(day.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["makeUpWorkdays", index, "date"],
          message: `${day.date} is both a holiday and a make-up working day`,
        });
      }
    });
  });

/** A validated calendar configuration, every field filled (defaults applied). */
export type CalendarConfig = z.output<typeof calendarConfigSchema>;

/** Read-only all the way down, so constant data (e.g. the holiday lists) can be passed as it is. */
type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/** What a caller may pass: every field optional, defaults fill the rest. */
export type CalendarConfigInput = DeepReadonly<z.input<typeof calendarConfigSchema>>;

export type LocalizedName = z.output<typeof localizedNameSchema>;
export type CalendarDate = z.output<typeof calendarDateSchema>;
