import { FileBox } from "file-box";
import { WechatyBuilder } from "wechaty";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { createWechatBot, type PacingClock, type WechatBot, type WechatBotOptions } from "../../../bot/wechat/index.ts";
import type { BotStores } from "../../../bot/shared/types.ts";
import type { Classification, CoreSettings } from "../../../core/index.ts";
import { createBotStores } from "../../../db/bot-stores.ts";
import { createOutboxStore } from "../../../db/outbox-store.ts";
import { createLogger } from "../../../server/logger.ts";
import { createOutboxWorker } from "../../../server/outbox/outbox-worker.ts";
import { createAttachmentStorage } from "../../../server/attachments.ts";
import { wechatAttachmentStorage } from "../../../server/wechat.ts";
import { buildDbCore } from "../../support/desk-fixture.ts";
import { silentLogger } from "../support/memory-bot-stores.ts";

export const STAFF_ROOM = "售后服务群";

type MockContact = ReturnType<mock.Mocker["createContact"]>;
type MockRoom = ReturnType<mock.Mocker["createRoom"]>;
type MockMessage = { payload: { talkerId?: string; listenerId?: string; roomId?: string; text?: string } };

/** A pacing clock that never waits: `sleep` moves it forward, so the gaps show in its timestamps. */
export function fakePacingClock(start = 1_000_000): PacingClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/**
 * The real WeChat adapter on Wechaty with wechaty-puppet-mock (messages both ways, rooms,
 * files), the real core on a temp SQLite file, and the outbox worker delivering through the
 * adapter's sender. Sends are paced 1 s apart on a fake clock (no real waiting).
 */
