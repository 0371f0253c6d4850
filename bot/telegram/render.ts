import { GrammyError, InlineKeyboard, InputFile, Keyboard, type Api } from "grammy";
import type { BotLogger, MessageLinkStore, Reply } from "../shared/types.ts";

const TELEGRAM_TEXT_LIMIT = 4096;

export type ReplyTarget = {
  chatId: string;
  /** Forum topic to answer in. */
  topicId?: string;
  /** In the staff group, answers quote the command they answer. */
  quoteMessageId?: string;
};

/**
 * Sends the dialog's replies as Telegram messages: choices become inline buttons, a contact
 * request becomes a one-time reply keyboard, and every message about a ticket is linked to
 * it so that replying to it later acts on that ticket.
 */
export async function sendReplies(
  api: Api,
  target: ReplyTarget,
  replies: readonly Reply[],
  deps: {
    links: MessageLinkStore;
    now: () => Date;
    logger: BotLogger;
    /** Where a stored file (path relative to DATA_DIR) is on disk; without it, media are left out. */
    mediaPath?: (storagePath: string) => string;
  },
): Promise<void> {
  for (const reply of replies) {
    const inline = reply.choices?.length ? inlineKeyboard(reply) : undefined;
    const markup = reply.askContact
      ? new Keyboard().requestContact(reply.askContact.label).resized().oneTime()
      : reply.removeKeyboard
        ? { remove_keyboard: true as const }
        : inline;
    const sent = await api.sendMessage(target.chatId, fit(reply.text), {
      ...(target.topicId ? { message_thread_id: Number(target.topicId) } : {}),
      ...(target.quoteMessageId ? { reply_parameters: { message_id: Number(target.quoteMessageId), allow_sending_without_reply: true } } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    });
    // A message can carry either a reply keyboard (or its removal) or inline buttons: when
    // both are wanted, the buttons are added by an edit right after.
    if (inline && markup !== inline) {
      await api.editMessageReplyMarkup(target.chatId, sent.message_id, { reply_markup: inline }).catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof GrammyError ? error.description : String(error) }, "could not add buttons to a reply");
      });
    }
    // Photos follow their message (e.g. a ticket's photos under /show), when files are reachable.
    for (const item of deps.mediaPath ? (reply.media ?? []) : []) {
      const path = deps.mediaPath?.(item.storagePath);
      if (!path) continue;
      await api
        .sendPhoto(target.chatId, new InputFile(path), {
          ...(target.topicId ? { message_thread_id: Number(target.topicId) } : {}),
          ...(item.caption ? { caption: item.caption.slice(0, 1024) } : {}),
        })
        .catch((error: unknown) => deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "could not send a photo"));
    }
    if (reply.about) {
      // Best effort: the message is out; failing here would answer the user with an error
      // after a good reply (and a redelivered update would send the reply again).
      const about = reply.about;
      await deps.links.link({ channel: "telegram", chatId: target.chatId, messageId: String(sent.message_id), ...about }, deps.now()).catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof Error ? error.message : String(error), ticketNumber: about.ticketNumber }, "could not link a sent reply to its ticket");
      });
    }
  }
}

function inlineKeyboard(reply: Reply): InlineKeyboard {
  return InlineKeyboard.from((reply.choices ?? []).map((row) => row.map((choice) => InlineKeyboard.text(choice.label, choice.payload))));
}

function fit(text: string): string {
  return text.length > TELEGRAM_TEXT_LIMIT ? `${text.slice(0, TELEGRAM_TEXT_LIMIT - 1)}…` : text;
}
