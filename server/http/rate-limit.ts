import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../../core/index.ts";

/**
 * The client's address. By default what the socket saw: forwarded headers can be written by
 * anyone. With TRUST_PROXY (the desk behind one reverse proxy that appends
 * X-Forwarded-For), the last entry — the address the proxy saw — so that customers behind
 * the proxy do not share one limit.
 */
export function clientAddress(context: Context, options: { trustProxy?: boolean } = {}): string {
  if (options.trustProxy) {
    const forwarded = context.req.header("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
    const last = forwarded?.at(-1);
    if (last) return last;
  }
  try {
    return getConnInfo(context).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
}

/**
 * A per-client limit for the public routes (report, lookup, chase): PUBLIC_RATE_LIMIT, e.g.
 * `30/min`, or null for off. Kept in memory: one process, and a restart forgetting recent
 * attempts is harmless.
 */
export function publicRateLimit(limit: { points: number; durationSeconds: number } | null, options: { trustProxy?: boolean } = {}): MiddlewareHandler {
  if (!limit) return async (_context, next) => next();
  const limiter = new RateLimiterMemory({ points: limit.points, duration: limit.durationSeconds });
  return async (context, next) => {
    try {
      await limiter.consume(clientAddress(context, options));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new AppError("rate_limited", { params: { retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) } });
    }
    await next();
  };
}
