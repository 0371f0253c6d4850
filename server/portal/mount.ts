import type { IncomingMessage } from "node:http";
import type { HttpBindings } from "@hono/node-server";
import type { Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { loadArticles } from "../../content/load-articles.ts";
import { REPORT_LIMITS, type Core, type Language, type TokenSigner } from "../../core/index.ts";
import { createAttachmentStorage } from "../attachments.ts";
import type { Config } from "../config.ts";
import { clientAddress } from "../http/rate-limit.ts";
import { maskDigits, type Logger } from "../logger.ts";
import type { ContactChannel, PortalLocals } from "../../portal/src/portal-api.ts";
import { ensurePortalBuilt, loadAstroHandler, PORTAL_ROOT, portalPaths, type AstroNodeHandler } from "./astro-build.ts";
import { chooseLanguage, languageCookie } from "./language-choice.ts";
import { createPortalServices } from "./portal-services.ts";
import { COOKIE_NAMES } from "./cookies.ts";
import { isValidCsrfToken } from "./csrf.ts";
import { boundaryOf, peekFirstPart, refusedPost, type PostRefusal } from "./post-guard.ts";
import { createPortalLimits, DEFAULT_PORTAL_LIMITS, type PortalLimitSettings } from "./rate-limits.ts";
import { refusalResponse } from "./refusal-page.ts";
import { isHttpsRequest, PORTAL_PAGE_HEADERS, STRICT_TRANSPORT_SECURITY } from "./security-headers.ts";
import { portalAssets } from "./static-assets.ts";
import { spoolMultipart, type SpoolLimits, type SpooledForm } from "./spool-upload.ts";
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
  /** The chat channels the footer and the FAQ articles name (server/contact-channels.ts); none when absent. */
  contactChannels?: () => ContactChannel[];
  /** Large uploads (over 1 MB: photos) streamed at once; the next is asked to retry (503). Default 16. */
  maxUploadsInFlight?: number;
};

/**
 * The report form's streamed limits: each photo one byte past the photo limit is known too
 * large (the rest is not kept), files past the count are not read, text fields as the page's.
 */
const SPOOL_LIMITS: SpoolLimits = { maxFileBytes: REPORT_LIMITS.attachmentBytes, maxFiles: REPORT_LIMITS.attachments, maxFieldBytes: 64 * 1024, maxFields: 32 };

/** A body over this carries photos; only so many such bodies are streamed at once (16 by default). */
const LARGE_UPLOAD_BYTES = 1024 * 1024;

/**
 * Paths the portal never answers, even when a route for them is registered after the portal's
 * catch-all: the API, the health check, and the bots' webhooks.
 */
