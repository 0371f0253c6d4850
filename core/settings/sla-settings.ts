import type { CoreDeps } from "../ports.ts";
import { calendarConfigSchema, type CalendarConfig } from "../sla/calendar-config.ts";
import { createCalendar } from "../sla/calendar.ts";
import { defaultCalendarConfig } from "../sla/default-calendar.ts";
import { DEFAULT_SLA_POLICIES, type PolicyOverride } from "../sla/policy.ts";
import { parsePolicyOverrides } from "../sla/policy-schema.ts";
import { requireAbility } from "../tickets/permissions.ts";
import type { Staff } from "../tickets/types.ts";

const POLICY_OVERRIDES_KEY = "sla.policyOverrides";
const CALENDAR_KEY = "sla.calendar";

/**
 * SLA policy overrides (per category and work center) and the business calendar live in the
 * database so admins can change them without a restart. Stored values were validated when
 * written and are validated again when read, so a hand-edited row cannot break start-up
 * silently: it fails loudly with the field that is wrong.
 */
export async function loadSlaSettings(deps: Pick<CoreDeps, "settingsStore" | "settings">): Promise<void> {
  const overrides = await deps.settingsStore.get(POLICY_OVERRIDES_KEY);
  const calendar = await deps.settingsStore.get(CALENDAR_KEY);
  deps.settings.sla.configure({
    ...(overrides ? { policies: { ...DEFAULT_SLA_POLICIES, overrides: parsePolicyOverrides(overrides) } } : {}),
    ...(calendar ? { calendar: createCalendar(calendar as CalendarConfig) } : {}),
  });
}

export async function readSlaSettings(
  deps: Pick<CoreDeps, "settingsStore">,
): Promise<{ policyOverrides: PolicyOverride[]; calendar: CalendarConfig; defaults: typeof DEFAULT_SLA_POLICIES.defaults }> {
  const overrides = await deps.settingsStore.get(POLICY_OVERRIDES_KEY);
  const calendar = await deps.settingsStore.get(CALENDAR_KEY);
  return {
    policyOverrides: overrides ? parsePolicyOverrides(overrides) : [],
    calendar: calendar ? calendarConfigSchema.parse(calendar) : defaultCalendarConfig(),
    defaults: DEFAULT_SLA_POLICIES.defaults,
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

/** An admin replaces the business calendar (hours, weekends, holidays, make-up days, zone). */
export async function updateCalendar(
  deps: Pick<CoreDeps, "settings" | "clock" | "settingsStore">,
  input: unknown,
  admin: Staff,
): Promise<CalendarConfig> {
  requireAbility(admin.role, "configure");
  // createCalendar validates (zod) and refuses a calendar with no working time at all.
  const calendar = createCalendar(input as CalendarConfig);
  const config = calendarConfigSchema.parse(input);
  await deps.settingsStore.set(CALENDAR_KEY, config, { at: deps.clock.now(), by: admin.id });
  deps.settings.sla.configure({ calendar });
  return config;
}
