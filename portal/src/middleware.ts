import { defineMiddleware } from "astro:middleware";

/** The answer to a POST whose body is not a readable form; texts from the catalogs, nothing from the request. */
function unreadableForm(locals: App.Locals): Response {
  const t = locals.portal.t;
  const page = `<!doctype html><html lang="${locals.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t("portal.error.400.title")}</title></head><body><main><h1>${t("portal.error.400.title")}</h1><p>${t("portal.error.400.text")}</p><p><a href="/">${t("portal.error.home")}</a></p></main></body></html>`;
  return new Response(page, { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * Sets the cookies the portal services asked for (language choice, CSRF secret, ticket
 * proofs) on whatever the page answered, redirects included. The policy (HttpOnly,
 * SameSite=Lax, Secure behind https) is fixed here for all of them.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  // A report's multipart body was streamed to disk by the server, which set `locals.form`.
  if (context.request.method === "POST" && context.locals.form === undefined) {
    // Read once here, so a body that is not a form (or a broken multipart one) is a 400 page
    // in the reader's language, never a failed page; pages take it from `Astro.locals.form`.
    try {
      context.locals.form = await context.request.formData();
    } catch {
      return unreadableForm(context.locals);
    }
  }
  const response = await next();
  const { portal, secureCookies } = context.locals;
  for (const cookie of portal?.pendingCookies ?? []) {
    const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookies };
    if (cookie.maxAgeSeconds === 0) context.cookies.delete(cookie.name, options);
    else context.cookies.set(cookie.name, cookie.value, cookie.maxAgeSeconds === undefined ? options : { ...options, maxAge: cookie.maxAgeSeconds });
  }
  return response;
});
