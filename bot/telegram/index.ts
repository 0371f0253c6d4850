/**
 * The Telegram adapter: grammY in front of the channel-neutral dialog layer.
 *
 * Per update: (0) updates that share a chat or a user are handled one at a time (webhook mode
 * delivers concurrently; each update reads and writes its sender's session); (1) an update
 * already handled to the end is skipped, so a redelivered update is handled once, while one
 * whose handling failed or was cut short by a crash is handled again when redelivered; (2)
 * the sender is remembered (for `/staff add @username`); (3) the update becomes an
 * InboundMessage, the sender's session is loaded, the dialog answers, the new session is
 * saved *before* anything is sent (a restart resumes at the saved step), the replies are
 * sent, and only then is the update recorded as handled. Notifications to anyone else go
 * through the outbox and {@link createTelegramSender}. API calls are throttled per chat and
 * globally, and a 429 is retried after its `retry_after`.
 */
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { apiThrottler, type APIThrottlerOptions } from "@grammyjs/transformer-throttler";
import { Bot, GrammyError, webhookCallback, type Context } from "grammy";
import { describeError, type Core, type Language } from "../../core/index.ts";
import { createDialog, type Dialog } from "../shared/dialog.ts";
import { defaultLanguage } from "../shared/turn.ts";
import type { BotLogger, BotStores, InboundMessage, KnowledgeBaseSearch, SaveAttachment } from "../shared/types.ts";
import { createTelegramFileFetcher } from "./file-fetcher.ts";
import { toInbound } from "./inbound.ts";
import { sendReplies } from "./render.ts";
import { sequentialize } from "./sequentialize.ts";
import { createTelegramSender, type TelegramSender } from "./telegram-sender.ts";

export { createTelegramSender, toSendResult, type TelegramSender } from "./telegram-sender.ts";

export type TelegramBotOptions = {
  token: string;
  /** Bot API base URL (TELEGRAM_API_ROOT); default https://api.telegram.org. */
  apiRoot?: string;
  /** The staff group (TELEGRAM_STAFF_CHAT_ID). */
  staffChatId?: string;
  /** Webhook mode: Telegram posts updates to `url`, each with `secret` in X-Telegram-Bot-Api-Secret-Token. */
  webhook?: { url: string; secret: string };
  core: Core;
  stores: BotStores;
  saveAttachment: SaveAttachment;
  /** Where a stored attachment is on disk (for showing a ticket's photos to staff). */
  mediaPath?: (storagePath: string) => string;
  /** The knowledge base: `/faq <words>` answers with its articles (the fixed FAQ text without it). */
  knowledgeBase?: KnowledgeBaseSearch;
  logger: BotLogger;
  /** ADMIN_TELEGRAM_IDS: registered as admins on start when missing. */
  adminTelegramIds?: readonly string[];
  /** Throttling of outgoing calls (per chat and global); `false` turns it off (tests). */
  throttle?: APIThrottlerOptions | false;
  autoRetry?: Partial<AutoRetryOptions>;
  /** Processed update ids are kept this long. */
  updateRetentionDays?: number;
  /** A tapped survey score waits this long for a comment. */
  surveyCommentMinutes?: number;
  /** How often old update ids are pruned and waiting survey scores recorded. */
  housekeepingIntervalMs?: number;
  /** Called after each handled update, e.g. to wake the outbox worker for what it enqueued. */
  onHandled?: () => void;
};

export type TelegramBot = {
  bot: Bot;
  sender: TelegramSender;
  dialog: Dialog;
  /** Registers missing admins, detects topics, then starts long polling or sets the webhook. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Webhook mode only: the handler for `POST /telegram/webhook` (checks the secret header). */
  webhookHandler?: (request: Request) => Promise<Response>;
  /** Prunes old update ids and records survey scores whose comment never came. */
  housekeeping(): Promise<void>;
};

