/**
 * The one error type of the domain. Every transport (HTTP, Telegram, WeChat, portal)
 * translates it once: the code picks the status/reply, the params fill the user's message.
 */
export type AppErrorCode =
  | "validation"
  | "not_found"
  /** A path the API does not have (not a missing ticket). */
  | "route_not_found"
  | "illegal_transition"
  | "ticket_not_open"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "rate_limited"
  | "payload_too_large"
  | "unsupported_media"
  | "reopen_window_passed"
  | "survey_expired"
  | "survey_answered"
  /** The desk cannot write at the moment (its disk is full or failing); the next attempt tries again. */
  | "unavailable"
  | "internal";

export type AppErrorOptions = {
  /** Values for the user-facing message template (status names, field errors, …). */
  params?: Record<string, unknown>;
  /** Developer-facing detail for logs; never shown to users. */
  detail?: string;
  cause?: unknown;
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly params: Record<string, unknown>;

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.params = options.params ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
