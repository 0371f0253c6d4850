import type { CoreDeps } from "../ports.ts";
import { autoCloseResolved } from "./auto-close.ts";
import { warnCalendarRunningOut } from "./calendar-warning.ts";
import { checkSlaClocks } from "./check-sla-clocks.ts";
import { scheduleReturnVisits } from "./return-visits.ts";
import { remindAndExpireSurveys } from "./survey-reminders.ts";
import { remindDueFollowUps } from "../surveys/follow-ups.ts";

export type DueJobsReport = {
  slaEvents: number;
  /** Tickets whose clocks could not be evaluated this pass (tried again next pass). */
  slaFailures: number;
  surveysReminded: number;
  surveysExpired: number;
  returnVisitsScheduled: number;
  returnVisitsAnnounced: number;
  autoClosed: number;
  /** Low-score follow-ups that fell due and were announced to supervisors. */
  followUpsReminded: number;
  /** 1 when this pass warned staff that the holiday schedules run out (once per run-out day). */
  calendarWarnings: number;
};

/**
 * One pass of the scheduler: everything that is due now, derived from the database. Safe to
 * run at any frequency and after any restart: each action is claimed by a conditional write.
 */
export async function runDueJobs(deps: CoreDeps): Promise<DueJobsReport> {
  const sla = await checkSlaClocks(deps);
  const surveys = await remindAndExpireSurveys(deps);
  // Auto-close before scheduling visits, so a ticket closed now gets its visit in this pass.
  const autoClosed = await autoCloseResolved(deps);
  const visits = await scheduleReturnVisits(deps);
  const followUpsReminded = await remindDueFollowUps(deps);
  const calendarWarnings = await warnCalendarRunningOut(deps);
  return {
    slaEvents: sla.recorded,
    slaFailures: sla.failed,
    surveysReminded: surveys.reminded,
    surveysExpired: surveys.expired,
    returnVisitsScheduled: visits.scheduled,
    returnVisitsAnnounced: visits.announced,
    autoClosed,
    followUpsReminded,
    calendarWarnings,
  };
}
