import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { AppError, type Core } from "../core/index.ts";
import { errorResponse } from "./http/error-mapper.ts";
import { OPENAPI_PATH, openApiDocument } from "./http/openapi.ts";
import { publicRoutes } from "./http/public-routes.ts";
import { staffRoutes } from "./http/staff-routes.ts";
import { maskDigits, type Logger } from "./logger.ts";

export type AppOptions = {
  core: Core;
  logger: Logger;
  /** Answers whether the database can write (server/health.ts); `/health` answers 503 while it cannot. */
  checkDatabase: () => Promise<boolean>;
  /** Each enabled chat channel's state (`polling`, `webhook`, `starting`, `down: reason`), shown by `/health`. */
  channels?: () => Record<string, string>;
  rateLimit: { points: number; durationSeconds: number } | null;
  /** Behind one reverse proxy: take the client's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** The database's short id (server/database-identity.ts), named when a staff token is unknown. */
  databaseId?: string;
};

/**
 * The HTTP application. Only the entry point (main.ts) binds it to a port, so tests call
 * `app.request()` directly.
 */
export function createApp(options: AppOptions) {
  const { core, logger } = options;
  const app = new Hono();

  app.use("*", secureHeaders());
  app.use("*", async (context, next) => {
    const started = performance.now();
    await next();
    logger.info(
      { method: context.req.method, path: maskDigits(context.req.path), status: context.res.status, ms: Math.round(performance.now() - started) },
      "request",
    );
  });
  app.use("/api/*", async (context, next) => {
    await next();
    // Ticket data is personal: never cached by browsers or proxies.
    context.header("Cache-Control", "no-store");
  });

  app.get("/health", async (context) => {
    const ok = await options.checkDatabase().catch(() => false);
    const channels = options.channels?.();
    const body = { ok, ...(ok ? {} : { database: "cannot write" }), ...(channels && Object.keys(channels).length > 0 ? { channels } : {}) };
    return context.json(body, ok ? 200 : 503);
  });

  let apiDocument: Record<string, unknown> | undefined;
  app.get(OPENAPI_PATH, (context) => context.json((apiDocument ??= openApiDocument())));
  app.route("/api", publicRoutes(core, { rateLimit: options.rateLimit, trustProxy: options.trustProxy ?? false }));
  app.route("/api/staff", staffRoutes(core, options.databaseId ? { databaseId: options.databaseId } : {}));

  app.notFound((context) => errorResponse(context, new AppError("route_not_found", { detail: "no such route" }), logger));
  app.onError((error, context) => errorResponse(context, error, logger));
  return app;
}
