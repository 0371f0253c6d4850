import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Message, Update, User } from "grammy/types";
import { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "../../../bot/telegram/index.ts";
import type { BotStores } from "../../../bot/shared/types.ts";
import { createBotStores } from "../../../db/bot-stores.ts";
import { createOutboxStore } from "../../../db/outbox-store.ts";
import { createLogger } from "../../../server/logger.ts";
import { createOutboxWorker } from "../../../server/outbox/outbox-worker.ts";
import { chatAttachmentStorage } from "../../../server/telegram.ts";
import { buildDbCore } from "../../support/desk-fixture.ts";
import { startFakeBotApi, type FakeBotApi, type UserChat } from "../../support/telegram/fake-bot-api.ts";
import { silentLogger } from "../support/memory-bot-stores.ts";

export const TOKEN = "123456789:TEST-token_for-desk";

/**
 * The real bot against the fake Bot API over HTTP, with the real core on a temp SQLite
 * file, and the outbox worker delivering through the bot's sender. `restart()` builds a new
 * bot instance on the same database, as a process restart would.
 */
export async function startDesk(
  options: {
    forum?: boolean;
    admins?: number;
    /** Extra bot options, or a function of the desk (e.g. a knowledge base over its database). */
    bot?: Partial<TelegramBotOptions> | ((desk: Awaited<ReturnType<typeof buildDbCore>>) => Partial<TelegramBotOptions>);
  } = {},
) {
  const api = await startFakeBotApi();
  const desk = await buildDbCore();
  const extra = typeof options.bot === "function" ? options.bot(desk) : options.bot;
  const staffGroup = api.supergroup({ title: "Service desk", ...(options.forum ? { is_forum: true } : {}) });
  const admin = api.user({ first_name: "Agnes", username: "agnes", language_code: "en" });
  // The admin has talked to the bot before, so Telegram can tell the bot their name.
  api.privateChat(admin);
  const stores: BotStores = createBotStores(desk.db);
  const logs: { level: string; object: object; message?: string }[] = [];
  const logger = silentLogger(logs);

  function build(): TelegramBot {
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
      ...extra,
    });
  }

  let telegram = build();
  await telegram.start();
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
    /** Delivers every outbox row due now; returns the messages that went out. */
    async flushOutbox(): Promise<Message[]> {
      const since = api.sent().length;
      await worker.runOnce();
      return api.sent().slice(since);
    },
    async restart(): Promise<void> {
      await telegram.stop();
      telegram = build();
      await telegram.start();
      worker = makeWorker(telegram);
    },
    uploaded: (storagePath: string) => existsSync(join(desk.dir, storagePath)),
    async close(): Promise<void> {
      await telegram.stop();
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
