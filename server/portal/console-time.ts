import { DateTime } from "luxon";
import type { Translate } from "../../portal/src/portal-api.ts";

/** A span of minutes as staff read it: "45 min", "3 h 20 min", "2 d 4 h". */
export function formatDuration(t: Translate, minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return t("console.duration.minutes", { m: total });
  const hours = Math.floor(total / 60);
  if (hours < 24) return t("console.duration.hours", { h: hours, m: total % 60 });
  return t("console.duration.days", { d: Math.floor(hours / 24), h: hours % 24 });
}

/** An instant as the value of a `datetime-local` field in the desk's zone ("2026-11-25T10:00"). */
export function toLocalInput(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A `datetime-local` value read in the desk's zone; null when it is not one. */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const parsed = DateTime.fromFormat(value.trim(), "yyyy-MM-dd'T'HH:mm", { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** Midnight starting a day (`2026-11-25`) in the desk's zone, `plusDays` later; undefined when it is no date. */
export function startOfLocalDay(value: string, timeZone: string, plusDays = 0): Date | undefined {
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.startOf("day").plus({ days: plusDays }).toJSDate() : undefined;
}
