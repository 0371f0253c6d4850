/// <reference types="astro/client" />
import type { PortalLocals } from "../../server/portal/locals.ts";

// `Astro.locals` of every page: the core and the portal services, set per request by the
// Hono mount (server/portal/mount.ts). Pages import types only from outside portal/.
declare global {
  namespace App {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Locals extends PortalLocals {}
  }
}
