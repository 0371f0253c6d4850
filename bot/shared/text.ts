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

/** Cuts free text for one-line previews. */
export function preview(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** An optional value, or the catalog's dash. */
export function orNone(language: Language, value: string | null | undefined): string {
  return value ? value : translate(language, "value.none");
}
