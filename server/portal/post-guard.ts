import type { Readable } from "node:stream";
import type { Context } from "hono";
import { REPORT_LIMITS } from "../../core/index.ts";
import { isSameOriginRequest } from "./csrf.ts";
import type { RefusalStatus } from "./refusal-page.ts";

/** The multipart body of a report: five photos at the limit plus the text fields. */
const REPORT_BODY_LIMIT = REPORT_LIMITS.attachments * REPORT_LIMITS.attachmentBytes + 1024 * 1024;
const FORM_BODY_LIMIT = 256 * 1024;
/** The most read of a multipart body to find its first part, the form token, before deciding. */
export const FIRST_PART_LIMIT = 8 * 1024;

const URLENCODED = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const MULTIPART = /^multipart\/form-data\s*;/i;

export type PostRefusal = { status: RefusalStatus; headers?: Record<string, string>; reason?: "busy" };

/** Refusals answered before the body is read: the rest is never read, so the connection closes. */
const unread = (status: RefusalStatus): PostRefusal => ({ status, headers: { Connection: "close" } });

/**
 * Why a portal POST is refused before its body is read, or `null` to let it through:
 * another site's form (403), no declared length (411), a body over its page's limit (413),
 * or a body that is not a form (415: the pages read nothing else). Each closes the connection,
 * so the unread body stops there and never becomes the start of a next request.
 */
export function refusedPost(context: Context, publicUrl: string): PostRefusal | null {
  const { req } = context;
  if (!isSameOriginRequest({ origin: req.header("origin"), referer: req.header("referer"), host: req.header("host") }, publicUrl)) return unread(403);
  const declared = req.header("content-length");
  if (declared === undefined) return unread(411);
  const limit = req.path === "/report" ? REPORT_BODY_LIMIT : FORM_BODY_LIMIT;
  if (!/^\d+$/.test(declared) || Number(declared) > limit) return unread(413);
  const type = req.header("content-type") ?? "";
  if (!URLENCODED.test(type) && !(MULTIPART.test(type) && boundaryOf(type))) return unread(415);
  return null;
}

/** The boundary parameter of a multipart Content-Type (quoted or not), or null. */
export function boundaryOf(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** The first field of a multipart body: its name and text value, or why it could not be read. */
export type FirstPart = { kind: "field"; name: string; value: string } | { kind: "malformed" };

/**
 * Reads just enough of a multipart body (at most {@link FIRST_PART_LIMIT} bytes) to find its
 * first part. Every portal form sends its token first (CsrfField is the first field), so a
 * POST without a valid token is refused after a few kilobytes instead of after 51 MB of
 * photos. `body` replays the bytes read and then the rest of the stream, for the page.
 */
export async function peekFirstPart(stream: Readable, boundary: string): Promise<{ first: FirstPart; body: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let first: FirstPart | null = null;
  while (first === null) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
    first = parseFirstPart(Buffer.concat(chunks), boundary);
    if (first === null && size >= FIRST_PART_LIMIT) first = { kind: "malformed" };
  }
  const body = {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
  return { first: first ?? { kind: "malformed" }, body };
}

/** The first part of `data`, null when more bytes are needed. Any name but `csrf` is known from the part's headers. */
function parseFirstPart(data: Buffer, boundary: string): FirstPart | null {
  const opening = Buffer.from(`--${boundary}\r\n`);
  const start = data.indexOf(opening);
  if (start < 0) return null;
  const headersStart = start + opening.length;
  const headersEnd = data.indexOf("\r\n\r\n", headersStart);
  if (headersEnd < 0) return null;
  const headers = data.subarray(headersStart, headersEnd).toString("utf8");
  const name = /^content-disposition:\s*form-data;.*?\bname="([^"]*)"/im.exec(headers)?.[1];
  if (name === undefined) return { kind: "malformed" };
  if (name !== "csrf" || /\bfilename=/i.test(headers)) return { kind: "field", name, value: "" };
  const valueStart = headersEnd + 4;
  const valueEnd = data.indexOf(`\r\n--${boundary}`, valueStart);
  if (valueEnd < 0) return null;
  return { kind: "field", name, value: data.subarray(valueStart, valueEnd).toString("utf8") };
}
