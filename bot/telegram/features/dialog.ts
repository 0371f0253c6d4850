/**
 * Every message, edit and button press goes to the channel-neutral dialog: the update becomes
 * an InboundMessage, the sender's session is loaded, the dialog answers, the new session is
 * saved *before* anything is sent (a restart resumes at the saved step), then the replies are
 * sent. Notifications to anyone else go through the outbox, not through here.
 */
import { Composer, type Context, type FilterQuery } from "grammy";
import type { Dialog } from "../../shared/dialog.ts";
import type { BotLogger, BotStores, InboundMessage } from "../../shared/types.ts";
import { toInbound } from "../inbound.ts";
import { maskError } from "../mask-error.ts";
import { sendReplies, type ReplyTarget } from "../render.ts";

/** The updates the dialog answers, and so the only ones the bot asks Telegram for. */
export const DIALOG_UPDATES = ["message", "edited_message", "callback_query"] satisfies FilterQuery[];

export type DialogFeatureDeps = {
  dialog: Dialog;
  stores: Pick<BotStores, "sessions" | "links" | "topics">;
  staffChatId?: string;
  now: () => Date;
  logger: BotLogger;
  mediaPath?: (storagePath: string) => string;
};

export function dialogFeature(deps: DialogFeatureDeps): Composer<Context> {
  const { dialog, stores, logger } = deps;
  const composer = new Composer<Context>();
  composer.on(DIALOG_UPDATES, async (ctx) => {
    const inbound = await toInbound(ctx, { stores, ...(deps.staffChatId ? { staffChatId: deps.staffChatId } : {}), botUsername: ctx.me.username });
    if (!inbound) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const stored = await stores.sessions.load("telegram", inbound.sender.id);
    const result = await dialog.handle(inbound, stored);
    if (JSON.stringify(result.session) !== JSON.stringify(stored ?? {})) {
      await stores.sessions.save("telegram", inbound.sender.id, result.session, deps.now());
    }
    if (result.inboundLink && !inbound.button) {
      await stores.links.link({ channel: "telegram", chatId: inbound.chat.id, messageId: inbound.messageId, ...result.inboundLink }, deps.now());
    }
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery(result.toast ? { text: result.toast } : {}).catch((error: unknown) => {
        logger.debug({ err: maskError(error) }, "callback query could not be answered (too old)");
      });
    }
    await sendReplies(ctx.api, replyTarget(inbound), result.replies, {
      links: stores.links,
      now: deps.now,
      logger,
      ...(deps.mediaPath ? { mediaPath: deps.mediaPath } : {}),
    });
    // After the answer, so the per-chat throttle delays the cosmetic edit, not the reply; a
    // press on the old buttons in between is refused by the dialog as stale anyway.
    if (ctx.callbackQuery && result.clearButtons) {
      await ctx.api.editMessageReplyMarkup(inbound.chat.id, Number(inbound.messageId)).catch(() => undefined);
    }
  });
  return composer;
}

function replyTarget(inbound: InboundMessage): ReplyTarget {
  return {
    chatId: inbound.chat.id,
    ...(inbound.chat.topicId ? { topicId: inbound.chat.topicId } : {}),
    ...(inbound.chat.kind === "group" && !inbound.button ? { quoteMessageId: inbound.messageId } : {}),
  };
}
