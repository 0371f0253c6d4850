import { createSlaService, DEFAULT_SLA_POLICIES, defaultCalendar, type Channel, type ChatIntakeLimit, type ContactChannels, type CoreSettings, type HolidaySchedule } from "../core/index.ts";

/** Staff hear this many days ahead that the holiday schedules run out (README "Business calendar"). */
export const CALENDAR_WARNING_DAYS = 60;

/**
 * The desk's rules with their documented defaults (README "How it works"): reopen window,
 * survey validity, chase interval, auto-close and return-visit delays, and the default SLA
 * calendar and policies (admins may override those at run time). `holidaySchedules` are the
 * official schedules shipped with the desk (content/holidays), applied by `core.sla.load()`.
 */
export function coreSettings(options: {
  timeZone: string;
  publicUrl: string | null;
  numberPrefix: string;
  staffRoomChannels: Channel[];
  contactChannels?: ContactChannels;
  /** Defaults to the staff-room channels (a bot that posts to a room can also write privately). */
  staffChatChannels?: Channel[];
  /** Chat channels whose bot runs; customers of other chat channels are sent nothing. */
  chatChannels?: Channel[];
  deskHotline?: string;
  holidaySchedules?: readonly HolidaySchedule[];
  /** CHAT_REPORT_LIMIT; null: off. */
  chatIntakeLimit?: ChatIntakeLimit | null;
  /** The staff console's base URL for sign-in links. */
  consoleUrl?: string;
}): CoreSettings {
  const { staffChatChannels, deskHotline, ...rest } = options;
  return {
    ...rest,
    staffChatChannels: staffChatChannels ?? options.staffRoomChannels,
    ...(deskHotline ? { deskHotline } : {}),
    calendarWarningDays: CALENDAR_WARNING_DAYS,
    reopenWindowDays: 14,
    surveyValidDays: 7,
    chaseIntervalMinutes: 60,
    sla: createSlaService({ calendar: defaultCalendar(), policies: DEFAULT_SLA_POLICIES }),
    autoCloseDays: 7,
    returnVisitDays: 3,
  };
}
