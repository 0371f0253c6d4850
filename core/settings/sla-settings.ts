import type { CoreDeps } from "../ports.ts";
import { calendarConfigSchema, type CalendarConfig } from "../sla/calendar-config.ts";
import { createCalendar } from "../sla/calendar.ts";
import { defaultCalendarConfig } from "../sla/default-calendar.ts";
import {
  applyHolidaySchedules,
  calendarCoverage,
  parseHolidaySchedule,
  parseImportedSchedules,
  type CalendarCoverage,
  type HolidaySchedule,
  type ImportedHolidaySchedule,
  type ScheduleInForce,
} from "../sla/holiday-schedule.ts";
import { DEFAULT_SLA_POLICIES, type PolicyOverride } from "../sla/policy.ts";
import { parsePolicyOverrides } from "../sla/policy-schema.ts";
import { requireAbility } from "../tickets/permissions.ts";
import type { Staff } from "../tickets/types.ts";

const POLICY_OVERRIDES_KEY = "sla.policyOverrides";
const CALENDAR_KEY = "sla.calendar";
const HOLIDAY_SCHEDULES_KEY = "sla.holidaySchedules";

type SettingsDeps = Pick<CoreDeps, "settingsStore" | "settings">;

/**
 * SLA policy overrides (per category and work center), the business calendar and the imported
 * holiday schedules live in the database so admins can change them without a restart. Stored
 * values were validated when written and are validated again when read, so a hand-edited row
 * cannot break start-up silently: it fails loudly with the field that is wrong.
 */
export async function loadSlaSettings(deps: SettingsDeps): Promise<void> {
  const overrides = await deps.settingsStore.get(POLICY_OVERRIDES_KEY);
  const { config } = await calendarInForce(deps);
  deps.settings.sla.configure({
    ...(overrides ? { policies: { ...DEFAULT_SLA_POLICIES, overrides: parsePolicyOverrides(overrides) } } : {}),
    calendar: createCalendar(config),
  });
}

/** What the SLA view shows: policies, the desk's calendar, the holiday schedule in force per year and how far it reaches. */
export type SlaSettingsView = {
  policyOverrides: PolicyOverride[];
  calendar: CalendarConfig;
  defaults: typeof DEFAULT_SLA_POLICIES.defaults;
  holidaySchedules: ScheduleInForce[];
  coverage: CalendarCoverage;
};

export async function readSlaSettings(deps: Pick<CoreDeps, "settingsStore" | "settings" | "clock">): Promise<SlaSettingsView> {
  const overrides = await deps.settingsStore.get(POLICY_OVERRIDES_KEY);
  const { base, config, schedules } = await calendarInForce(deps);
  return {
    policyOverrides: overrides ? parsePolicyOverrides(overrides) : [],
    calendar: base,
    defaults: DEFAULT_SLA_POLICIES.defaults,
    holidaySchedules: schedules,
    coverage: calendarCoverage(config, deps.clock.now()),
  };
}

/** An admin replaces the policy overrides; they apply to tickets created from now on. */
export async function updateSlaPolicies(
  deps: Pick<CoreDeps, "settings" | "clock" | "settingsStore">,
  input: unknown,
  admin: Staff,
): Promise<PolicyOverride[]> {
  requireAbility(admin.role, "configure");
  const overrides = parsePolicyOverrides(input);
  await deps.settingsStore.set(POLICY_OVERRIDES_KEY, overrides, { at: deps.clock.now(), by: admin.id });
  deps.settings.sla.configure({ policies: { ...DEFAULT_SLA_POLICIES, overrides } });
  return overrides;
}

/**
 * An admin replaces the business calendar (hours, weekends, holidays, make-up days, zone). The
 * official holiday schedules (imported or shipped) still apply on top of it.
 */
export async function updateCalendar(
  deps: Pick<CoreDeps, "settings" | "clock" | "settingsStore">,
  input: unknown,
  admin: Staff,
): Promise<CalendarConfig> {
  requireAbility(admin.role, "configure");
  // createCalendar validates (zod) and refuses a calendar with no working time at all.
  createCalendar(input as CalendarConfig);
  const config = calendarConfigSchema.parse(input);
  await deps.settingsStore.set(CALENDAR_KEY, config, { at: deps.clock.now(), by: admin.id });
  deps.settings.sla.configure({ calendar: createCalendar((await calendarInForce(deps)).config) });
  return config;
}

/**
 * An admin imports a year's official holiday schedule (the staff API; `admin: null` is the
 * local command line, `npm run calendar -- import`). It replaces an earlier import of the same
 * year and everything the calendar said about that year, and applies to tickets created from
 * now on.
 *
 * @throws AppError `validation` with each wrong field; `forbidden` for staff who may not configure.
 */
export async function importHolidaySchedule(
  deps: Pick<CoreDeps, "settings" | "clock" | "settingsStore">,
  input: unknown,
  admin: Staff | null,
): Promise<{ schedule: ImportedHolidaySchedule; coverage: CalendarCoverage }> {
  if (admin) requireAbility(admin.role, "configure");
  const parsed: HolidaySchedule = parseHolidaySchedule(input);
  const now = deps.clock.now();
  const schedule: ImportedHolidaySchedule = { ...parsed, importedAt: now.toISOString(), importedBy: admin?.id ?? null };
  const others = (await importedSchedules(deps)).filter((earlier) => earlier.year !== schedule.year);
  const imported = [...others, schedule].sort((left, right) => left.year - right.year);
  await deps.settingsStore.set(HOLIDAY_SCHEDULES_KEY, imported, { at: now, ...(admin ? { by: admin.id } : {}) });
  const { config } = await calendarInForce(deps);
  deps.settings.sla.configure({ calendar: createCalendar(config) });
  return { schedule, coverage: calendarCoverage(config, now) };
}

async function importedSchedules(deps: Pick<CoreDeps, "settingsStore">): Promise<ImportedHolidaySchedule[]> {
  const stored = await deps.settingsStore.get(HOLIDAY_SCHEDULES_KEY);
  return stored ? parseImportedSchedules(stored) : [];
}

/** The stored calendar (or the default one) with the imported and shipped holiday schedules applied. */
async function calendarInForce(deps: SettingsDeps): Promise<{ base: CalendarConfig; config: CalendarConfig; schedules: ScheduleInForce[] }> {
  const stored = await deps.settingsStore.get(CALENDAR_KEY);
  const base = stored ? calendarConfigSchema.parse(stored) : defaultCalendarConfig();
  const applied = applyHolidaySchedules(base, { imported: await importedSchedules(deps), packaged: deps.settings.holidaySchedules ?? [] });
  return { base, ...applied };
}
