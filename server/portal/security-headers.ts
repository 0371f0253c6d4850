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
