/**
 * Delivers the outbox's stored messages on Telegram (the outbox worker in server/outbox
 * resolves the recipient and renders the message, then calls `send`). Shows what the
 * rendered message offers beyond text: its buttons as an inline keyboard (1–5 under survey
 * invitations, take/assign/urgency under new-ticket posts), its files under the text; and
 * opens one forum topic per ticket when the staff group has topics.
 */
import { GrammyError, HttpError, InlineKeyboard, InputFile, type Api } from "grammy";
import { randomBytes } from "node:crypto";
import { ticketNumberOf, type ButtonAction, type ChannelSender, type DeliveryTarget, type MessageButton, type OutgoingMessage, type SendResult } from "../../core/index.ts";
import { actionPayload } from "../shared/action-payload.ts";
import { preview } from "../shared/text.ts";
import type { BotLogger, BotStores, LinkKind } from "../shared/types.ts";

export type TelegramSenderOptions = {
  /** The staff group (TELEGRAM_STAFF_CHAT_ID); staff-room messages fail without one. */
  staffChatId?: string;
  stores: Pick<BotStores, "links" | "topics" | "surveyPrompts">;
  clock: { now(): Date };
  logger: BotLogger;
  /** Short keys for survey buttons; random by default. */
  newKey?: () => string;
  /** Where a stored file (path relative to DATA_DIR) is on disk; without it, relayed files are only mentioned in the text. */
  mediaPath?: (storagePath: string) => string;
  /** The outbox's share of the staff group's message budget; default `STAFF_ROOM_POSTS_PER_MINUTE`, `false`: no limit of its own. */
  staffRoomPostsPerMinute?: number | false;
};

/**
 * Telegram lets a bot post about 20 messages a minute in a group, and the bot's answers to
 * staff commands in the group share that budget (and the throttler's queue) with the
 * outbox's posts. The outbox takes at most this many a minute, so an answer to a command
 * never waits behind a backlog of posts for the group's budget to come back.
 */
export const STAFF_ROOM_POSTS_PER_MINUTE = 15;

export type TelegramSender = ChannelSender & {
  /** Asks Telegram whether the staff group has topics (cached once answered). */
  detectForum(): Promise<boolean>;
};

const TELEGRAM_TEXT_LIMIT = 4096;
const TELEGRAM_CAPTION_LIMIT = 1024;

