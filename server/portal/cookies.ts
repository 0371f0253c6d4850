import type { PendingCookie } from "../../portal/src/portal-api.ts";

export type { PendingCookie };

/** The portal's cookies. All are HttpOnly and SameSite=Lax; `Secure` when PUBLIC_URL is https. */
export const COOKIE_NAMES = {
  /** The chosen language (`?lang=`), remembered for a year. */
  language: "desk_lang",
  /** A random per-browser value the CSRF tokens of forms are bound to. */
  csrf: "desk_csrf",
  /** Signed proofs (ticket number + phone digits) of the tickets this browser looked up. */
  tickets: "desk_tickets",
  /** The staff console's session: a random id (its sha256 is stored), ended by inactivity server-side. */
  staff: "desk_staff",
} as const;