const RESERVED_PREFIXES = ["/api", "/telegram", "/wechat"];
const isApiPath = (path: string) => path === "/health" || RESERVED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

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

  const portalLimits = createPortalLimits(options.limits !== undefined ? options.limits : config.publicRateLimit ? DEFAULT_PORTAL_LIMITS : null);
  const attachments = createAttachmentStorage({ dataDir: config.dataDir });
  const services = createPortalServices({
    core,
    signer: options.signer,
    attachments,
    limits: portalLimits,
    logger,
    ...(options.contactChannels ? { contactChannels: options.contactChannels } : {}),
  });
  const secureCookies = config.publicUrl.startsWith("https:");

  let uploadsInFlight = 0;
  const maxUploadsInFlight = options.maxUploadsInFlight ?? 16;
  /** Too many large uploads being read at once: the next waits (503, Retry-After) instead of adding its photos to memory. */
  function refusedForLoad(context: Context): PostRefusal | null {
    if (Number(context.req.header("content-length") ?? 0) <= LARGE_UPLOAD_BYTES || uploadsInFlight < maxUploadsInFlight) return null;
    return { status: 503, headers: { Connection: "close", "Retry-After": "30" }, reason: "busy" };
  }

  /**
   * A multipart POST (the report form with its photos) is judged on its first part before the
   * rest is read: the form token bound to this browser's cookie, then (for /report) the
   * report limit. Photos of a forged or over-limit report are never read into memory.
   */
  async function refusedFormStart(incoming: IncomingMessage, context: Context, address: string): Promise<PostRefusal | null> {
    const boundary = boundaryOf(context.req.header("content-type") ?? "");
    if (!boundary) return null;
    const { first, body } = await peekFirstPart(incoming, boundary);
    // The stream has been read from; Astro's Node adapter takes a request's body from
    // `req.body` when one is set (as after a body parser): the bytes read, then the rest.
    (incoming as IncomingMessage & { body?: unknown }).body = body;
    if (first.kind === "malformed") return { status: 400, headers: { Connection: "close" } };
    if (first.name !== "csrf" || !isValidCsrfToken(options.signer, getCookie(context, COOKIE_NAMES.csrf), first.value)) {
      return { status: 403, headers: { Connection: "close" } };
    }
    // Over the limit: a report with photos is refused before they are read; a small one goes on
    // to the form, which says the limit was reached and when, with the customer's words kept.
    const large = Number(context.req.header("content-length") ?? 0) > LARGE_UPLOAD_BYTES;
    if (context.req.path === "/report" && large && !(await portalLimits.reportAllowed(address))) return { status: 429, headers: { Connection: "close" } };
    return null;
  }

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

  const assets = portalAssets({ clientRoot: paths.client, loaded: handler });
  app.on(["GET", "HEAD"], "*", (context, next) => (isApiPath(context.req.path) ? next() : assets(context, next)));

  app.all("*", async (context) => {
    const path = context.req.path;
    if (isApiPath(path)) return context.notFound();
    const { language, chosen } = chooseLanguage(context);
    const bindings = context.env as Partial<HttpBindings> | undefined;
    const { incoming, outgoing } = bindings ?? {};
    if (!incoming || !outgoing) return context.text("The portal is served by the Node HTTP server only.", 501);
    const method = context.req.method;
    if (method !== "GET" && method !== "HEAD" && method !== "POST") return context.text("Method not allowed", 405, { Allow: "GET, HEAD, POST" });

    const address = clientAddress(context, { trustProxy: config.trustProxy });
    if (method === "POST") {
      // Refused before the body is read: another site's form, an upload over the limit, not a form.
      const refusal = refusedPost(context, config.publicUrl) ?? (await refusedFormStart(incoming, context, address)) ?? refusedForLoad(context);
      if (refusal) {
        // The path of a survey form holds its token: masked like every logged path.
        if (refusal.status === 403) logger.warn({ path: maskDigits(path) }, "cross-site or tokenless form post refused");
        return refusalResponse(context, language, refusal.status, refusal.headers, refusal.reason);
      }
    }

    let astro: AstroNodeHandler;
    try {
      astro = await handler();
    } catch {
      return refusalResponse(context, language, 503, { "Retry-After": "30" });
    }

    // Large uploads at once are bounded (the next gets 503 and Retry-After): streamed to disk,
    // they cost little memory now, but disk writes and the page's work still add up.
    const isLargeUpload = method === "POST" && Number(context.req.header("content-length") ?? 0) > LARGE_UPLOAD_BYTES;
    if (isLargeUpload) uploadsInFlight++;
    try {
      return await spoolAndServe(context, { language, chosen, address, astro, incoming, outgoing });
    } finally {
      if (isLargeUpload) uploadsInFlight--;
    }
  });

  async function spoolAndServe(
    context: Context,
    page: { language: Language; chosen: boolean; address: string; astro: AstroNodeHandler; incoming: IncomingMessage; outgoing: NonNullable<Partial<HttpBindings>["outgoing"]> },
  ): Promise<Response> {
    const { language, incoming } = page;
    const method = context.req.method;
    const path = context.req.path;
    // The report form's photos go to disk as they arrive, never into memory whole.
    let spooled: SpooledForm | undefined;
    if (method === "POST" && path === "/report" && boundaryOf(context.req.header("content-type") ?? "")) {
      const pending = incoming as IncomingMessage & { body?: AsyncIterable<Buffer> };
      try {
        spooled = await spoolMultipart(pending.body ?? incoming, { "content-type": context.req.header("content-type") }, { dir: attachments.incomingDir, ...SPOOL_LIMITS });
      } catch {
        return refusalResponse(context, language, 400, { Connection: "close" });
      }
      // Read to its end: Astro gets an empty body and the form from `locals.form`.
      pending.body = (async function* () {})();
    }
    try {
      return await servePage(context, { ...page, ...(spooled ? { spooled } : {}) });
    } finally {
      await spooled?.discard();
    }
  }

  async function servePage(
    context: Context,
    page: { language: Language; chosen: boolean; address: string; astro: AstroNodeHandler; incoming: IncomingMessage; outgoing: NonNullable<Partial<HttpBindings>["outgoing"]>; spooled?: SpooledForm },
  ): Promise<Response> {
    const { language, chosen, address, astro, incoming, outgoing, spooled } = page;
    const portal = services.forRequest({ language, clientAddress: address, cookies: getCookie(context), ...(spooled ? { spooled } : {}) });
    if (chosen) portal.pendingCookies.push(languageCookie(language));
    const locals: PortalLocals = { core, portal, secureCookies, htmlLang: HTML_LANG[language], ...(spooled ? { form: spooled.form } : {}) };
    for (const [name, value] of Object.entries(PORTAL_PAGE_HEADERS)) outgoing.setHeader(name, value);
    if (isHttpsRequest(incoming, config.trustProxy)) outgoing.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    outgoing.setHeader("Content-Language", HTML_LANG[language]);
    await astro(incoming, outgoing, undefined, locals);
    // Astro wrote the response itself; tell @hono/node-server, and let the request log
    // (server/app.ts) see the real status.
    return new Response(null, { status: outgoing.statusCode, headers: { "x-hono-already-sent": "true" } });
  }

  return {
    async ready() {
      await handler();
    },
  };
}
