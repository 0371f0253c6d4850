import type { Language } from "../tickets/types.ts";
import { en, type Catalog, type MessageKey } from "./en.ts";
import { zhHans } from "./zh-hans.ts";
import { zhHant } from "./zh-hant.ts";

export type { MessageKey } from "./en.ts";

const CATALOGS: { readonly [L in Language]: Catalog } = { en, "zh-Hans": zhHans, "zh-Hant": zhHant };

export type MessageParams = Record<string, string | number | null | undefined | readonly string[]>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Renders a message in a language; list parameters are joined with the language's comma. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGS[language][key];
  const separator = language === "en" ? ", " : "、";
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return "";
    if (Array.isArray(value)) return value.join(separator);
    return String(value);
  });
}

/**
 * Picks our language from a BCP 47 tag or an Accept-Language header: Traditional Chinese
 * for zh-Hant/zh-TW/zh-HK/zh-MO, Simplified for any other zh, English otherwise.
 */
export function pickLanguage(tagOrHeader: string | undefined | null, fallback: Language = "zh-Hans"): Language {
  if (!tagOrHeader) return fallback;
  const first = tagOrHeader.split(",")[0]?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!first) return fallback;
  if (first.startsWith("zh")) {
    return /hant|tw|hk|mo/.test(first) ? "zh-Hant" : "zh-Hans";
  }
  if (first === "*") return fallback;
  return "en";
}
