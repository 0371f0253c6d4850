import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, describeError, describeFieldProblem, pickLanguage, type AppErrorCode, type FieldIssue, type Language } from "../../core/index.ts";
import { maskDigits, type Logger } from "../logger.ts";

export const STATUS_BY_CODE: { readonly [C in AppErrorCode]: ContentfulStatusCode } = {
  validation: 400,
  not_found: 404,
  route_not_found: 404,
  illegal_transition: 409,
  ticket_not_open: 409,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media: 415,
  reopen_window_passed: 409,
  survey_expired: 410,
  survey_answered: 409,
  unavailable: 503,
  internal: 500,
};

/** The language of the person asking: `?lang=`, then Accept-Language, then Simplified Chinese. */
export function requestLanguage(context: Context): Language {
  return pickLanguage(context.req.query("lang") ?? context.req.header("accept-language"));
}

/** Hono's own exceptions (body too large, malformed JSON) become AppErrors with the same codes. */
function toAppError(error: unknown): unknown {
  if (error instanceof HTTPException) {
    if (error.status === 413) return new AppError("payload_too_large", { params: { limit: "64 KB" } });
    if (error.status === 400) return new AppError("validation", { params: { fields: ["body"] }, detail: error.message });
    if (error.status === 401) return new AppError("unauthorized");
  }
  return error;
}

/**
 * The one translation of errors for HTTP: `{"error":{"code","message"}}` with a fitting
 * status, the message in the caller's language. Unknown errors are logged with their stack
 * and answered as a plain 500 without details.
 */
export function errorResponse(context: Context, raw: unknown, logger: Logger): Response {
  const error = toAppError(raw);
  const language = requestLanguage(context);
  const { code, message } = describeError(language, error);
  const status = STATUS_BY_CODE[code];
  if (status >= 500) {
    logger.error({ err: error, method: context.req.method, path: maskDigits(context.req.path) }, "request failed");
  }
  const body: { error: { code: string; message: string; fields?: unknown; retryAfterSeconds?: unknown } } = { error: { code, message } };
  if (error instanceof AppError && code === "validation" && Array.isArray(error.params.issues)) {
    // Each field with what is wrong (a stable code for programs) and a sentence for people.
    body.error.fields = (error.params.issues as FieldIssue[]).map((issue) => ({
      field: issue.field,
      problem: issue.problem.kind,
      message: describeFieldProblem(language, issue.problem),
    }));
  }
  if (code === "payload_too_large") {
    // Refused by its declared length, before the body was read: the rest of it is still on
    // the connection and would be read as the client's next request. Close the connection.
    context.header("Connection", "close");
  }
  if (error instanceof AppError && code === "rate_limited" && error.params.retryAfterSeconds !== undefined) {
    body.error.retryAfterSeconds = error.params.retryAfterSeconds;
    context.header("Retry-After", String(error.params.retryAfterSeconds));
  }
  return context.json(body, status);
}
