import type { ResponseParameters } from "grammy/types";

/**
 * The error part of a Bot API response: what Telegram puts next to `ok: false`.
 * grammY turns it into a `GrammyError` with the same `error_code`, `description`
 * and `parameters`.
 */
export type TelegramErrorBody = {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
};

/**
 * Thrown by method handlers (built-in ones and those added with
 * `FakeBotApi.onMethod`) to answer a call with `{ ok: false, ... }` and the
 * HTTP status Telegram would use, which is the error code itself.
 */
export class TelegramApiError extends Error {
  /** The body that is sent to the bot (without `ok: false`). */
  readonly body: TelegramErrorBody;

  constructor(body: TelegramErrorBody) {
    super(`${body.error_code}: ${body.description}`);
    this.name = "TelegramApiError";
    this.body = body;
  }
}

/** Shorthand for a 400 answer, the code Telegram uses for every validation failure. */
export function badRequest(reason: string): TelegramApiError {
  return new TelegramApiError({ error_code: 400, description: `Bad Request: ${reason}` });
}

/**
 * Ready-made error bodies with the exact wording Telegram uses, for
 * `FakeBotApi.failNext`. Functions rather than constants so that every call
 * gets its own object and a test cannot mutate a shared one.
 */
export const TelegramErrors = {
  /** 429 flood control; auto-retry waits `retryAfter` seconds and calls again. */
  tooManyRequests: (retryAfter = 1): TelegramErrorBody => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  /** 403 from any send method once a private-chat user blocked the bot. */
  blockedByUser: (): TelegramErrorBody => ({ error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  /** 403 when the user deleted their account. */
  userDeactivated: (): TelegramErrorBody => ({ error_code: 403, description: "Forbidden: user is deactivated" }),
  /** 403 when the bot was removed from a supergroup. */
  kickedFromSupergroup: (): TelegramErrorBody => ({
    error_code: 403,
    description: "Forbidden: bot was kicked from the supergroup chat",
  }),
  /** 400 from an edit that changes nothing. */
  messageNotModified: (): TelegramErrorBody => ({
    error_code: 400,
    description:
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  }),
  /** 400 for an unknown or inaccessible chat id. */
  chatNotFound: (): TelegramErrorBody => ({ error_code: 400, description: "Bad Request: chat not found" }),
  /** 400 for editing a message that does not exist (any more). */
  messageToEditNotFound: (): TelegramErrorBody => ({
    error_code: 400,
    description: "Bad Request: message to edit not found",
  }),
  /** 400 for a callback query answered too late or twice. */
  queryTooOld: (): TelegramErrorBody => ({
    error_code: 400,
    description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
  }),
  /** 401 for a revoked or mistyped token. */
  unauthorized: (): TelegramErrorBody => ({ error_code: 401, description: "Unauthorized" }),
  /** 409 for a second `getUpdates` poller on the same token. */
  conflict: (): TelegramErrorBody => ({
    error_code: 409,
    description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  }),
  /** 500; auto-retry backs off and retries these unless told to rethrow. */
  internalServerError: (): TelegramErrorBody => ({ error_code: 500, description: "Internal Server Error" }),
  /** 502 as seen during Telegram outages. */
  badGateway: (): TelegramErrorBody => ({ error_code: 502, description: "Bad Gateway" }),
} as const;
