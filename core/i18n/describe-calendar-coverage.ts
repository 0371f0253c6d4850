import type { Language } from "../tickets/types.ts";
import { formatDate } from "./format-date.ts";
import { translate } from "./index.ts";

/**
 * The sentence staff read wherever the holiday schedules run out (the SLA view, the warning
 * notice): no schedule for `year`, so from `weekendsOnlyFrom` (a local date) SLA times count
 * weekends only, and how to import the year.
 */
export function describeWeekendsOnly(language: Language, coverage: { year: number; weekendsOnlyFrom: string }): string {
  // A local date read and written in one zone is itself, whichever zone: UTC needs no lookup.
  const date = formatDate(coverage.weekendsOnlyFrom, language, "UTC");
  return translate(language, "sla.calendar.weekends_only", { year: coverage.year, date });
}
