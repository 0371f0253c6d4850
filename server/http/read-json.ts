import type { Context } from "hono";
import type { z } from "zod";
import { AppError, validationError } from "../../core/index.ts";

/** Parses a JSON body against a schema; malformed JSON and schema failures are one `validation` error. */
export async function readJson<S extends z.ZodType>(context: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  const text = await context.req.text();
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("validation", { params: { fields: ["body"] }, detail: "malformed JSON" });
  }
  const result = schema.safeParse(body);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
