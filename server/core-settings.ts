import { createSlaService, DEFAULT_SLA_POLICIES, defaultCalendar, type Channel, type ContactChannels, type CoreSettings } from "../core/index.ts";

/**
 * The desk's rules with their documented defaults (README "How it works"): reopen window,
 * survey validity, chase interval, auto-close and return-visit delays, and the default SLA
 * calendar and policies (admins may override those at run time).
 */
export function coreSettings(options: {
  timeZone: string;
  publicUrl: string | null;
  numberPrefix: string;
  staffRoomChannels: Channel[];
  contactChannels?: ContactChannels;
}): CoreSettings {
  return {
    ...options,
    reopenWindowDays: 14,
    surveyValidDays: 7,
    chaseIntervalMinutes: 60,
    sla: createSlaService({ calendar: defaultCalendar(), policies: DEFAULT_SLA_POLICIES }),
    autoCloseDays: 7,
    returnVisitDays: 3,
  };
}
