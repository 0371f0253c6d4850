/**
 * Delivers the outbox's stored messages on Telegram (the outbox worker in server/outbox
 * resolves the recipient and renders the text, then calls `send`). Adds what Telegram can
 * do beyond text: 1–5 buttons under survey invitations, take/assign/urgency buttons under
 * new-ticket posts, and one forum topic per ticket when the staff group has topics.
 */
import { GrammyError, HttpError, InlineKeyboard, InputFile, type Api } from "grammy";
import { randomBytes } from "node:crypto";
// eslint-disable-next-line no-restricted-imports -- temporary: the delivery types move into core with the typed notifications
import type { ChannelSender, DeliveryTarget, OutgoingMessage, SendResult } from "../../server/outbox/channel-sender.ts";
import { payload } from "../shared/payloads.ts";
import { preview, t } from "../shared/text.ts";
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
};

export type TelegramSender = ChannelSender & {
  /** Asks Telegram whether the staff group has topics (cached once answered). */
  detectForum(): Promise<boolean>;
};

const SURVEY_KEYS = new Set(["notify.customer.survey", "notify.customer.survey_reminder"]);
const TELEGRAM_TEXT_LIMIT = 4096;

export function createTelegramSender(api: Api, options: TelegramSenderOptions): TelegramSender {
  const { stores, logger } = options;
  const newKey = options.newKey ?? (() => randomBytes(8).toString("base64url"));
  let forum: boolean | undefined;

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

  async function surveyKeyboard(chatId: string, message: OutgoingMessage): Promise<InlineKeyboard | undefined> {
    const { params } = message.payload;
    const surveyId = typeof params.surveyId === "string" ? params.surveyId : undefined;
    const token = typeof params.link === "string" ? params.link.split("/survey/")[1] : undefined;
    const ticketNumber = message.ticketNumber ?? (typeof params.number === "string" ? params.number : undefined);
    if (!surveyId || !token || !ticketNumber) return undefined;
    // The signed token (~80 characters) does not fit Telegram's 64-byte button data: the
    // buttons carry a short key to a stored prompt, which also records who may answer.
    const key = newKey();
    await stores.surveyPrompts.create({ key, channel: "telegram", surveyId, token, ticketNumber, externalId: chatId, createdAt: options.clock.now() });
    const keyboard = new InlineKeyboard();
    for (let score = 1; score <= 5; score++) keyboard.text(String(score), payload.survey(key, score));
    return keyboard;
  }

  function staffPostKeyboard(number: string, message: OutgoingMessage): InlineKeyboard {
    return new InlineKeyboard()
      .text(t(message.language, "bot.staff.button.take"), payload.staffTake(number))
      .text(t(message.language, "bot.staff.button.assign"), payload.staffAssignMenu(number))
      .text(t(message.language, "bot.staff.button.urgency"), payload.staffUrgencyMenu(number));
  }

  async function topicFor(chatId: string, number: string, message: OutgoingMessage): Promise<number | undefined> {
    if (!(await detectForum())) return undefined;
    const known = await stores.topics.find("telegram", chatId, number);
    if (known) return Number(known);
    if (message.payload.key !== "notify.staff.new_ticket") return undefined;
    const description = typeof message.payload.params.description === "string" ? message.payload.params.description : "";
    let topic;
    try {
      topic = await api.createForumTopic(chatId, preview(`${number} ${description}`, 128));
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
    const number = message.ticketNumber;
    const isNewTicket = message.payload.key === "notify.staff.new_ticket";
    const threadId = number ? await topicFor(chatId, number, message) : undefined;
    const markup = isNewTicket && number ? staffPostKeyboard(number, message) : undefined;
    const text = fit(message.text);
    let sent;
    let usedThread = threadId;
    try {
      sent = await api.sendMessage(chatId, text, { ...(threadId ? { message_thread_id: threadId } : {}), ...(markup ? { reply_markup: markup } : {}) });
    } catch (error) {
      // A topic someone closed or deleted: post in the group's general thread instead.
      if (!threadId || !(error instanceof GrammyError) || !/TOPIC_CLOSED|TOPIC_DELETED|thread not found/i.test(error.description)) throw error;
      sent = await api.sendMessage(chatId, text, markup ? { reply_markup: markup } : {});
      usedThread = undefined;
    }
    const isCustomerMessage = message.payload.key === "notify.staff.customer_message";
    const kind: LinkKind = isNewTicket ? "ticket_post" : isCustomerMessage ? "customer_message" : "notice";
    await afterSent(message, "could not link a sent staff-room message to its ticket", () => link(chatId, sent.message_id, number, kind));
    if (isCustomerMessage) {
      const textMessageId = sent.message_id;
      await afterSent(message, "could not relay a customer's files to the staff chat", () => relayFiles(chatId, textMessageId, usedThread, number, message));
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
      logger.warn({ err: describe(error), outboxId: message.outboxId, ticketNumber: message.ticketNumber }, what);
    }
  }

  /**
   * The photos and voice notes a customer sent with a message, posted under its relay so
   * staff see them where they talk about the ticket; replying to one answers the customer
   * like replying to the text. Best effort: the text is already out, so a file that cannot
   * be sent is logged, not retried (a retry would post the text twice).
   */
  async function relayFiles(chatId: string, textMessageId: number, threadId: number | undefined, number: string | undefined, message: OutgoingMessage): Promise<void> {
    const mediaPath = options.mediaPath;
    if (!mediaPath) return;
    for (const file of relayedFiles(message.payload.params.files)) {
      const where = {
        ...(threadId ? { message_thread_id: threadId } : {}),
        reply_parameters: { message_id: textMessageId, allow_sending_without_reply: true },
      };
      try {
        const input = new InputFile(mediaPath(file.storagePath), file.fileName || undefined);
        const sent = file.mimeType.startsWith("image/")
          ? await api.sendPhoto(chatId, input, where)
          : file.mimeType.startsWith("audio/")
            ? await api.sendVoice(chatId, input, where)
            : await api.sendDocument(chatId, input, where);
        await link(chatId, sent.message_id, number, "customer_message");
      } catch (error) {
        logger.warn({ err: describe(error), ticketNumber: number, outboxId: message.outboxId }, "could not relay a customer's file to the staff chat");
      }
    }
  }

  async function sendToPerson(chatId: string, message: OutgoingMessage): Promise<SendResult> {
    // The survey prompt row is written *before* sending (the buttons carry its key): a
    // failure here is a clean retry, with nothing sent yet.
    const markup = SURVEY_KEYS.has(message.payload.key) ? await surveyKeyboard(chatId, message) : undefined;
    const sent = await api.sendMessage(chatId, fit(message.text), markup ? { reply_markup: markup } : {});
    await afterSent(message, "could not link a sent message to its ticket", () => link(chatId, sent.message_id, message.ticketNumber, "notice"));
    return { status: "sent", externalMessageId: String(sent.message_id) };
  }

  return {
    channel: "telegram",
    detectForum,
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

/** The `files` parameter of a relayed customer message (core/notifications: JSON of path, type, name). */
function relayedFiles(value: unknown): { storagePath: string; mimeType: string; fileName: string }[] {
  if (typeof value !== "string" || !value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item: unknown) => {
      const file = item as { storagePath?: unknown; mimeType?: unknown; fileName?: unknown } | null;
      return file && typeof file.storagePath === "string" && typeof file.mimeType === "string"
        ? [{ storagePath: file.storagePath, mimeType: file.mimeType, fileName: typeof file.fileName === "string" ? file.fileName : "" }]
        : [];
    });
  } catch {
    return [];
  }
}

function fit(text: string): string {
  return text.length > TELEGRAM_TEXT_LIMIT ? `${text.slice(0, TELEGRAM_TEXT_LIMIT - 1)}…` : text;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
