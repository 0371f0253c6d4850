/**
 * Turns the body of a Bot API request into a params record, the way the real
 * server accepts them: JSON, urlencoded, multipart/form-data and query strings.
 * grammY sends JSON unless a payload contains an `InputFile`, then multipart.
 */

/** One file part of a multipart request. */
export type UploadedFile = {
  /** Name of the multipart part; grammY uses a random id referenced as `attach://<name>`. */
  partName: string;
  /** The param it stands for: the one holding `attach://<partName>` (an InputMedia's `type`), else the part name itself. */
  param: string;
  /** File name the client declared. */
  fileName: string;
  /** Content type the client declared (grammY always says application/octet-stream). */
  contentType: string;
  /** The uploaded bytes. */
  bytes: Uint8Array;
};

/** The parsed form of a request body. */
export type ParsedBody = {
  params: Record<string, unknown>;
  files: UploadedFile[];
};

// Form encodings carry only strings; the real server coerces by schema. These lists
// approximate that schema so that recorded params look the same however they arrived.
const NUMERIC_PARAMS = new Set([
  "offset",
  "limit",
  "timeout",
  "duration",
  "width",
  "height",
  "length",
  "icon_color",
  "cache_time",
  "max_connections",
  "until_date",
  "latitude",
  "longitude",
]);
// Params ending in `_id` that are strings in the Bot API; every other `_id` is an integer.
const STRING_ID_PARAMS = new Set([
  "callback_query_id",
  "inline_message_id",
  "file_id",
  "file_unique_id",
  "custom_emoji_id",
  "icon_custom_emoji_id",
  "business_connection_id",
  "effect_id",
  "media_group_id",
  "inline_query_id",
  "shipping_query_id",
  "pre_checkout_query_id",
  "guest_query_id",
]);
// Free-text params must never be JSON-parsed or turned into numbers, even if they look like it.
const TEXT_PARAMS = new Set([
  "text",
  "caption",
  "name",
  "title",
  "description",
  "short_description",
  "query",
  "secret_token",
  "first_name",
  "last_name",
  "vcard",
  "phone_number",
  "address",
  "question",
  "url",
  "data",
]);

/**
 * Converts one form field the way the real server would read it for that param.
 * Exported for tests of the fake itself.
 */
export function coerceFormValue(key: string, value: string): unknown {
  if (TEXT_PARAMS.has(key)) return value;
  if (value === "true" || value === "false") return value === "true";
  const isIntegerParam = NUMERIC_PARAMS.has(key) || (key.endsWith("_id") && !STRING_ID_PARAMS.has(key));
  if (isIntegerParam && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value.startsWith("{") || value.startsWith("[")) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Thrown for bodies the real server would reject before looking at the method. */
export class BodyParseError extends Error {}

/**
 * Parses a request body plus its query string into params and uploaded files.
 *
 * @param contentType the request's Content-Type header, if any
 * @param body the complete request body
 * @param query the request's URL search params (Telegram accepts params there too)
 */
export function parseRequestBody(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedBody {
  const params: Record<string, unknown> = {};
  for (const [key, value] of query) params[key] = coerceFormValue(key, value);
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const files: UploadedFile[] = [];

  if (body.length === 0) return { params, files };

  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8")) as unknown;
    } catch {
      throw new BodyParseError("can't parse JSON object");
    }
    if (!isRecord(parsed)) throw new BodyParseError("can't parse JSON object");
    Object.assign(params, parsed);
  } else if (type === "application/x-www-form-urlencoded") {
    for (const [key, value] of new URLSearchParams(body.toString("utf8"))) params[key] = coerceFormValue(key, value);
  } else if (type === "multipart/form-data") {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    const boundaryValue = boundary?.[1] ?? boundary?.[2];
    if (boundaryValue === undefined) throw new BodyParseError("multipart body without boundary");
    for (const part of splitMultipart(body, boundaryValue.trim())) {
      if (part.fileName === undefined) {
        params[part.name] = coerceFormValue(part.name, part.content.toString("utf8"));
      } else {
        files.push({
          partName: part.name,
          param: "",
          fileName: part.fileName,
          contentType: part.contentType ?? "application/octet-stream",
          bytes: new Uint8Array(part.content),
        });
      }
    }
    // A part that no attach:// refers to is the param itself (curl -F photo=@a.jpg style).
    for (const file of files) file.param = findAttachReference(params, file.partName) ?? file.partName;
  }
  return { params, files };
}

type MultipartPart = { name: string; fileName?: string; contentType?: string; content: Buffer };

/**
 * Splits a multipart body into parts. Written by hand (instead of undici's
 * `Request.formData()`) because grammY writes headers as
 * `content-disposition:form-data;name="x";filename=a b.jpg` — no spaces and an
 * unquoted filename — which strict parsers reject but Telegram accepts.
 */
function splitMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos === -1) throw new BodyParseError("multipart body without opening boundary");
  for (;;) {
    pos += delimiter.length;
    // `--` right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), pos);
    if (next === -1) throw new BodyParseError("multipart body without closing boundary");
    const raw = body.subarray(pos, next);
    pos = next + 2;
    const headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers = new Map<string, string>();
    for (const line of raw.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = parseDisposition(headers.get("content-disposition") ?? "");
    const name = disposition.get("name");
    if (name === undefined) continue;
    const part: MultipartPart = { name, content: raw.subarray(headerEnd + 4) };
    const fileName = disposition.get("filename");
    if (fileName !== undefined) part.fileName = fileName;
    const partType = headers.get("content-type");
    if (partType !== undefined) part.contentType = partType;
    parts.push(part);
  }
  return parts;
}

function parseDisposition(value: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const piece of value.split(";").slice(1)) {
    const eq = piece.indexOf("=");
    if (eq === -1) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let raw = piece.slice(eq + 1).trim();
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) raw = raw.slice(1, -1);
    result.set(key, raw);
  }
  return result;
}

/**
 * Finds which param refers to `attach://<partName>`: a top-level param such as
 * `photo`, or an InputMedia inside an array (then its `type`, as grammY names
 * the part after it).
 */
function findAttachReference(params: Record<string, unknown>, partName: string): string | undefined {
  const ref = `attach://${partName}`;
  for (const [key, value] of Object.entries(params)) {
    if (value === ref) return key;
    if (Array.isArray(value)) {
      for (const item of value) {
        if (!isRecord(item)) continue;
        for (const [innerKey, innerValue] of Object.entries(item)) {
          if (innerValue === ref) return innerKey === "media" && typeof item.type === "string" ? item.type : innerKey;
        }
      }
    }
  }
  return undefined;
}
