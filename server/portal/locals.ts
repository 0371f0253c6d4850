import type { Core } from "../../core/index.ts";
import type { PortalApi } from "./portal-services.ts";

/**
 * `Astro.locals` of every portal page (typed for pages in portal/src/env.d.ts). Pages get
 * everything at run time from here and import only types from outside portal/: a value
 * imported into the Astro build would be a second copy of the module, and errors thrown by
 * the real core would not be `instanceof` the copy's classes.
 */
export type PortalLocals = {
  core: Core;
  portal: PortalApi;
  /** Cookies go out with `Secure` when PUBLIC_URL is https. */
  secureCookies: boolean;
  htmlLang: string;
};
