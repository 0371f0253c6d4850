import { serveStatic } from "@hono/node-server/serve-static";
import type { MiddlewareHandler } from "hono";

/** A path ending in a file name with an extension: `/favicon.svg`, `/_astro/index.1a2b3c.css`. */
const FILE_PATH = /\/[^/]+\.[A-Za-z0-9]+$/;

/**
 * The built assets (hashed names under `/_astro/`, cached for a year) and the files of
 * portal/public, from the build's client folder. Waits for the build to be loaded (it may be
 * building); when it cannot be, or the path is not a file, the request goes on to the pages.
 */
export function portalAssets(options: { clientRoot: string; loaded: () => Promise<unknown> }): MiddlewareHandler {
  let assets: MiddlewareHandler | undefined;
  return async (context, next) => {
    const path = context.req.path;
    if (!FILE_PATH.test(path)) return next();
    try {
      await options.loaded();
    } catch {
      return next();
    }
    assets ??= serveStatic({ root: options.clientRoot });
    if (path.startsWith("/_astro/")) context.header("Cache-Control", "public, max-age=31536000, immutable");
    return assets(context, next);
  };
}
