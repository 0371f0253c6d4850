import type { Context } from "hono";
import { html } from "hono/html";
import { REPORT_LIMITS, type Language, type MessageKey } from "../../core/index.ts";
import { MAX_ATTACHMENT_LABEL } from "../attachments.ts";
import { HTML_LANG, translatorFor } from "./translate.ts";

/**
 * Refusals before a page runs: a body that is not a readable form (400, 415), another site's
 * form or one without its token (403), no or too big a declared length (411, 413), the
 * report limit reached (429), the portal still building (503).
 */
export type RefusalStatus = 400 | 403 | 411 | 413 | 415 | 429 | 503;

const REFUSAL_HEADERS = { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'", "Cache-Control": "no-store" };

const MESSAGES: { readonly [S in RefusalStatus]: readonly [title: MessageKey, text: MessageKey] } = {
  400: ["portal.error.400.title", "portal.error.400.text"],
  403: ["portal.error.403.title", "portal.error.403.text"],
  411: ["portal.error.413.title", "portal.error.413.text"],
  413: ["portal.error.413.title", "portal.error.413.text"],
  415: ["portal.error.415.title", "portal.error.415.text"],
  429: ["portal.error.429.title", "portal.error.429.text"],
  503: ["portal.error.503.title", "portal.error.503.text"],
};

/**
 * A minimal page for requests refused before a page can run (cross-site POST, oversized
 * upload, the portal still building). Self-contained: it must work when the Astro build
 * does not. `html` escapes every interpolated text.
 */
export function refusalPage(language: Language, title: MessageKey, text: MessageKey, params: Record<string, string | number> = {}) {
  const t = translatorFor(language);
  return html`<!doctype html>
<html lang="${HTML_LANG[language]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(title)} · ${t("portal.site.name")}</title>
<style>body{font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;padding:2rem 1rem;color:#1f2937;background:#f6f7f9}
main{max-width:32rem;margin:auto;background:#fff;border:1px solid #d9dde3;border-radius:12px;padding:1.5rem}h1{font-size:1.35rem;margin:0 0 .75rem}a{color:#1d4ed8}</style></head>
<body><main><h1>${t(title)}</h1><p>${t(text, params)}</p><p><a href="/">${t("portal.error.home")}</a></p></main></body></html>`;
}

/** The refusal page as a response, with its own strict headers (it has no Astro page headers). */
export async function refusalResponse(
  context: Context,
  language: Language,
  status: RefusalStatus,
  extraHeaders: Record<string, string> = {},
  reason?: "busy",
): Promise<Response> {
  // A 503 is the portal starting, or (busy) too many uploads being read at once.
  const [title, text] = reason === "busy" ? (["portal.error.busy.title", "portal.error.busy.text"] as const) : MESSAGES[status];
  const page = await refusalPage(language, title, text, { limit: MAX_ATTACHMENT_LABEL, max: REPORT_LIMITS.attachments });
  return context.html(page, status, { ...REFUSAL_HEADERS, ...extraHeaders });
}
