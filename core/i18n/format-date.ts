/**
 * Every date and time shown to a person, in one place: the portal, the chat bots, the
 * notifications and timeline lines all write an instant the same way in a language, in the
 * desk's time zone (`2026年11月25日 10:00`, `25 Nov 2026, 10:00`). Built on luxon, which keeps
 * its zones and Intl formatters cached, so a call costs no new `Intl.DateTimeFormat`.
 */
import { DateTime } from "luxon";
import type { Language } from "../tickets/types.ts";

/**
 * An instant as adapters hold it: a `Date`, an ISO 8601 string as the ticket views carry
 * them, or nothing yet (no appointment, no due time).
 */
export type ShownInstant = Date | string | null | undefined;

type Patterns = { locale: string; date: string; time: string; dateTime: string };

// Explicit luxon patterns rather than Intl's per-locale defaults, so a new ICU release cannot
// reword them. The locale only supplies English month names (en-GB: `Nov`, `Sept`).
const PATTERNS: { readonly [L in Language]: Patterns } = {
  "zh-Hans": { locale: "zh-CN", date: "yyyy年M月d日", time: "HH:mm", dateTime: "yyyy年M月d日 HH:mm" },
  "zh-Hant": { locale: "zh-TW", date: "yyyy年M月d日", time: "HH:mm", dateTime: "yyyy年M月d日 HH:mm" },
  en: { locale: "en-GB", date: "d MMM yyyy", time: "HH:mm", dateTime: "d MMM yyyy, HH:mm" },
};

/**
 * The instant in `timeZone`, or `null` when there is none to show (absent, or not a date).
 * @throws RangeError when luxon does not know the zone: a configuration error, not a value.
 */
function inZone(at: ShownInstant, timeZone: string): DateTime<true> | null {
  if (at === null || at === undefined || at === "") return null;
  const local = typeof at === "string" ? DateTime.fromISO(at, { zone: timeZone }) : DateTime.fromJSDate(at, { zone: timeZone });
  if (local.isValid) return local;
  if (local.invalidReason === "unsupported zone") throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  return null;
}

function format(at: ShownInstant, language: Language, timeZone: string, pattern: keyof Omit<Patterns, "locale">): string {
  const patterns = PATTERNS[language];
  return inZone(at, timeZone)?.toFormat(patterns[pattern], { locale: patterns.locale }) ?? "";
}

/**
 * A date and time as the reader writes it, in the desk's zone: `2026年11月25日 10:00` (zh-Hans,
 * zh-Hant), `25 Nov 2026, 10:00` (en). An absent or invalid value gives `""`, so each surface
 * shows its own placeholder (the portal's "not yet", the bots' dash).
 */
export function formatDateTime(at: ShownInstant, language: Language, timeZone: string): string {
  return format(at, language, timeZone, "dateTime");
}

/** The local date alone: `2026年11月25日`, `25 Nov 2026`; `""` when absent or invalid. */
export function formatDate(at: ShownInstant, language: Language, timeZone: string): string {
  return format(at, language, timeZone, "date");
}

/** The local time of day alone, 24-hour: `10:00`; `""` when absent or invalid. */
export function formatTime(at: ShownInstant, language: Language, timeZone: string): string {
  return format(at, language, timeZone, "time");
}

/**
 * The local calendar day of an instant, `YYYYMMDD` (`20261124`): the date part of a ticket
 * number, taken in the desk's zone so a ticket made at 00:30 in Shanghai carries that day.
 * @throws RangeError for an invalid date or an unknown zone.
 */
export function localDay(at: Date, timeZone: string): string {
  const local = inZone(at, timeZone);
  if (!local) throw new RangeError(`Not a valid instant: ${String(at)}`);
  return local.toISODate({ format: "basic" });
}
