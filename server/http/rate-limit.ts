import type { Context, MiddlewareHandler } from "hono";
import { isIPv4, isIPv6 } from "node:net";
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
 * The key every address-based limit counts under: an IPv4 address as is (also when written
 * IPv4-mapped, `::ffff:192.0.2.1`), an IPv6 address by its /64 network, since one subscriber
 * usually holds a whole /64 and could otherwise take a fresh address for every request.
 */
export function addressLimitKey(address: string): string {
  const bare = address.replace(/%.*$/, "");
  if (!isIPv6(bare)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  const [head = "", tail = ""] = bare.toLowerCase().split("::") as [string, string?];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = bare.includes("::") && tail ? tail.split(":") : [];
  // An embedded IPv4 tail (`::1.2.3.4`) lies in the interface half: it never changes the /64.
  const groups = bare.includes("::") ? [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups] : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, "")).join(":")}::/64`;
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
      await limiter.consume(addressLimitKey(clientAddress(context, options)));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      throw new AppError("rate_limited", { params: { retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) } });
    }
    await next();
  };
}
