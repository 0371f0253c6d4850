/**
 * The calendar a deployment gets unless it configures its own: Asia/Shanghai, Mon–Fri
 * 09:00–18:00 in one span, Saturday and Sunday off, mainland China 2026 holidays and
 * make-up working days (built in; other years come from the shipped and imported schedules,
 * see holiday-schedule.ts).
 */
import type { BusinessCalendar } from "./calendar.ts";
import { createCalendar } from "./calendar.ts";
import { DEFAULT_TIME_ZONE, DEFAULT_WEEKEND_DAYS, DEFAULT_WORKING_HOURS } from "./calendar-config.ts";
import type { CalendarConfig } from "./calendar-config.ts";
import { CN_MAINLAND_2026_HOLIDAYS, CN_MAINLAND_2026_MAKE_UP_WORKDAYS } from "./holidays/cn-mainland-2026.ts";

/**
 * The default configuration as plain data (fresh copies), so a caller can merge overrides
 * into it before {@link createCalendar}, e.g. `createCalendar({ ...defaultCalendarConfig(), ...fromDb })`.
 */
export function defaultCalendarConfig(): CalendarConfig {
  return {
    timeZone: DEFAULT_TIME_ZONE,
    hours: DEFAULT_WORKING_HOURS.map((span) => ({ ...span })),
    hoursByWeekday: {},
    weekendDays: [...DEFAULT_WEEKEND_DAYS],
    holidays: CN_MAINLAND_2026_HOLIDAYS.map((day) => ({ ...day })),
    makeUpWorkdays: CN_MAINLAND_2026_MAKE_UP_WORKDAYS.map((day) => ({ ...day })),
    scheduleYears: [2026],
  };
}

/** The default business calendar (see the module comment). */
export function defaultCalendar(): BusinessCalendar {
  return createCalendar(defaultCalendarConfig());
}