export function createTelegramSender(api: Api, options: TelegramSenderOptions): TelegramSender {
  const { stores, logger } = options;
  const newKey = options.newKey ?? (() => randomBytes(8).toString("base64url"));
  let forum: boolean | undefined;
  const postBudget = options.staffRoomPostsPerMinute ?? STAFF_ROOM_POSTS_PER_MINUTE;
  /** When the outbox's recent staff-group messages went out (the last minute's). */
  const recentPosts: number[] = [];

  function countPost(): void {
    recentPosts.push(options.clock.now().getTime());
  }

  async function detectForum(): Promise<boolean> {
    if (forum !== undefined) return forum;
    if (!options.staffChatId) return false;
    try {
      const chat = await api.getChat(options.staffChatId);
      forum = chat.type === "supergroup" && chat.is_forum === true;
    } catch (error) {
      // Not cached: the next message asks again (the bot may not be in the group yet).
      logger.warn({ err: describe(error) }, "could not read the staff chat; posting without topics");
      return false;
    }
    return forum;
  }

  async function link(chatId: string, messageId: number, ticketNumber: string | undefined, kind: LinkKind): Promise<void> {
    if (!ticketNumber) return;
    await stores.links.link({ channel: "telegram", chatId, messageId: String(messageId), ticketNumber, kind }, options.clock.now());
  }

  /**
   * The message's buttons in one row. A survey score's signed token (~80 characters) does not
   * fit Telegram's 64-byte button data: its buttons carry a short key to a prompt stored here
   * first, which also records who may answer.
   */
  async function keyboardFor(chatId: string, buttons: readonly MessageButton[] | undefined): Promise<InlineKeyboard | undefined> {
    if (!buttons?.length) return undefined;
    const promptKeys = new Map<string, string>();
    const callbackData = (action: ButtonAction): Promise<string> =>
      actionPayload(action, async (survey) => {
        let key = promptKeys.get(survey.surveyId);
        if (!key) {
          key = newKey();
          promptKeys.set(survey.surveyId, key);
          await stores.surveyPrompts.create({
            key,
            channel: "telegram",
            surveyId: survey.surveyId,
            token: survey.surveyToken,
            ticketNumber: survey.number,
            externalId: chatId,
            createdAt: options.clock.now(),
          });
        }
        return key;
      });
    const keyboard = new InlineKeyboard();
    for (const button of buttons) {
      if ("url" in button) keyboard.url(button.label, button.url);
      else keyboard.text(button.label, await callbackData(button.action));
    }
    return keyboard;
  }

  async function topicFor(chatId: string, message: OutgoingMessage): Promise<number | undefined> {
    if (!(await detectForum())) return undefined;
    const { notification } = message;
    const number = ticketNumberOf(notification);
    // A notice about no ticket (the calendar warning) goes to the general thread.
    if (number === undefined) return undefined;
    const known = await stores.topics.find("telegram", chatId, number);
    if (known) return Number(known);
    // Only a new ticket's post opens a topic; other notices about a ticket without one go to the general thread.
    if (notification.kind !== "staff.new_ticket") return undefined;
    let topic;
    try {
      topic = await api.createForumTopic(chatId, preview(`${number} ${notification.description}`, 128));
    } catch (error) {
      // Without the "manage topics" right the post still goes out, in the general thread.
      if (!(error instanceof GrammyError) || error.error_code === 429 || error.error_code >= 500) throw error;
      logger.warn({ err: error.description, ticketNumber: number }, "could not create a forum topic for the ticket");
      return undefined;
    }
    await stores.topics.save({ channel: "telegram", chatId, ticketNumber: number, threadId: String(topic.message_thread_id) }, options.clock.now());
    return topic.message_thread_id;
  }

  async function sendToStaffRoom(message: OutgoingMessage): Promise<SendResult> {
    const chatId = options.staffChatId;
    if (!chatId) return { status: "failed", reason: "no Telegram staff chat is configured (TELEGRAM_STAFF_CHAT_ID)" };
    const { kind } = message.notification;
    const number = ticketNumberOf(message.notification);
    const threadId = await topicFor(chatId, message);
    const markup = await keyboardFor(chatId, message.rendered.buttons);
    const text = fit(message.rendered.text);
    let sent;
    let usedThread = threadId;
    countPost();
    try {
      sent = await api.sendMessage(chatId, text, { ...(threadId ? { message_thread_id: threadId } : {}), ...(markup ? { reply_markup: markup } : {}) });
    } catch (error) {
      // A topic someone closed or deleted: post in the group's general thread instead.
      if (!threadId || !(error instanceof GrammyError) || !/TOPIC_CLOSED|TOPIC_DELETED|thread not found/i.test(error.description)) throw error;
      sent = await api.sendMessage(chatId, text, markup ? { reply_markup: markup } : {});
      usedThread = undefined;
    }
    // Staff replying to a post act on its ticket; what the post was decides what a reply means.
    const linkKind: LinkKind = kind === "staff.new_ticket" ? "ticket_post" : kind === "staff.customer_message" ? "customer_message" : "notice";
    await afterSent(message, "could not link a sent staff-room message to its ticket", () => link(chatId, sent.message_id, number, linkKind));
    if (message.rendered.files?.length) {
      const textMessageId = sent.message_id;
      await afterSent(message, "could not relay a customer's files to the staff chat", () => relayFiles(chatId, textMessageId, usedThread, linkKind, message));
    }
    return { status: "sent", externalMessageId: String(sent.message_id) };
  }

  /**
   * Bookkeeping after Telegram accepted a message (its link to the ticket, relayed files).
   * Best effort: the message is out, and reporting a failure to the outbox would make it
   * send the message again. Logged, so a missing link (replies to that message not finding
   * the ticket) can be traced.
   */
  async function afterSent(message: OutgoingMessage, what: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.warn({ err: describe(error), outboxId: message.outboxId, ticketNumber: ticketNumberOf(message.notification) }, what);
    }
  }

  /**
   * The message's files (the photos and voice notes a customer sent), posted under its text
   * so staff see them where they talk about the ticket; replying to one acts like replying
   * to the text. Best effort: the text is already out, so a file that cannot be sent is
   * logged, not retried (a retry would post the text twice).
   */
  async function relayFiles(chatId: string, textMessageId: number, threadId: number | undefined, linkKind: LinkKind, message: OutgoingMessage): Promise<void> {
    const mediaPath = options.mediaPath;
    if (!mediaPath) return;
    const number = ticketNumberOf(message.notification);
    for (const file of message.rendered.files ?? []) {
      const where = {
        ...(threadId ? { message_thread_id: threadId } : {}),
        reply_parameters: { message_id: textMessageId, allow_sending_without_reply: true },
      };
      try {
        countPost();
        const input = new InputFile(mediaPath(file.storagePath), file.fileName || undefined);
        const media = { ...where, ...(file.caption ? { caption: fit(file.caption, TELEGRAM_CAPTION_LIMIT) } : {}) };
        const sent = file.mimeType.startsWith("image/")
          ? await api.sendPhoto(chatId, input, media)
          : file.mimeType.startsWith("audio/")
            ? await api.sendVoice(chatId, input, media)
            : await api.sendDocument(chatId, input, media);
        await link(chatId, sent.message_id, number, linkKind);
      } catch (error) {
        logger.warn({ err: describe(error), ticketNumber: number, outboxId: message.outboxId }, "could not relay a customer's file to the staff chat");
      }
    }
  }

  async function sendToPerson(chatId: string, message: OutgoingMessage): Promise<SendResult> {
    // A survey prompt row is written *before* sending (the buttons carry its key): a
    // failure here is a clean retry, with nothing sent yet.
    const markup = await keyboardFor(chatId, message.rendered.buttons);
    const sent = await api.sendMessage(chatId, fit(message.rendered.text), markup ? { reply_markup: markup } : {});
    await afterSent(message, "could not link a sent message to its ticket", () => link(chatId, sent.message_id, ticketNumberOf(message.notification), "notice"));
    return { status: "sent", externalMessageId: String(sent.message_id) };
  }

  return {
    channel: "telegram",
    detectForum,
    holdRecipientUntil(recipient, now) {
      if (recipient.kind !== "staff_room" || postBudget === false) return null;
      const windowStart = now.getTime() - 60_000;
      while (recentPosts.length > 0 && recentPosts[0]! <= windowStart) recentPosts.shift();
      return recentPosts.length >= postBudget ? new Date(recentPosts[0]! + 60_000) : null;
    },
    async send(target: DeliveryTarget, message: OutgoingMessage): Promise<SendResult> {
      try {
        switch (target.kind) {
          case "customer":
          case "staff":
            return await sendToPerson(target.externalId, message);
          case "staff_room":
            return await sendToStaffRoom(message);
        }
      } catch (error) {
        const result = toSendResult(error);
        logger.warn({ outboxId: message.outboxId, target: target.kind, result }, "telegram delivery did not succeed");
        return result;
      }
    },
  };
}

/**
 * What a failed Bot API call means for the outbox: rate limits, server and network faults
 * are worth retrying; a user who blocked the bot, a deleted account or an unknown chat will
 * not change by waiting.
 */
export function toSendResult(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429) return { status: "retry", reason, afterSeconds: error.parameters.retry_after ?? 30 };
    if (error.error_code >= 500) return { status: "retry", reason };
    if (error.error_code === 403) return { status: "failed", reason };
    // 401 (a revoked token) and 404 are our configuration, not the recipient: keep the message.
    if (error.error_code === 401 || error.error_code === 404) return { status: "retry", reason };
    return { status: "failed", reason };
  }
  if (error instanceof HttpError) return { status: "retry", reason: `network: ${error.message}` };
  return { status: "retry", reason: describe(error) };
}

function fit(text: string, limit = TELEGRAM_TEXT_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
