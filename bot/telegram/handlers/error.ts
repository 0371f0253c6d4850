/**
 * The bot's two error handlers. The boundary around the dialog logs the update and the error
 * (phone numbers masked) and tells the user what happened in their language; the update stays
 * unrecorded in the ledger, so a redelivery is processed again. The last resort catches what
 * fails before the boundary (the database refusing the ledger lookup): it logs and polling
 * goes on; in webhook mode the request fails and Telegram retries.
 */
import type { BotError, Context } from "grammy";
import { describeError, type Language } from "../../../core/index.ts";
import { defaultLanguage } from "../../shared/turn.ts";
import type { BotLogger, SessionStore } from "../../shared/types.ts";
import { maskError } from "../mask-error.ts";

export function createErrorHandler(deps: { sessions: SessionStore; logger: BotLogger }) {
  return async (error: BotError<Context>): Promise<void> => {
    const ctx = error.ctx;
    deps.logger.error({ err: maskError(error.error), updateId: ctx.update.update_id, updateType: updateTypeOf(ctx) }, "telegram update failed");
    const language = ctx.from ? await languageOf(deps.sessions, String(ctx.from.id), ctx.from.language_code) : "en";
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat) await ctx.api.sendMessage(ctx.chat.id, describeError(language, error.error).message, threadOptions(ctx));
    } catch (replyError) {
      deps.logger.warn({ err: maskError(replyError) }, "could not tell the user about the failure");
    }
  };
}

export function createLastResortHandler(logger: BotLogger) {
  return (error: BotError<Context>): void => {
    logger.error({ err: maskError(error.error), updateId: error.ctx.update.update_id }, "telegram update could not be checked against the ledger");
  };
}

/** The kind of update (message, callback_query, …): what failed, without the user's words. */
function updateTypeOf(ctx: Context): string | undefined {
  return Object.keys(ctx.update).find((key) => key !== "update_id");
}

/** The user's chosen language (their session), else their client's. */
async function languageOf(sessions: SessionStore, userId: string, hint: string | undefined): Promise<Language> {
  const stored = (await sessions.load("telegram", userId).catch(() => null)) as { language?: unknown } | null;
  const chosen = stored?.language;
  return chosen === "en" || chosen === "zh-Hans" || chosen === "zh-Hant" ? chosen : defaultLanguage(hint);
}

function threadOptions(ctx: Context): { message_thread_id?: number } {
  const message = ctx.msg;
  return message?.is_topic_message && message.message_thread_id ? { message_thread_id: message.message_thread_id } : {};
}
