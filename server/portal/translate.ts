import type { Translate } from "../../portal/src/portal-api.ts";
import { translate, type Language } from "../../core/index.ts";

export function translatorFor(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/** BCP 47 locales for dates and the `lang` attribute of pages. */
export const HTML_LANG: { readonly [L in Language]: string } = { "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", en: "en" };

/** Dates and times in the desk's time zone, e.g. `2026年11月25日 10:00` or `25 Nov 2026, 10:00`. */
export function dateTimeFormatter(language: Language, timeZone: string): (value: string | Date | null | undefined) => string {
  const format = new Intl.DateTimeFormat(language === "en" ? "en-GB" : HTML_LANG[language], {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
  return (value) => {
    if (!value) return "";
    const date = typeof value === "string" ? new Date(value) : value;
    return Number.isNaN(date.getTime()) ? "" : format.format(date);
  };
}
