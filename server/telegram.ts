/**
 * Wires the Telegram bot into the desk: its database tables, the attachment storage, the
 * webhook route, the housekeeping loop. The composition root calls {@link createDeskTelegram}
 * when TELEGRAM_BOT_TOKEN is set, gives `telegram.sender` to the outbox worker, mounts the
 * webhook (if any) and calls `telegram.start()` and {@link telegramHousekeeping}'s `start()`
 * with the other background work.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Hono } from "hono";
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "../bot/telegram/index.ts";
import type { BotStores, KnowledgeBaseSearch, SaveAttachment } from "../bot/shared/types.ts";
import { AppError, type Core } from "../core/index.ts";
import { createBotStores } from "../db/bot-stores.ts";
import type { Database } from "../db/index.ts";
import { createAttachmentStorage, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_LABEL, writeWhole } from "./attachments.ts";
import { createBackgroundLoop, type BackgroundLoop } from "./background-loop.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";
/** How often the bot's housekeeping pass runs (it prunes handled update ids kept for a few days). */
export const TELEGRAM_HOUSEKEEPING_INTERVAL_MS = 5 * 60_000;

export type DeskTelegramOptions = {
  config: Config;
  core: Core;
  db: Database;
  logger: Logger;
  /** E.g. `() => outbox.kick()`: deliver what an update enqueued without waiting for the next poll. */
  onHandled?: () => void;
  /** Overrides the core's knowledge base for `/faq <words>` (tests). */
  knowledgeBase?: KnowledgeBaseSearch;
  /** Test seams: throttling, retries. */
  tuning?: Pick<TelegramBotOptions, "throttle" | "autoRetry">;
};

/**
 * Builds the bot (not started); null when no token is configured. Webhook mode needs both
 * TELEGRAM_WEBHOOK_SECRET and an https PUBLIC_URL (Telegram only calls https); otherwise the
 * bot long-polls once started.
 */
export function createDeskTelegram(options: DeskTelegramOptions): TelegramBot | null {
  const { config, core, db } = options;
  const settings = config.telegram;
  if (!settings) return null;
  const logger = options.logger.child({ component: "telegram" });
  const useWebhook = Boolean(settings.webhookSecret) && config.publicUrl.startsWith("https://");
  if (settings.webhookSecret && !useWebhook) {
    logger.warn({ publicUrl: config.publicUrl }, "TELEGRAM_WEBHOOK_SECRET is set but PUBLIC_URL is not https: using long polling");
  }
  // Type-checks that the Prisma tables implement the bot's ports (db/ may not import bot/).
  const stores: BotStores = createBotStores(db);
  return createTelegramBot({
    token: settings.token,
    apiRoot: settings.apiRoot,
    ...(settings.staffChatId ? { staffChatId: settings.staffChatId } : {}),
    ...(useWebhook && settings.webhookSecret
      ? { webhook: { url: `${config.publicUrl.replace(/\/$/, "")}${TELEGRAM_WEBHOOK_PATH}`, secret: settings.webhookSecret } }
      : {}),
    core,
    stores,
    saveAttachment: chatAttachmentStorage(config.dataDir),
    mediaPath: createAttachmentStorage({ dataDir: config.dataDir }).pathOf,
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
    logger,
    adminTelegramIds: config.adminTelegramIds,
    ...(options.onHandled ? { onHandled: options.onHandled } : {}),
    ...options.tuning,
  });
}

/** The bot's housekeeping pass, run every `intervalMs` by the process (bot/ owns no timers); a failed pass is logged. */
export function telegramHousekeeping(telegram: Pick<TelegramBot, "housekeeping">, logger: Logger, intervalMs = TELEGRAM_HOUSEKEEPING_INTERVAL_MS): BackgroundLoop {
  return createBackgroundLoop({
    pass: () => telegram.housekeeping(),
    intervalMs,
    onError: (error) => logger.warn({ err: error }, "telegram housekeeping failed"),
  });
}

/** `POST /telegram/webhook` on the HTTP app; grammY checks X-Telegram-Bot-Api-Secret-Token on every request. */
export function mountTelegramWebhook(app: Hono, telegram: TelegramBot): void {
  const handler = telegram.webhookHandler;
  if (!handler) return;
  app.post(TELEGRAM_WEBHOOK_PATH, (context) => handler(context.req.raw));
}

/**
 * Photos go through the portal's storage (type checked by content). Voice notes, which the
 * portal never receives, are kept as OGG files next to them, so that a voice note sent
 * without any text is not lost.
 */
export function chatAttachmentStorage(dataDir: string): SaveAttachment {
  const photos = createAttachmentStorage({ dataDir });
  return async (input) => {
    if (!isOgg(input.bytes)) return photos.saveAttachment(input);
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new AppError("payload_too_large", { params: { limit: MAX_ATTACHMENT_LABEL }, detail: `${input.bytes.byteLength} bytes` });
    }
    const at = new Date();
    const storagePath = `uploads/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}.oga`;
    await writeWhole(join(dataDir, storagePath), input.bytes);
    return { fileName: "voice.oga", mimeType: "audio/ogg", sizeBytes: input.bytes.byteLength, storagePath };
  };
}

function isOgg(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x4f && bytes[1] === 0x67 && bytes[2] === 0x67 && bytes[3] === 0x53;
}
