import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Message, Update, User } from "grammy/types";
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "../../../bot/telegram/index.ts";
import type { BotStores } from "../../../bot/shared/types.ts";
import type { Classification, CoreSettings } from "../../../core/index.ts";
import { createBotStores } from "../../../db/bot-stores.ts";
import { createOutboxStore } from "../../../db/outbox-store.ts";
import { createLogger } from "../../../server/logger.ts";
import { createOutboxWorker } from "../../../server/outbox/outbox-worker.ts";
import { chatAttachmentStorage, mountTelegramWebhook } from "../../../server/telegram.ts";
import { buildDbCore } from "../../support/desk-fixture.ts";
import { startFakeBotApi, type FakeBotApi, type UserChat, type WebhookDelivery } from "../../support/telegram/fake-bot-api.ts";
import { silentLogger } from "../support/memory-bot-stores.ts";

export const TOKEN = "123456789:TEST-token_for-desk";
export const WEBHOOK_SECRET = "s3cret-Token_1";

/** An HTTP server on a free port whose handler can be swapped (a restarted bot mounts a new app). */
async function startWebhookServer() {
  let fetchApp: (request: Request) => Response | Promise<Response> = () => new Response("not ready", { status: 503 });
  const server = serve({ fetch: (request) => fetchApp(request), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`,
    serve(telegram: TelegramBot) {
      const app = new Hono();
      mountTelegramWebhook(app, telegram);
      fetchApp = app.fetch;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/**
 * The real bot against the fake Bot API over HTTP, with the real core on a temp SQLite
 * file, and the outbox worker delivering through the bot's sender. `restart()` builds a new
 * bot instance on the same database, as a process restart would.
 */
export async function startDesk(
  options: {
    forum?: boolean;
    admins?: number;
    /** Webhook mode (updates are POSTed with {@link post}) instead of long polling. */
    webhook?: boolean;
    /**
     * What every report classifies as. Unsure by default (confidence 0.5), so a guided report
     * asks every step, the category check included; a confident one skips that check.
     */
    classification?: Partial<Classification>;
    /** Core settings over the test defaults (e.g. a chat intake limit). */
    settings?: Partial<CoreSettings>;
    /** The fake Bot API knows only the chats the test made (getChat of anyone else fails, as for a user who never wrote to the bot). */
    strictChats?: boolean;
    /** Extra bot options, or a function of the desk (e.g. a knowledge base over its database). */
    bot?: Partial<TelegramBotOptions> | ((desk: Awaited<ReturnType<typeof buildDbCore>>) => Partial<TelegramBotOptions>);
  } = {},
) {
  const api = await startFakeBotApi(options.strictChats ? { strictChats: true } : {});
  const desk = await buildDbCore({ classification: { confidence: 0.5, ...options.classification }, ...(options.settings ? { settings: options.settings } : {}) });
  const extra = typeof options.bot === "function" ? options.bot(desk) : options.bot;
  const staffGroup = api.supergroup({ title: "Service desk", ...(options.forum ? { is_forum: true } : {}) });
  const admin = api.user({ first_name: "Agnes", username: "agnes", language_code: "en" });
  // The admin has talked to the bot before, so Telegram can tell the bot their name.
  api.privateChat(admin);
  const stores: BotStores = createBotStores(desk.db);
  const logs: { level: string; object: object; message?: string }[] = [];
  const logger = silentLogger(logs);

  const webhookServer = options.webhook ? await startWebhookServer() : undefined;

  function build(more: Partial<TelegramBotOptions> = {}): TelegramBot {
    return createTelegramBot({
      token: TOKEN,
      apiRoot: api.apiRoot,
      staffChatId: String(staffGroup.id),
      core: desk.core,
      stores,
      saveAttachment: chatAttachmentStorage(desk.dir),
      mediaPath: (storagePath) => join(desk.dir, storagePath),
      logger,
      adminTelegramIds: [String(admin.id)],
      // Telegram's real pacing (1 message/s per chat) would make every test take minutes.
      throttle: { global: {}, group: {}, out: {} },
      ...(webhookServer ? { webhook: { url: webhookServer.url, secret: WEBHOOK_SECRET } } : {}),
      ...extra,
      ...more,
    });
  }

  async function startBot(): Promise<TelegramBot> {
    const bot = build();
    await bot.start();
    webhookServer?.serve(bot);
    return bot;
  }

  let telegram = await startBot();
  let worker = makeWorker(telegram);

  function makeWorker(bot: TelegramBot) {
    return createOutboxWorker({
      store: createOutboxStore(desk.db),
      customers: desk.stores.customers,
      staff: desk.stores.staff,
      senders: [bot.sender],
      clock: desk.clock,
      logger: createLogger("silent"),
      staffLanguage: "en",
      timeZone: "Asia/Shanghai",
      publicUrl: "http://desk.test",
      onPermanentFailure: async () => undefined,
    });
  }

  /** Queues an update and resolves once the bot has handled it, with what it sent meanwhile. */
  async function deliver(queue: () => Update): Promise<Message[]> {
    const since = api.sent().length;
    const update = queue();
    await api.waitUntilConfirmed(update);
    return api.sent().slice(since);
  }

  return {
    api,
    desk,
    stores,
    logs,
    staffGroup,
    admin,
    get telegram() {
      return telegram;
    },
    say: (user: User, chat: UserChat, text: string, extra?: Parameters<FakeBotApi["sendText"]>[3]) => deliver(() => api.sendText(user, chat, text, extra)),
    press: (user: User, message: Message, data: string, force = false) => deliver(() => api.pressButton(user, message, data, { force })),
    deliver,
    /** Webhook mode: the URL Telegram posts to. */
    webhookUrl: webhookServer?.url,
    /** Webhook mode: POSTs an update (from `api.build`) with the secret; resolves once the bot answered the request. */
    post(update: Update, secretToken: string = WEBHOOK_SECRET): Promise<WebhookDelivery> {
      if (!webhookServer) throw new Error("post() needs startDesk({ webhook: true })");
      return api.deliverToWebhook(webhookServer.url, update, secretToken);
    },
    /**
     * Another bot on the same database and Bot API, not started (`await bot.bot.init()`, then
     * `bot.bot.handleUpdate(update)`): the desk's process after a restart, while the first
     * instance stands for a process that died.
     */
    another: (more: Partial<TelegramBotOptions> = {}) => build(more),
    /** Delivers every outbox row due now; returns the messages that went out. */
    async flushOutbox(): Promise<Message[]> {
      const since = api.sent().length;
      await worker.runOnce();
      return api.sent().slice(since);
    },
    async restart(): Promise<void> {
      await telegram.stop();
      telegram = await startBot();
      worker = makeWorker(telegram);
    },
    uploaded: (storagePath: string) => existsSync(join(desk.dir, storagePath)),
    async close(): Promise<void> {
      await telegram.stop();
      await webhookServer?.close();
      await api.close();
      await desk.cleanup();
    },
  };
}

export type DeskHarness = Awaited<ReturnType<typeof startDesk>>;

/** The button with this payload prefix on a message (payloads are typed data, read back by the bot). */
export function buttonData(message: Message | undefined, prefix: string): string {
  const data = message?.reply_markup?.inline_keyboard
    .flat()
    .map((button) => ("callback_data" in button ? button.callback_data : undefined))
    .find((value) => value?.startsWith(prefix));
  if (!data) throw new Error(`no button ${prefix} on ${JSON.stringify(message?.text)}: ${JSON.stringify(message?.reply_markup)}`);
  return data;
}

export const ticketNumberIn = (messages: readonly Message[]): string => {
  const number = messages.map((message) => /SR\d{12}/.exec(message.text ?? "")?.[0]).find(Boolean);
  if (!number) throw new Error(`no ticket number in ${JSON.stringify(messages.map((message) => message.text))}`);
  return number;
};

/** A Telegram customer (English client by default) with one ticket reported through the core directly. */
export async function customerWithTicket(h: DeskHarness, languageCode = "en") {
  const user = h.api.user({ first_name: "Alice", language_code: languageCode });
  const chat = h.api.privateChat(user);
  const { ticket } = await h.desk.core.intake({
    name: "Alice",
    phone: "13800138000",
    description: "The kettle leaks",
    channel: "telegram",
    language: "en",
    identity: { channel: "telegram", externalId: String(user.id) },
  });
  return { user, chat, ticket };
}
