import type { Language, MessageKey } from "../../core/index.ts";
import { HTML_LANG, translatorFor } from "./translate.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A minimal page for requests refused before a page can run (cross-site POST, oversized
 * upload, the portal still building). Self-contained: it must work when the Astro build
 * does not.
 */
export function refusalPage(language: Language, title: MessageKey, text: MessageKey, params: Record<string, string | number> = {}): string {
  const t = translatorFor(language);
  return `<!doctype html>
<html lang="${HTML_LANG[language]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(title))} · ${escapeHtml(t("portal.site.name"))}</title>
<style>body{font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;padding:2rem 1rem;color:#1f2937;background:#f6f7f9}
main{max-width:32rem;margin:auto;background:#fff;border:1px solid #d9dde3;border-radius:12px;padding:1.5rem}h1{font-size:1.35rem;margin:0 0 .75rem}a{color:#1d4ed8}</style></head>
<body><main><h1>${escapeHtml(t(title))}</h1><p>${escapeHtml(t(text, params))}</p><p><a href="/">${escapeHtml(t("portal.error.home"))}</a></p></main></body></html>`;
}
