/**
 * Headers on every portal page. The pages load only their own CSS and scripts (no CDNs,
 * fonts or trackers), so the content security policy can be strict; `form-action 'self'`
 * keeps an injected form from posting elsewhere. Personal data never goes into a cache.
 */
export const PORTAL_PAGE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
  Vary: "Cookie, Accept-Language",
};

/**
 * HSTS, as the API's responses send it (hono/secure-headers' default): browsers then never
 * try plain http for this host again. Only meaningful, and only sent, over https.
 */
export const STRICT_TRANSPORT_SECURITY = "max-age=15552000; includeSubDomains";

/**
 * Whether the browser reached the desk over https: a TLS socket, or, when TRUST_PROXY says one
 * reverse proxy stands in front, the `X-Forwarded-Proto` it set (its value is the last one;
 * earlier ones came from the client). Without TRUST_PROXY the header is anyone's word.
 */
export function isHttpsRequest(request: { socket: object; headers: Record<string, string | string[] | undefined> }, trustProxy: boolean): boolean {
  if ("encrypted" in request.socket && request.socket.encrypted === true) return true;
  if (!trustProxy) return false;
  const header = request.headers["x-forwarded-proto"];
  const last = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").pop()?.trim().toLowerCase();
  return last === "https";
}