export async function startWechatDesk(
  options: { classification?: Partial<Classification>; settings?: Partial<CoreSettings>; bot?: Partial<WechatBotOptions>; intervalMs?: number } = {},
) {
  const desk = await buildDbCore({
    classification: { confidence: 0.9, ...options.classification },
    settings: { staffRoomChannels: ["wechat"], staffChatChannels: ["wechat"], ...options.settings },
  });
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const wechaty = WechatyBuilder.build({ puppet });
  const stores: BotStores = createBotStores(desk.db);
  const logs: { level: string; object: object; message?: string }[] = [];
  const pacingClock = fakePacingClock();
  const waiting: (() => void)[] = [];
  const bot: WechatBot = createWechatBot({
    wechaty,
    core: desk.core,
    stores,
    saveAttachment: wechatAttachmentStorage(desk.dir),
    mediaPath: createAttachmentStorage({ dataDir: desk.dir }).pathOf,
    staffRoomTopic: STAFF_ROOM,
    logger: silentLogger(logs),
    pacing: { intervalMs: options.intervalMs ?? 1000, clock: pacingClock },
    ...options.bot,
    onHandled: () => {
      options.bot?.onHandled?.();
      // Wakes settle(): a message was handled to the end.
      for (const wake of waiting.splice(0)) wake();
    },
  });
  const loggedIn = new Promise<void>((resolve) => wechaty.once("login", () => resolve()));
  await bot.start();
  const account = mocker.createContact({ name: "售后服务台" });
  mocker.login(account);
  await loggedIn;

  // Everything the bot account sends, in order, with the pacing clock's time.
  const sent: { to: string; text: string; at: number }[] = [];
  account.on("message", (message: MockMessage) => {
    if (message.payload.talkerId !== account.id) return;
    sent.push({ to: message.payload.roomId ?? message.payload.listenerId ?? "", text: message.payload.text ?? "", at: pacingClock.now() });
  });
  // Messages from others that Wechaty has delivered to the bot (its listener runs first).
  let delivered = 0;
  wechaty.on("message", (message) => {
    if (!message.self()) delivered++;
  });
  let expected = 0;

  const worker = createOutboxWorker({
    store: createOutboxStore(desk.db),
    customers: desk.stores.customers,
    staff: desk.stores.staff,
    senders: [bot.sender],
    clock: desk.clock,
    logger: createLogger("silent"),
    staffLanguage: "zh-Hans",
    timeZone: "Asia/Shanghai",
    publicUrl: null,
    onPermanentFailure: async () => undefined,
  });

  /** Resolves once the bot has answered every message sent so far. */
  async function settle(): Promise<void> {
    // Each delivered message ends in onHandled; the test's timeout catches one never delivered.
    while (delivered < expected) await new Promise<void>((resolve) => waiting.push(resolve));
    await bot.idle();
  }

  function contact(name: string): MockContact {
    return mocker.createContact({ name });
  }

  return {
    desk,
    mocker,
    puppet,
    wechaty,
    bot,
    stores,
    logs,
    account,
    sent,
    pacingClock,
    contact,
    /** The staff room with these members (and the bot's account). */
    room(members: MockContact[], topic = STAFF_ROOM): MockRoom {
      return mocker.createRoom({ topic, memberIdList: [account.id, ...members.map((member) => member.id)] });
    },
    /** A customer writes to the bot in private; resolves with what the bot answered them. */
    async say(from: MockContact, text: string | FileBox): Promise<string[]> {
      const since = sent.length;
      expected++;
      from.say(text).to(account);
      await settle();
      return sent.slice(since).filter((message) => message.to === from.id).map((message) => message.text);
    },
    /** Someone writes in a room (with @mentions); resolves with what the bot said in the room. */
    async sayInRoom(from: MockContact, room: MockRoom, text: string, mentions: MockContact[] = []): Promise<string[]> {
      const since = sent.length;
      expected++;
      from.say(text, mentions).to(room);
      await settle();
      return sent.slice(since).filter((message) => message.to === room.id).map((message) => message.text);
    },
    /** The puppet delivers a message again (as after a reconnect); resolves with what the bot answered the sender. */
    async redeliver(messageId: string): Promise<string[]> {
      const since = sent.length;
      const talker = mocker.cacheMessagePayload.get(messageId)?.talkerId;
      expected++;
      puppet.emit("message", { messageId });
      await settle();
      return sent.slice(since).filter((message) => message.to === talker).map((message) => message.text);
    },
    /** The id of the last message this contact sent. */
    lastMessageOf(from: MockContact): string {
      const ids = [...mocker.cacheMessagePayload.values()].filter((payload) => payload.talkerId === from.id).map((payload) => payload.id);
      const id = ids.at(-1);
      if (!id) throw new Error("no message from this contact");
      return id;
    },
    /** Delivers every outbox row due now; returns what went out. */
    async flushOutbox(): Promise<{ to: string; text: string; at: number }[]> {
      const since = sent.length;
      await worker.runOnce();
      return sent.slice(since);
    },
    async close(): Promise<void> {
      await bot.stop();
      await desk.cleanup();
    },
  };
}

export type WechatDesk = Awaited<ReturnType<typeof startWechatDesk>>;

export const ticketNumberIn = (texts: readonly string[]): string => {
  const number = texts.map((text) => /SR\d{12}/.exec(text)?.[0]).find(Boolean);
  if (!number) throw new Error(`no ticket number in ${JSON.stringify(texts)}`);
  return number;
};

/** A 1×1 PNG, as a customer's photo. */
export const PNG_1PX = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2dd2b8c0000000049454e44ae426082",
  "hex",
);

export const photo = (name = "photo.png") => FileBox.fromBase64(PNG_1PX.toString("base64"), name);

/**
 * A voice note or document as a customer sends it. wechaty-puppet-mock types a file message by
 * its media type and knows only images and video that way; other files it types by extension
 * (`.silk` voice, `.pdf` attachment) only when the media type is `application/octet-stream`,
 * which FileBox never derives from a name. So the fixture says so itself.
 */
export function file(bytes: Buffer, name: string): FileBox {
  const box = FileBox.fromBase64(bytes.toString("base64"), name);
  (box as unknown as { _mediaType: string })._mediaType = "application/octet-stream";
  return box;
}
