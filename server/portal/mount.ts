import type { HttpBindings } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { loadArticles } from "../../content/load-articles.ts";
import { LANGUAGES, pickLanguage, REPORT_LIMITS, type Core, type Language, type TokenSigner } from "../../core/index.ts";
import { createAttachmentStorage, MAX_ATTACHMENT_LABEL } from "../attachments.ts";
import type { Config } from "../config.ts";
import { clientAddress } from "../http/rate-limit.ts";
import type { Logger } from "../logger.ts";
import { ensurePortalBuilt, loadAstroHandler, PORTAL_ROOT, portalPaths, type AstroNodeHandler } from "./astro-build.ts";
import { COOKIE_NAMES } from "./cookies.ts";
import { isSameOriginRequest } from "./csrf.ts";
import type { PortalLocals } from "../../portal/src/portal-api.ts";
import { createPortalServices } from "./portal-services.ts";
import { createPortalLimits, DEFAULT_PORTAL_LIMITS, type PortalLimitSettings } from "./rate-limits.ts";
import { refusalPage } from "./refusal-page.ts";
import { PORTAL_PAGE_HEADERS } from "./security-headers.ts";
import { HTML_LANG } from "./translate.ts";

export type MountPortalOptions = {
  core: Core;
  /** Signs the portal's ticket-proof cookies (the desk's APP_SECRET signer). */
  signer: TokenSigner;
  config: Pick<Config, "dataDir" | "publicUrl" | "publicRateLimit" | "trustProxy">;
  logger: Logger;
  /** The Astro project (default: portal/ of this repository). */
  portalRoot?: string;
  /**
   * When to run `astro build` before serving: when the build is missing (default; `npm
   * install` normally built it), also when sources are newer (development), or never.
   */
  build?: "if-missing" | "if-stale" | "never";
  /** Abuse limits; default: on unless PUBLIC_RATE_LIMIT=off. */
  limits?: PortalLimitSettings | null;
};

