import type { APIRoute } from "astro";

/**
 * A ticket's file, for signed-in staff only: photos inline (thumbnails and full size), other
 * files as downloads, with their stored type and name. Found by ticket and random id together.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  if (!(await locals.portal.staff.me())) return new Response("Sign in first", { status: 401, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const file = await locals.portal.staff.file(params.number ?? "", params.id ?? "");
  if (!file) return notFound();
  // RFC 6266/5987: an ASCII fallback and the real (often Chinese) name.
  const fallback = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const disposition = `${file.inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
  return new Response(file.body, {
    status: 200,
    headers: {
      "content-type": file.mimeType,
      "content-disposition": disposition,
      "content-length": String(file.body.byteLength),
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
};
