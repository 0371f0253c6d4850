/// <reference types="astro/client" />
import type { PortalLocals } from "./portal-api.ts";

// `Astro.locals` of every page: the core and the portal services, set per request by the
// Hono mount (server/portal/mount.ts), which implements ./portal-api.ts.
declare global {
  namespace App {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Locals extends PortalLocals {}
  }
}