const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { core, stores, logger } = options;
  const apiRoot = (options.apiRoot ?? "https://api.telegram.org").replace(/\/$/, "");
  const clock = { now: () => core.now() };
  const bot = new Bot(options.token, { client: { apiRoot } });
  // Installed first, so it runs innermost: every retry of auto-retry is throttled again.
  if (options.throttle !== false) bot.api.config.use(apiThrottler(options.throttle ?? {}));
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      // Longer waits are the outbox's job (it stores the message and retries later), not
      // a handler's: a long retry_after comes back as an error and the outbox honors it.
      maxDelaySeconds: 30,
      // Network failures are retried by the outbox and by the next user message; without this
      // auto-retry would retry them forever.
      rethrowHttpErrors: true,
      ...options.autoRetry,
    }),
  );

  const sender = createTelegramSender(bot.api, {
    ...(options.staffChatId ? { staffChatId: options.staffChatId } : {}),
    stores,
    clock,
    logger,
    ...(options.mediaPath ? { mediaPath: options.mediaPath } : {}),
  });
  const dialog = createDialog({
    core,
    surveyPrompts: stores.surveyPrompts,
    seenUsers: stores.seenUsers,
    fetchAttachment: createTelegramFileFetcher({ api: bot.api, token: options.token, apiRoot, saveAttachment: options.saveAttachment }),
    logger,
    hasButtons: true,
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
    ...(options.surveyCommentMinutes !== undefined ? { surveyCommentMinutes: options.surveyCommentMinutes } : {}),
  });

  // (0) One update at a time per chat and per user, in webhook mode as in long polling. A
  // redelivery of an update still in progress waits here for the first delivery to finish.
  bot.use(sequentialize());

  // (1) Each update once. It is recorded as handled only when its handling finished (below):
  // a failure or a crash in the middle leaves it unrecorded, so its redelivery is processed
  // (at least once: intake is idempotent, and a repeated step is answered like a stale one).
  bot.use(async (ctx, next) => {
    const updateId = String(ctx.update.update_id);
    if (await stores.updates.isHandled("telegram", updateId)) {
      logger.info({ updateId }, "duplicate update ignored");
      return;
    }
    await next();
  });

  // (2) Remember who wrote, cheaply: only when something changed since last time.
  const seen = new Map<number, string>();
  bot.use(async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      const signature = `${from.username ?? ""}|${from.first_name}|${from.last_name ?? ""}|${from.language_code ?? ""}`;
      if (seen.get(from.id) !== signature) {
        // Best effort: failing to remember a username must not cost the user their message.
        await stores.seenUsers
          .remember(
            {
              channel: "telegram",
              externalId: String(from.id),
              displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
              ...(from.username ? { username: from.username } : {}),
              ...(from.language_code ? { languageCode: from.language_code } : {}),
            },
            clock.now(),
          )
          .then(() => seen.set(from.id, signature))
          .catch((error: unknown) => logger.warn({ err: maskError(error) }, "could not remember a Telegram user"));
      }
    }
    await next();
  });

  // Last resort for failures outside the boundary below (the database refusing the ledger
  // lookup): log and keep polling; in webhook mode the request fails and Telegram retries.
  bot.catch((error) => {
    logger.error({ err: maskError(error.error), updateId: error.ctx.update.update_id }, "telegram update could not be checked against the ledger");
  });

  // (3) The dialog, inside the one error boundary. A failed update is not recorded as
  // handled: delivered again, it is processed again.
  bot.errorBoundary(async (error) => {
    const ctx = error.ctx;
    logger.error({ err: maskError(error.error), updateId: ctx.update.update_id }, "telegram update failed");
    const language = ctx.from ? await languageOf(String(ctx.from.id), ctx.from.language_code) : "en";
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chat) await ctx.api.sendMessage(ctx.chat.id, describeError(language, error.error).message, threadOptions(ctx));
    } catch (replyError) {
      logger.warn({ err: maskError(replyError) }, "could not tell the user about the failure");
    }
  }).on(["message", "edited_message", "callback_query"], async (ctx) => {
    try {
      await handle(ctx);
      await markHandled(ctx);
    } finally {
      options.onHandled?.();
    }
  });

  /** Records a finished update. Best effort: the work is done, and failing to record it only means a redelivery would be processed again. */
  async function markHandled(ctx: Context): Promise<void> {
    const updateId = String(ctx.update.update_id);
    await stores.updates.markHandled("telegram", updateId, clock.now()).catch((error: unknown) => {
      logger.warn({ err: maskError(error), updateId }, "could not record a handled update");
    });
  }

  let botUsername = "";
  async function handle(ctx: Context): Promise<void> {
    const inbound = await toInbound(ctx, { stores, ...(options.staffChatId ? { staffChatId: options.staffChatId } : {}), botUsername: botUsername || ctx.me.username });
    if (!inbound) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    const stored = await stores.sessions.load("telegram", inbound.sender.id);
    const result = await dialog.handle(inbound, stored);
    if (JSON.stringify(result.session) !== JSON.stringify(stored ?? {})) {
      await stores.sessions.save("telegram", inbound.sender.id, result.session, clock.now());
    }
    if (result.inboundLink && !inbound.button) {
      await stores.links.link({ channel: "telegram", chatId: inbound.chat.id, messageId: inbound.messageId, ...result.inboundLink }, clock.now());
    }
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery(result.toast ? { text: result.toast } : {}).catch((error: unknown) => {
        logger.debug({ err: maskError(error) }, "callback query could not be answered (too old)");
      });
    }
    await sendReplies(ctx.api, replyTarget(inbound), result.replies, {
      links: stores.links,
      now: () => clock.now(),
      logger,
      ...(options.mediaPath ? { mediaPath: options.mediaPath } : {}),
    });
    // After the answer, so the per-chat throttle delays the cosmetic edit, not the reply; a
    // press on the old buttons in between is refused by the dialog as stale anyway.
    if (ctx.callbackQuery && result.clearButtons) {
      await ctx.api.editMessageReplyMarkup(inbound.chat.id, Number(inbound.messageId)).catch(() => undefined);
    }
  }

  /** The user's chosen language (their session), else their client's. */
  async function languageOf(userId: string, hint: string | undefined): Promise<Language> {
    const stored = (await stores.sessions.load("telegram", userId).catch(() => null)) as { language?: unknown } | null;
    const chosen = stored?.language;
    return chosen === "en" || chosen === "zh-Hans" || chosen === "zh-Hant" ? chosen : defaultLanguage(hint);
  }

  async function bootstrapAdmins(): Promise<void> {
    for (const id of options.adminTelegramIds ?? []) {
      const identity = { channel: "telegram" as const, externalId: id };
      if (await core.staff.byIdentity(identity)) continue;
      const admin = await core.registerStaff({ name: await displayNameOf(id), role: "admin", identities: [identity] }, null);
      logger.info({ staffId: admin.id, telegramId: id }, "registered admin from ADMIN_TELEGRAM_IDS");
    }
  }

  /** A user's name from what the bot has seen, else from Telegram (works once they wrote to the bot). */
  async function displayNameOf(id: string): Promise<string> {
    const seenUser = await stores.seenUsers.findById("telegram", id);
    if (seenUser?.displayName) return seenUser.displayName;
    try {
      const chat = await bot.api.getChat(id);
      if (chat.type === "private") return [chat.first_name, chat.last_name].filter(Boolean).join(" ") || chat.username || `Admin ${id}`;
    } catch {
      // Unknown to the bot so far: a placeholder name until an admin renames them.
    }
    return `Admin ${id}`;
  }

  async function housekeeping(): Promise<void> {
    const now = clock.now();
    const days = options.updateRetentionDays ?? 3;
    await stores.updates.prune(new Date(now.getTime() - days * 24 * 3600_000));
    await dialog.flushPendingSurveys(now);
  }

  let polling: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function start(): Promise<void> {
    await bot.init();
    await bootstrapAdmins();
    botUsername = bot.botInfo.username;
    const isForum = await sender.detectForum();
    logger.info({ bot: botUsername, staffChat: options.staffChatId ?? null, topics: isForum, mode: options.webhook ? "webhook" : "polling" }, "telegram bot starting");
    await bot.api
      .setMyCommands(
        [
          { command: "start", description: "Menu · 菜单" },
          { command: "report", description: "Report a fault · 报修" },
          { command: "status", description: "My tickets · 查询" },
          { command: "chase", description: "Chase a ticket · 催单" },
          { command: "faq", description: "FAQ · 常见问题" },
          { command: "lang", description: "Language · 语言" },
          { command: "help", description: "Help · 帮助" },
        ],
        { scope: { type: "all_private_chats" } },
      )
      .catch((error: unknown) => logger.warn({ err: maskError(error) }, "could not set the command menu"));
    await housekeeping().catch((error: unknown) => logger.warn({ err: maskError(error) }, "telegram housekeeping failed"));
    timer = setInterval(() => {
      housekeeping().catch((error: unknown) => logger.warn({ err: maskError(error) }, "telegram housekeeping failed"));
    }, options.housekeepingIntervalMs ?? 5 * 60_000);
    timer.unref?.();

    if (options.webhook) {
      await bot.api.setWebhook(options.webhook.url, { secret_token: options.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      return;
    }
    await new Promise<void>((resolve, reject) => {
      polling = bot.start({ allowed_updates: [...ALLOWED_UPDATES], onStart: () => resolve() });
      polling.catch((error: unknown) => {
        logger.error({ err: maskError(error) }, "telegram polling stopped");
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  async function stop(): Promise<void> {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (polling) {
      await bot.stop();
      await polling.catch(() => undefined);
      polling = undefined;
    }
  }

  return {
    bot,
    sender,
    dialog,
    start,
    stop,
    housekeeping,
    ...(options.webhook ? { webhookHandler: webhookCallback(bot, "std/http", { secretToken: options.webhook.secret }) } : {}),
  };
}

function replyTarget(inbound: InboundMessage) {
  return {
    chatId: inbound.chat.id,
    ...(inbound.chat.topicId ? { topicId: inbound.chat.topicId } : {}),
    ...(inbound.chat.kind === "group" && !inbound.button ? { quoteMessageId: inbound.messageId } : {}),
  };
}

function threadOptions(ctx: Context): { message_thread_id?: number } {
  const message = ctx.msg;
  return message?.is_topic_message && message.message_thread_id ? { message_thread_id: message.message_thread_id } : {};
}

/** Errors may quote user input; phone-like digit runs are masked before logging. */
function maskError(error: unknown): { message: string; code?: number } {
  const text = error instanceof GrammyError ? error.description : error instanceof Error ? error.message : String(error);
  const masked = text.replace(/(?<![A-Za-z\d])\d{7,15}(?!\d)/g, (digits) => `${digits.slice(0, 3)}****${digits.slice(-4)}`);
  return error instanceof GrammyError ? { message: masked, code: error.error_code } : { message: masked };
}
