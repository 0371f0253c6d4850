/**
 * SLA policies: how long a ticket may wait for its first response and for its resolution,
 * by urgency, with overrides per category and per work center.
 */
import type { Category, Urgency } from "../tickets/types.ts";
import type { BusinessCalendar } from "./calendar.ts";
import { MS_PER_MINUTE } from "./local-time.ts";
import { addWorkingDays, addWorkingMinutes } from "./working-time.ts";

/**
 * - `hours`: wall-clock hours, 24/7 (emergencies do not wait for Monday);
 * - `working_hours`: hours of the business calendar's working time;
 * - `working_days`: working days of the calendar, one day = the normal day's working time.
 */
export type SlaUnit = "hours" | "working_hours" | "working_days";

export type SlaTarget = { readonly amount: number; readonly unit: SlaUnit };

export type SlaPolicy = { readonly firstResponse: SlaTarget; readonly resolution: SlaTarget };

/** The two clocks a ticket runs. */
export type SlaClockKind = "first_response" | "resolution";

/**
 * An override row as an admin enters it. It always names an urgency and may narrow to a
 * category, a work center or both; it sets one or both targets. A target it leaves out falls
 * back to the next less specific row (and finally to the urgency default).
 */
export type PolicyOverride = {
  readonly urgency: Urgency;
  readonly category?: Category;
  readonly workCenterId?: string;
  readonly firstResponse?: SlaTarget;
  readonly resolution?: SlaTarget;
};

export type SlaPolicies = {
  readonly defaults: Readonly<Record<Urgency, SlaPolicy>>;
  /** Later rows win over earlier rows of the same specificity: pass them oldest first. */
  readonly overrides: readonly PolicyOverride[];
};

/** Which level of the hierarchy a target came from, most specific first. */
export type PolicyScope = "work_center_category" | "work_center" | "category" | "default";

export type ResolvedPolicy = SlaPolicy & {
  readonly sources: { readonly firstResponse: PolicyScope; readonly resolution: PolicyScope };
};

export type PolicyQuery = { readonly urgency: Urgency; readonly category?: Category; readonly workCenterId?: string };

/** The defaults of domain.md: first response in wall-clock hours, resolution in working days except for emergencies. */
export const DEFAULT_SLA_POLICIES: SlaPolicies = {
  defaults: {
    urgent: { firstResponse: { amount: 2, unit: "hours" }, resolution: { amount: 8, unit: "hours" } },
    high: { firstResponse: { amount: 12, unit: "hours" }, resolution: { amount: 3, unit: "working_days" } },
    normal: { firstResponse: { amount: 24, unit: "hours" }, resolution: { amount: 7, unit: "working_days" } },
    low: { firstResponse: { amount: 24, unit: "hours" }, resolution: { amount: 3, unit: "working_days" } },
  },
  overrides: [],
};

const SCOPE_RANK: Readonly<Record<PolicyScope, number>> = {
  work_center_category: 3,
  work_center: 2,
  category: 1,
  default: 0,
};

/** The scope of a row, or `undefined` when it does not apply to the query. */
function scopeOf(row: PolicyOverride, query: PolicyQuery): PolicyScope | undefined {
  if (row.urgency !== query.urgency) return undefined;
  if (row.category !== undefined && row.category !== query.category) return undefined;
  if (row.workCenterId !== undefined && row.workCenterId !== query.workCenterId) return undefined;
  if (row.workCenterId !== undefined) return row.category !== undefined ? "work_center_category" : "work_center";
  return row.category !== undefined ? "category" : "default";
}

/**
 * The targets that apply to a ticket. Each target is resolved on its own to the most
 * specific row that sets it: work center + category + urgency > work center + urgency >
 * category + urgency > urgency default (a row with only an urgency replaces the default).
 * Among rows of equal specificity the later one wins.
 */
export function resolvePolicy(policies: SlaPolicies, query: PolicyQuery): ResolvedPolicy {
  const base = policies.defaults[query.urgency];
  let firstResponse = { target: base.firstResponse, scope: "default" as PolicyScope, rank: -1 };
  let resolution = { target: base.resolution, scope: "default" as PolicyScope, rank: -1 };
  for (const row of policies.overrides) {
    const scope = scopeOf(row, query);
    if (scope === undefined) continue;
    const rank = SCOPE_RANK[scope];
    if (row.firstResponse !== undefined && rank >= firstResponse.rank) {
      firstResponse = { target: row.firstResponse, scope, rank };
    }
    if (row.resolution !== undefined && rank >= resolution.rank) {
      resolution = { target: row.resolution, scope, rank };
    }
  }
  return {
    firstResponse: firstResponse.target,
    resolution: resolution.target,
    sources: { firstResponse: firstResponse.scope, resolution: resolution.scope },
  };
}

/** The target of one clock of a policy. */
export function targetFor(policy: SlaPolicy, clock: SlaClockKind): SlaTarget {
  switch (clock) {
    case "first_response":
      return policy.firstResponse;
    case "resolution":
      return policy.resolution;
    default:
      return assertNever(clock);
  }
}

/**
 * The length of a target in the minutes its clock counts: wall-clock minutes for `hours`,
 * working minutes otherwise (a working day being the calendar's `normalDayMinutes`).
 */
export function targetMinutes(calendar: BusinessCalendar, target: SlaTarget): number {
  switch (target.unit) {
    case "hours":
    case "working_hours":
      return target.amount * 60;
    case "working_days":
      return target.amount * calendar.normalDayMinutes;
    default:
      return assertNever(target.unit);
  }
}

/** Whether a target counts working time (`true`) or wall-clock time (`false`). */
export function countsWorkingTime(unit: SlaUnit): boolean {
  switch (unit) {
    case "hours":
      return false;
    case "working_hours":
    case "working_days":
      return true;
    default:
      return assertNever(unit);
  }
}

/**
 * When a target started at `start` falls due, ignoring pauses (see `clock.ts` for those).
 * Wall-clock targets add real hours; working targets add calendar working time, so a
 * ticket opened outside working hours starts counting at the next opening.
 */
export function dueAt(calendar: BusinessCalendar, start: Date, target: SlaTarget): Date {
  switch (target.unit) {
    case "hours":
      return new Date(start.getTime() + Math.round(target.amount * 60 * MS_PER_MINUTE));
    case "working_hours":
      return addWorkingMinutes(calendar, start, target.amount * 60);
    case "working_days":
      return addWorkingDays(calendar, start, target.amount);
    default:
      return assertNever(target.unit);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
