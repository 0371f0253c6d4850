/**
 * The Telegram adapter: grammY in front of the channel-neutral dialog layer, one feature per
 * file (features/), composed here in the order each update passes them:
 *
 * 0. sequential-updates: updates that share a chat or a user run one at a time;
 * 1. updates-ledger: an update already handled to the end is skipped (a redelivery), one whose
 *    handling failed or was cut short by a crash is handled again;
 * 2. seen-users: the sender is remembered (for `/staff add @username`);
 * 3. inside the error boundary, the dialog answers, and only then is the update recorded as
 *    handled in the ledger.
 *
 * On start: admin-bootstrap, the command menu, then receive-updates (long polling or the
 * webhook). Notifications to anyone else go through the outbox and {@link createTelegramSender}.
 * Housekeeping is one pass (`housekeeping()`), which the composition root runs periodically.
 */
import type { AutoRetryOptions } from "@grammyjs/auto-retry";
import type { APIThrottlerOptions } from "@grammyjs/transformer-throttler";
import { Api, Bot, webhookCallback } from "grammy";
import type { Core } from "../../core/index.ts";
import { createDialog, type Dialog } from "../shared/dialog.ts";
import type { BotLogger, BotStores, KnowledgeBaseSearch, SaveAttachment } from "../shared/types.ts";
import { configureApi } from "./configure-api.ts";
import { bootstrapAdmins } from "./features/admin-bootstrap.ts";
import { setCommandMenu } from "./features/command-menu.ts";
import { DIALOG_UPDATES, dialogFeature } from "./features/dialog.ts";
import { createHousekeeping } from "./features/housekeeping.ts";
import { seenUsersFeature } from "./features/seen-users.ts";
import { sequentialUpdates } from "./features/sequential-updates.ts";
import { recordHandledUpdates, skipHandledUpdates } from "./features/updates-ledger.ts";
import { createTelegramFileFetcher } from "./file-fetcher.ts";
import { createErrorHandler, createLastResortHandler } from "./handlers/error.ts";
import { receiveUpdates, type Receiving } from "./receive-updates.ts";
import { createTelegramSender, type TelegramSender } from "./telegram-sender.ts";

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
  /** The outbox's staff-group posts per minute (telegram-sender.ts STAFF_ROOM_POSTS_PER_MINUTE); `false`: none of its own (tests). */
  staffRoomPostsPerMinute?: number | false;
  autoRetry?: Partial<AutoRetryOptions>;
  /** Processed update ids are kept this long. */
  updateRetentionDays?: number;
  /** Called after each handled update, e.g. to wake the outbox worker for what it enqueued. */
  onHandled?: () => void;
};

export type TelegramBot = {
  bot: Bot;
  sender: TelegramSender;
  dialog: Dialog;
  /**
   * Registers missing admins, detects topics, then starts long polling or sets the webhook.
   * Rejects when the Bot API cannot be reached (getMe, deleteWebhook/setWebhook); the caller
   * retries (server/channel-supervisor.ts). Resolves once updates can arrive, with `ended`,
   * which rejects if polling later stops by itself.
   */
  start(): Promise<{ ended: Promise<void> }>;
  stop(): Promise<void>;
  /** Webhook mode only: the handler for `POST /telegram/webhook` (checks the secret header). */
  webhookHandler?: (request: Request) => Promise<Response>;
  /** One housekeeping pass (prunes old update ids); rejects on failure. The composition root runs it periodically. */
  housekeeping(): Promise<void>;
};

export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { core, stores, logger, staffChatId, mediaPath } = options;
  const apiRoot = (options.apiRoot ?? "https://api.telegram.org").replace(/\/$/, "");
  const now = () => core.now();
  const bot = new Bot(options.token, { client: { apiRoot } });
  configureApi(bot.api, options);
  // The start's checks go without throttling or auto-retry (which retries a 500 for up to a
  // minute): a Bot API that is down fails the attempt at once and the supervisor retries it.
  const startApi = new Api(options.token, { apiRoot });

  const sender = createTelegramSender(bot.api, {
    ...(staffChatId ? { staffChatId } : {}),
    stores,
    clock: { now },
    logger,
    ...(mediaPath ? { mediaPath } : {}),
    ...(options.staffRoomPostsPerMinute !== undefined ? { staffRoomPostsPerMinute: options.staffRoomPostsPerMinute } : {}),
  });
  const dialog = createDialog({
    core,
    surveyPrompts: stores.surveyPrompts,
    seenUsers: stores.seenUsers,
    fetchAttachment: createTelegramFileFetcher({ api: bot.api, token: options.token, apiRoot, saveAttachment: options.saveAttachment }),
    logger,
    hasButtons: true,
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
  });
  const housekeeping = createHousekeeping({
    updates: stores.updates,
    now,
    ...(options.updateRetentionDays !== undefined ? { updateRetentionDays: options.updateRetentionDays } : {}),
  });

  const ledger = { updates: stores.updates, now, logger };
  bot.use(sequentialUpdates(), skipHandledUpdates(ledger), seenUsersFeature({ seenUsers: stores.seenUsers, now, logger }));
  // Failures before the boundary (the ledger lookup) reach the last resort; the dialog's, the boundary.
  bot.catch(createLastResortHandler(logger));
  bot
    .errorBoundary(createErrorHandler({ sessions: stores.sessions, logger }))
    .on(DIALOG_UPDATES)
    // Handled or failed, the update may have enqueued notifications: wake the outbox.
    .use(async (_ctx, next) => {
      try {
        await next();
      } finally {
        options.onHandled?.();
      }
    })
    .use(recordHandledUpdates(ledger), dialogFeature({ dialog, stores, now, logger, ...(staffChatId ? { staffChatId } : {}), ...(mediaPath ? { mediaPath } : {}) }));

  let receiving: Receiving | undefined;

  async function start(): Promise<{ ended: Promise<void> }> {
    // The two calls that must work, made directly so that a Bot API that is down fails this
    // attempt at once: grammY's own init() and start() would retry them inside, for up to 20
    // minutes between tries, with the bot reported as merely "starting". The caller retries.
    if (!bot.isInited()) bot.botInfo = await startApi.getMe();
    if (!options.webhook) await startApi.deleteWebhook();
    await bootstrapAdmins({ core, api: bot.api, seenUsers: stores.seenUsers, logger, adminTelegramIds: options.adminTelegramIds ?? [] });
    const isForum = await sender.detectForum();
    logger.info({ bot: bot.botInfo.username, staffChat: staffChatId ?? null, topics: isForum, mode: options.webhook ? "webhook" : "polling" }, "telegram bot starting");
    receiving = await receiveUpdates(bot, { ...(options.webhook ? { webhook: options.webhook } : {}), allowedUpdates: DIALOG_UPDATES, logger });
    // Non-essential: the menu is set in the background, so a failing Bot API call never holds up receiving updates.
    void setCommandMenu(bot.api, logger).catch(() => undefined);
    return { ended: receiving.ended };
  }

  async function stop(): Promise<void> {
    await receiving?.stop();
    receiving = undefined;
  }

  return {
    bot,
    sender,
    dialog,
    start,
    stop,
    housekeeping: housekeeping.tick,
    ...(options.webhook ? { webhookHandler: webhookCallback(bot, "std/http", { secretToken: options.webhook.secret }) } : {}),
  };
}