/** The multipart body of a report: five photos at the limit plus the text fields. */
const REPORT_BODY_LIMIT = REPORT_LIMITS.attachments * REPORT_LIMITS.attachmentBytes + 1024 * 1024;
const FORM_BODY_LIMIT = 256 * 1024;
const YEAR_SECONDS = 365 * 24 * 3600;
const REFUSAL_HEADERS = { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'", "Cache-Control": "no-store" };

/**
 * Paths the portal never answers, even when a route for them is registered after the portal's
 * catch-all: the API, the health check, and the bots' webhooks.
 */
const RESERVED_PREFIXES = ["/api", "/telegram", "/wechat"];
const isApiPath = (path: string) => path === "/health" || RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
const isLanguage = (value: string | undefined): value is Language => (LANGUAGES as readonly string[]).includes(value ?? "");

/**
 * Mounts the customer portal (Astro, @astrojs/node in middleware mode) into the Hono app.
 * It registers a catch-all, so call it after every other route: routes added later are
 * shadowed (except under the reserved prefixes). `/api/*` and `/health` never reach Astro.
 * Also seeds an empty knowledge base. Pages get the core and the portal services through
 * `Astro.locals`; the Astro build is loaded on the first portal request.
 */
export async function mountPortal(app: Hono, options: MountPortalOptions): Promise<{ ready(): Promise<void> }> {
  const { core, config, logger } = options;
  const root = options.portalRoot ?? PORTAL_ROOT;
  const paths = portalPaths(root);

  const seeded = await core.knowledgeBase.seed(loadArticles());
  if (seeded.inserted > 0) logger.info({ articles: seeded.inserted }, "knowledge base seeded with the starter articles");

  const services = createPortalServices({
    core,
    signer: options.signer,
    attachments: createAttachmentStorage({ dataDir: config.dataDir }),
    limits: createPortalLimits(options.limits !== undefined ? options.limits : config.publicRateLimit ? DEFAULT_PORTAL_LIMITS : null),
    logger,
  });
  const secureCookies = config.publicUrl.startsWith("https:");

  let loading: Promise<AstroNodeHandler> | undefined;
  const handler = () =>
    (loading ??= (async () => {
      await ensurePortalBuilt({ root, rebuild: options.build ?? "if-missing" });
      return loadAstroHandler(root);
    })().catch((error: unknown) => {
      loading = undefined;
      logger.error({ err: error }, "the portal could not be loaded");
      throw error;
    }));

  const languageOf = (context: Context): { language: Language; chosen: boolean } => {
    const query = context.req.query("lang");
    if (query) return { language: pickLanguage(query), chosen: true };
    const remembered = getCookie(context, COOKIE_NAMES.language);
    if (isLanguage(remembered)) return { language: remembered, chosen: false };
    return { language: pickLanguage(context.req.header("accept-language")), chosen: false };
  };
  const refuse = (context: Context, language: Language, status: 403 | 411 | 413 | 503, extra: Record<string, string> = {}) => {
    const [title, text] =
      status === 403 ? (["portal.error.403.title", "portal.error.403.text"] as const)
      : status === 503 ? (["portal.error.503.title", "portal.error.503.text"] as const)
      : (["portal.error.413.title", "portal.error.413.text"] as const);
    return context.html(refusalPage(language, title, text, { limit: MAX_ATTACHMENT_LABEL, max: REPORT_LIMITS.attachments }), status, { ...REFUSAL_HEADERS, ...extra });
  };

  // Built assets (hashed names, cached for a year) and files of portal/public.
  let assets: ReturnType<typeof serveStatic> | undefined;
  app.on(["GET", "HEAD"], "*", async (context, next) => {
    const path = context.req.path;
    if (isApiPath(path) || !/\/[^/]+\.[A-Za-z0-9]+$/.test(path)) return next();
    try {
      await handler();
    } catch {
      return next();
    }
    assets ??= serveStatic({ root: paths.client });
    if (path.startsWith("/_astro/")) context.header("Cache-Control", "public, max-age=31536000, immutable");
    return assets(context, next);
  });

  app.all("*", async (context) => {
    const path = context.req.path;
    if (isApiPath(path)) return context.notFound();
    const { language, chosen } = languageOf(context);
    const bindings = context.env as Partial<HttpBindings> | undefined;
    const { incoming, outgoing } = bindings ?? {};
    if (!incoming || !outgoing) return context.text("The portal is served by the Node HTTP server only.", 501);
    const method = context.req.method;
    if (method !== "GET" && method !== "HEAD" && method !== "POST") return context.text("Method not allowed", 405, { Allow: "GET, HEAD, POST" });

    if (method === "POST") {
      // Refused before the body is read: another site's form, or an upload over the limit.
      if (!isSameOriginRequest({ origin: context.req.header("origin"), referer: context.req.header("referer"), host: context.req.header("host") }, config.publicUrl)) {
        logger.warn({ path }, "cross-site form post refused");
        return refuse(context, language, 403);
      }
      const declared = context.req.header("content-length");
      if (declared === undefined) return refuse(context, language, 411);
      const limit = path === "/report" ? REPORT_BODY_LIMIT : FORM_BODY_LIMIT;
      if (!/^\d+$/.test(declared) || Number(declared) > limit) return refuse(context, language, 413, { Connection: "close" });
    }

    let astro: AstroNodeHandler;
    try {
      astro = await handler();
    } catch {
      return refuse(context, language, 503, { "Retry-After": "30" });
    }

    const portal = services.forRequest({ language, clientAddress: clientAddress(context, { trustProxy: config.trustProxy }), cookies: getCookie(context) });
    if (chosen) portal.pendingCookies.push({ name: COOKIE_NAMES.language, value: language, maxAgeSeconds: YEAR_SECONDS });
    const locals: PortalLocals = { core, portal, secureCookies, htmlLang: HTML_LANG[language] };
    for (const [name, value] of Object.entries(PORTAL_PAGE_HEADERS)) outgoing.setHeader(name, value);
    outgoing.setHeader("Content-Language", HTML_LANG[language]);
    await astro(incoming, outgoing, undefined, locals);
    // Astro wrote the response itself; tell @hono/node-server, and let the request log
    // (server/app.ts) see the real status.
    return new Response(null, { status: outgoing.statusCode, headers: { "x-hono-already-sent": "true" } });
  });

  return {
    async ready() {
      await handler();
    },
  };
}
