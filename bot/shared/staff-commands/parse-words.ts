/** What staff type as a status or a time, in any of the desk's languages. */
import { DateTime } from "luxon";
import { LANGUAGES, TICKET_STATUSES, translate, type TicketStatus } from "../../../core/index.ts";

/** A status key (`in_progress`, `in-progress`) or its name in any of our languages (`处理中`). */
export function parseStatus(word: string): TicketStatus | null {
  const key = word.trim().toLowerCase().replace(/-/g, "_");
  const byKey = TICKET_STATUSES.find((status) => status === key);
  if (byKey) return byKey;
  for (const language of LANGUAGES) {
    const match = TICKET_STATUSES.find((status) => translate(language, `status.${status}`).toLowerCase() === word.trim().toLowerCase());
    if (match) return match;
  }
  return null;
}

const DATE_TIME_FORMATS = ["yyyy-M-d H:mm", "yyyy/M/d H:mm", "M-d H:mm", "M/d H:mm", "yyyy-M-d'T'H:mm"];

/** `2026-11-25 14:00` (or `11-25 14:00`, this year) in the desk's time zone; also takes a single `2026-11-25T14:00` word. */
export function parseAppointment(words: readonly string[], timeZone: string, now: Date): { at: Date; words: number } | null {
  const candidates: { text: string; words: number }[] = [];
  if (words[0] && words[1] && /^\d{1,2}:\d{2}$/.test(words[1])) candidates.push({ text: `${words[0]} ${words[1]}`, words: 2 });
  if (words[0]) candidates.push({ text: words[0], words: 1 });
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  for (const candidate of candidates) {
    for (const format of DATE_TIME_FORMATS) {
      let parsed = DateTime.fromFormat(candidate.text, format, { zone: timeZone });
      if (!parsed.isValid) continue;
      if (!format.includes("yyyy")) parsed = parsed.set({ year });
      return { at: parsed.toJSDate(), words: candidate.words };
    }
  }
  return null;
}
