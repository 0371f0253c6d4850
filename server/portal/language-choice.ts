import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { LANGUAGES, pickLanguage, type Language } from "../../core/index.ts";
import { COOKIE_NAMES, type PendingCookie } from "./cookies.ts";

const YEAR_SECONDS = 365 * 24 * 3600;

const isLanguage = (value: string | undefined): value is Language => (LANGUAGES as readonly string[]).includes(value ?? "");

/**
 * The reader's language: `?lang=` when the reader chose one (`chosen`, to be remembered),
 * else the remembered choice, else the browser's Accept-Language.
 */
export function chooseLanguage(context: Context): { language: Language; chosen: boolean } {
  const query = context.req.query("lang");
  if (query) return { language: pickLanguage(query), chosen: true };
  const remembered = getCookie(context, COOKIE_NAMES.language);
  if (isLanguage(remembered)) return { language: remembered, chosen: false };
  return { language: pickLanguage(context.req.header("accept-language")), chosen: false };
}

/** The cookie that remembers a chosen language for a year. */
export function languageCookie(language: Language): PendingCookie {
  return { name: COOKIE_NAMES.language, value: language, maxAgeSeconds: YEAR_SECONDS };
}
