import { randomBytes } from "node:crypto";
import type { TokenSigner } from "../../core/index.ts";

/**
 * Cross-site request forgery protection, in two layers:
 *
 * 1. Origin check, before the body is read: a POST must come from a page of this site. The
 *    browser's `Origin` (or, when a privacy setting strips it, `Referer`) must name this
 *    host, or PUBLIC_URL's origin behind a proxy. Requests with neither header pass to the
 *    second layer.
 * 2. A token in every form, bound to a random per-browser cookie and signed with APP_SECRET:
 *    another site can neither read the cookie nor compute the token for it.
 */
export function isSameOriginRequest(headers: { origin?: string | undefined; referer?: string | undefined; host?: string | undefined }, publicUrl: string): boolean {
  const allowed = new Set<string>();
  try {
    allowed.add(new URL(publicUrl).origin);
  } catch {
    // A malformed PUBLIC_URL is refused by the config; nothing to add.
  }
  if (headers.host) {
    allowed.add(`http://${headers.host}`.toLowerCase());
    allowed.add(`https://${headers.host}`.toLowerCase());
  }
  const source = headers.origin ?? (headers.referer ? originOf(headers.referer) : undefined);
  if (source === undefined) return true;
  if (source === "null") return false;
  return allowed.has(source.toLowerCase());
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "null";
  }
}

export function newCsrfSecret(): string {
  return randomBytes(18).toString("base64url");
}

export function csrfTokenFor(signer: TokenSigner, cookieSecret: string): string {
  return signer.sign(`csrf:${cookieSecret}`);
}

export function isValidCsrfToken(signer: TokenSigner, cookieSecret: string | undefined, token: unknown): boolean {
  if (!cookieSecret || typeof token !== "string" || token.length > 200) return false;
  return signer.verify(token) === `csrf:${cookieSecret}`;
}
