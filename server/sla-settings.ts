import type { CoreSettings } from "../core/ports.ts";
import { DEFAULT_SLA_POLICIES, defaultCalendar, dueAt, resolvePolicy, type BusinessCalendar, type SlaPolicies } from "../core/sla/index.ts";

/** Due times for a new ticket from the business calendar and the SLA policies. */
export function dueTimesFrom(calendar: BusinessCalendar = defaultCalendar(), policies: SlaPolicies = DEFAULT_SLA_POLICIES): CoreSettings["dueTimes"] {
  return ({ createdAt, urgency, category, workCenterId }) => {
    const policy = resolvePolicy(policies, { urgency, category, ...(workCenterId ? { workCenterId } : {}) });
    return {
      firstResponseDueAt: dueAt(calendar, createdAt, policy.firstResponse),
      resolutionDueAt: dueAt(calendar, createdAt, policy.resolution),
    };
  };
}
