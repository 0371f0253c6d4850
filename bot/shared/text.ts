import {
  translate,
  type Category,
  type Language,
  type MessageKey,
  type MessageParams,
  type StaffRole,
  type TicketStatus,
  type Urgency,
} from "../../core/index.ts";

/** Shorthands over the shared catalogs; every word a bot says comes from core/i18n. */
export const t = (language: Language, key: MessageKey, params?: MessageParams): string => translate(language, key, params);

export const statusName = (language: Language, status: TicketStatus): string => translate(language, `status.${status}`);
export const categoryName = (language: Language, category: Category): string => translate(language, `category.${category}`);
export const urgencyName = (language: Language, urgency: Urgency): string => translate(language, `urgency.${urgency}`);
export const roleName = (language: Language, role: StaffRole): string => translate(language, `bot.staff.role.${role}`);

const LOCALES: { readonly [L in Language]: string } = { en: "en-GB", "zh-Hans": "zh-CN", "zh-Hant": "zh-TW" };

/** A date and time as the reader writes it, in the desk's time zone. */
export function formatDateTime(at: Date | string | null | undefined, language: Language, timeZone: string): string {
  if (at === null || at === undefined) return translate(language, "value.none");
  const date = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return translate(language, "value.none");
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
}

/** Cuts free text for one-line previews. */
export function preview(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An optional value, or the catalog's dash. */
export function orNone(language: Language, value: string | null | undefined): string {
  return value ? value : translate(language, "value.none");
}
