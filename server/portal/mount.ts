import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { loadArticles } from "../../content/load-articles.ts";
import type { Core, TokenSigner } from "../../core/index.ts";
import { createAttachmentStorage } from "../attachments.ts";
import type { Config } from "../config.ts";
import { clientAddress } from "../http/rate-limit.ts";
import type { Logger } from "../logger.ts";
import type { ContactChannel, PortalLocals } from "../../portal/src/portal-api.ts";
import { ensurePortalBuilt, loadAstroHandler, PORTAL_ROOT, portalPaths, type AstroNodeHandler } from "./astro-build.ts";
import { chooseLanguage, languageCookie } from "./language-choice.ts";
import { createPortalServices } from "./portal-services.ts";
import { refusedPost } from "./post-guard.ts";
import { createPortalLimits, DEFAULT_PORTAL_LIMITS, type PortalLimitSettings } from "./rate-limits.ts";
import { refusalResponse } from "./refusal-page.ts";
import { PORTAL_PAGE_HEADERS } from "./security-headers.ts";
import { portalAssets } from "./static-assets.ts";
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
};

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

  const services = createPortalServices({
    core,
    signer: options.signer,
    attachments: createAttachmentStorage({ dataDir: config.dataDir }),
    limits: createPortalLimits(options.limits !== undefined ? options.limits : config.publicRateLimit ? DEFAULT_PORTAL_LIMITS : null),
    logger,
    ...(options.contactChannels ? { contactChannels: options.contactChannels } : {}),
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

    if (method === "POST") {
      // Refused before the body is read: another site's form, or an upload over the limit.
      const refusal = refusedPost(context, config.publicUrl);
      if (refusal) {
        if (refusal.status === 403) logger.warn({ path }, "cross-site form post refused");
        return refusalResponse(context, language, refusal.status, refusal.headers);
      }
    }

    let astro: AstroNodeHandler;
    try {
      astro = await handler();
    } catch {
      return refusalResponse(context, language, 503, { "Retry-After": "30" });
    }

    const portal = services.forRequest({ language, clientAddress: clientAddress(context, { trustProxy: config.trustProxy }), cookies: getCookie(context) });
    if (chosen) portal.pendingCookies.push(languageCookie(language));
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
