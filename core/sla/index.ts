/**
 * SLA module: business calendar, working-time arithmetic, SLA policies and clocks.
 * Pure functions and data; time always comes in as a parameter.
 */
export type { LocalDate, LocalTime, MinuteSpan, Weekday } from "./local-time.ts";
export { WEEKDAYS } from "./local-time.ts";

export type { CalendarConfig, CalendarConfigInput, CalendarDate, LocalizedName } from "./calendar-config.ts";
export {
  calendarConfigSchema,
  calendarDateSchema,
  DEFAULT_TIME_ZONE,
  DEFAULT_WEEKEND_DAYS,
  DEFAULT_WORKING_HOURS,
  localizedNameSchema,
  weekdaySchema,
  workingSpanSchema,
} from "./calendar-config.ts";

export type { BusinessCalendar, WorkingInterval } from "./calendar.ts";
export { createCalendar, isWorkingDay, workingSpansOn } from "./calendar.ts";

export {
  addWorkingDays,
  addWorkingMinutes,
  isWorkingInstant,
  nextWorkingInstant,
  SEARCH_LIMIT_DAYS,
  workingMinutesBetween,
} from "./working-time.ts";

export type { HolidayPeriod } from "./holidays/cn-mainland-2026.ts";
export {
  CN_MAINLAND_2026_HOLIDAYS,
  CN_MAINLAND_2026_MAKE_UP_WORKDAYS,
  CN_MAINLAND_2026_PERIODS,
} from "./holidays/cn-mainland-2026.ts";
export { defaultCalendar, defaultCalendarConfig } from "./default-calendar.ts";
export type { CalendarCoverage, HolidaySchedule, HolidayScheduleSource, ImportedHolidaySchedule, ScheduleInForce } from "./holiday-schedule.ts";
export { applyHolidaySchedules, calendarCoverage, holidayScheduleSchema, parseHolidaySchedule } from "./holiday-schedule.ts";

export type {
  PolicyOverride,
  PolicyQuery,
  PolicyScope,
  ResolvedPolicy,
  SlaClockKind,
  SlaPolicies,
  SlaPolicy,
  SlaTarget,
  SlaUnit,
} from "./policy.ts";
export { countsWorkingTime, DEFAULT_SLA_POLICIES, dueAt, resolvePolicy, targetFor, targetMinutes } from "./policy.ts";
export {
  parsePolicyOverrides,
  policyOverrideSchema,
  policyOverridesSchema,
  SLA_TARGET_MAX,
  slaTargetSchema,
  slaUnitSchema,
} from "./policy-schema.ts";

export type { ClockInput, ClockPause, ClockState, ClockStatus } from "./clock.ts";
export { DEFAULT_WARNING_RATIO, evaluateClock } from "./clock.ts";
export type { ClockEvent, ClockTransition, RecordedClockFlags, SlaEventType } from "./clock-events.ts";
export { clockEvents, NOTHING_RECORDED } from "./clock-events.ts";
export { createSlaService, type SlaPlan, type SlaService, type SlaSubject } from "./sla-service.ts";
