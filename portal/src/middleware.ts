import { defineMiddleware } from "astro:middleware";

/**
 * Sets the cookies the portal services asked for (language choice, CSRF secret, ticket
 * proofs) on whatever the page answered, redirects included. The policy (HttpOnly,
 * SameSite=Lax, Secure behind https) is fixed here for all of them.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const { portal, secureCookies } = context.locals;
  for (const cookie of portal?.pendingCookies ?? []) {
    const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: secureCookies };
    if (cookie.maxAgeSeconds === 0) context.cookies.delete(cookie.name, options);
    else context.cookies.set(cookie.name, cookie.value, cookie.maxAgeSeconds === undefined ? options : { ...options, maxAge: cookie.maxAgeSeconds });
  }
  return response;
});
