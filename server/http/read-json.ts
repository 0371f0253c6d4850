import type { Context } from "hono";
import type { z } from "zod";
import { AppError, validationError } from "../../core/index.ts";

/** `application/json`, or a `+json` type such as `application/merge-patch+json`, with any parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Parses a JSON body against a schema; malformed JSON and schema failures are one `validation` error.
 * A body that is not declared as JSON is refused (415) before it is read: a browser posts
 * `text/plain`, form or multipart bodies to another site without asking, never JSON, so this
 * keeps a cross-site page from filing tickets with a visitor's browser.
 */
export async function readJson<S extends z.ZodType>(context: Context, schema: S): Promise<z.output<S>> {
  const contentType = context.req.header("content-type");
  if (contentType !== undefined && !JSON_MEDIA_TYPE.test(contentType)) throw jsonRequired(contentType);
  let body: unknown;
  const text = await context.req.text();
  // No Content-Type at all is fine for an empty body (`POST …/close` without details), not for content.
  if (contentType === undefined && text.trim() !== "") throw jsonRequired("nothing");
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("validation", { params: { fields: ["body"] }, detail: "malformed JSON" });
  }
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

const jsonRequired = (declared: string) =>
  new AppError("unsupported_media", { params: { expected: "application/json" }, detail: `body declared as ${declared.slice(0, 100)}` });
