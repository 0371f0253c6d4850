import type { Translate } from "../../portal/src/portal-api.ts";
import { translate, type Language } from "../../core/index.ts";

export function translatorFor(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/** BCP 47 locales for the `lang` attribute of pages and the `Content-Language` header. */
export const HTML_LANG: { readonly [L in Language]: string } = { "zh-Hans": "zh-CN", "zh-Hant": "zh-TW", en: "en" };
