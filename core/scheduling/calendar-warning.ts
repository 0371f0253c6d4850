import type { CoreDeps, OutboxIntent } from "../ports.ts";
import { calendarCoverage } from "../sla/holiday-schedule.ts";

/**
 * Staff are told once, `calendarWarningDays` days before the official holiday schedules run
 * out (or as soon as the desk finds them already run out), that from then on the business
 * calendar counts weekends only until the next year's schedule is imported. The staff room
 * of every chat channel hears it, and every active supervisor and admin privately.
 *
 * Once per run-out day: the claim's key names the day, so the warning fires once however
 * often the scheduler runs (and across restarts); importing the next year moves the day and
 * arms the next warning. With no chat channel nobody could be told, so nothing is claimed
 * and the SLA view (`core.sla.read`) is where staff see it.
 */
export async function warnCalendarRunningOut(deps: Pick<CoreDeps, "settings" | "settingsStore" | "staff" | "clock">): Promise<number> {
  const leadDays = deps.settings.calendarWarningDays;
  if (leadDays === undefined || deps.settings.staffRoomChannels.length === 0) return 0;
  const now = deps.clock.now();
  const coverage = calendarCoverage(deps.settings.sla.current().calendar.config, now);
  if (coverage.daysLeft > leadDays) return 0;
  const key = `sla.calendarWarning.${coverage.weekendsOnlyFrom}`;
  // Already told: one read, not a refused claim (with its staff lookup) every pass.
  if ((await deps.settingsStore.get(key)) !== null) return 0;
  const notification = { kind: "staff.calendar_running_out" as const, year: coverage.firstYearWithoutSchedule, weekendsOnlyFrom: coverage.weekendsOnlyFrom };
  const people = (await deps.staff.list()).filter((member) => member.active && (member.role === "supervisor" || member.role === "admin"));
  const outbox: OutboxIntent[] = deps.settings.staffRoomChannels.flatMap((channel) => [
    { channel, recipient: { kind: "staff_room" as const }, notification },
    ...people.map((member) => ({ channel, recipient: { kind: "staff" as const, staffId: member.id }, notification })),
  ]);
  const claimed = await deps.settingsStore.claim(key, { warnedAt: now.toISOString(), daysLeft: coverage.daysLeft }, { at: now }, outbox);
  return claimed ? 1 : 0;
}
