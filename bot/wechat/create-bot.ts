/**
 * The WeChat adapter: Wechaty in front of the channel-neutral dialog layer. It only
 * translates: a Wechaty message becomes an InboundMessage (inbound.ts), the dialog answers,
 * the replies go back as text with numbered choices (render.ts), all sends paced per account
 * (pacer.ts). Notifications to anyone else go through the outbox and the sender
 * (wechat-sender.ts). The login (QR code, session) is reported through `onScan` and
 * `state()`; the composition root prints the QR code and shows the state in /health.
 *
 * Each contact's messages are handled one at a time and in order (keyed-queue.ts); a message
 * id is recorded as handled once the dialog's result is saved (before the replies go out), so
 * a puppet that delivers it again does not make a second ticket or answer the next step.
 */
import { ScanStatus, type Message, type Wechaty } from "wechaty";
import type { ChannelSender, Core } from "../../core/index.ts";
import { createDialog, type Dialog } from "../shared/dialog.ts";
import type { BotLogger, BotStores, KnowledgeBaseSearch, PhoneCodes, SaveAttachment } from "../shared/types.ts";
import { createWechatFileFetcher } from "./file-fetcher.ts";
import { toInbound } from "./inbound.ts";
import { createKeyedQueue } from "./keyed-queue.ts";
import { createPacer, type PacingClock } from "./pacer.ts";
import { sendReplies } from "./render.ts";
import { createStaffRoom } from "./staff-room.ts";
import { createWechatSender } from "./wechat-sender.ts";

export type WechatBotOptions = {
  wechaty: Wechaty;
  core: Core;
  stores: BotStores;
  saveAttachment: SaveAttachment;
  /** Where a stored attachment is on disk (relaying a customer's photos to the staff room). */
  mediaPath?: (storagePath: string) => string;
  /** The staff room's topic (WECHAT_STAFF_ROOM): finds the room once, when exactly one has it. */
  staffRoomTopic?: string;
  /** The staff room's id (WECHAT_STAFF_ROOM_ID): pins it outright. */
  staffRoomId?: string;
  logger: BotLogger;
  /** SMS codes that verify a typed phone (when SMS is configured). */
  phoneCodes?: PhoneCodes;
  knowledgeBase?: KnowledgeBaseSearch;
  /** At least this long between two messages the account sends (WECHAT_SEND_INTERVAL_MS); `clock` for tests. */
  pacing?: { intervalMs?: number; clock?: PacingClock };
  /** Called with the login QR code's content when the puppet asks for a scan. */
  onScan?: (qrcode: string) => void;
  /** Called after each handled message, e.g. to wake the outbox worker for what it enqueued. */
  onHandled?: () => void;
};

/** The login as /health shows it. */
/** `not logged in`: the puppet runs but has neither logged in nor offered a QR code (the mock puppet, a puppet waiting on its service). */
export type WechatState = "starting" | "not logged in" | "waiting for scan" | "logged in" | "logged out" | `down: ${string}`;

export type WechatBot = {
  wechaty: Wechaty;
  sender: ChannelSender;
  dialog: Dialog;
  state(): WechatState;
  /** Starts the puppet (resolves once it runs; the login may come later). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Settles once every message received so far has been answered (tests). */
  idle(): Promise<void>;
  /** One upkeep pass: handled message ids older than a few days are pruned (the composition root runs it periodically). */
  housekeeping(): Promise<void>;
};

/** Handled message ids are kept this long: long enough to recognise a redelivery. */
const HANDLED_RETENTION_MS = 3 * 24 * 3600_000;

export function createWechatBot(options: WechatBotOptions): WechatBot {
  const { wechaty, core, stores, logger } = options;
  const now = () => core.now();
  const pacer = createPacer(options.pacing ?? {});
  const queue = createKeyedQueue();
  // The message being handled, per id: the file fetcher reads its FileBox.
  const inFlight = new Map<string, Message>();
  let state: WechatState = "starting";
  const pending = new Set<Promise<void>>();

  const dialog = createDialog({
    core,
    surveyPrompts: stores.surveyPrompts,
    seenUsers: stores.seenUsers,
    fetchAttachment: createWechatFileFetcher({ messageOf: (id) => inFlight.get(id), saveAttachment: options.saveAttachment }),
    logger,
    hasButtons: false,
    ...(options.phoneCodes ? { phoneCodes: options.phoneCodes } : {}),
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
  });
  const staffRoom = createStaffRoom({
    wechaty,
    ...(options.staffRoomTopic ? { topic: options.staffRoomTopic } : {}),
    ...(options.staffRoomId ? { pinnedId: options.staffRoomId } : {}),
    logger,
  });
  const sender = createWechatSender({
    wechaty,
    pacer,
    queue,
    staffRoom,
    stores,
    clock: { now },
    logger,
    ...(options.mediaPath ? { mediaPath: options.mediaPath } : {}),
  });

  async function handle(message: Message): Promise<void> {
    const inbound = await toInbound(message, { staffRoom });
    if (!inbound) return;
    await queue.run(inbound.sender.id, async () => {
      if (await stores.updates.isHandled("wechat", inbound.eventId)) return;
      await stores.seenUsers.remember({ channel: "wechat", externalId: inbound.sender.id, displayName: inbound.sender.displayName }, now());
      inFlight.set(message.id, message);
      try {
        const stored = await stores.sessions.load("wechat", inbound.sender.id);
        const result = await dialog.handle(inbound, stored);
        // Saved before anything is sent: a restart resumes at the saved step.
        if (JSON.stringify(result.session) !== JSON.stringify(stored ?? {})) {
          await stores.sessions.save("wechat", inbound.sender.id, result.session, now());
        }
        if (result.inboundLink) {
          await stores.links.link({ channel: "wechat", chatId: inbound.chat.id, messageId: inbound.messageId, ...result.inboundLink }, now());
        }
        // Handled once its result is saved: a redelivery after a failed send must not apply
        // the same text to the next step of the dialog.
        await stores.updates.markHandled("wechat", inbound.eventId, now());
        const target = inbound.chat.kind === "group" ? message.room() : message.talker();
        if (target) {
          try {
            await sendReplies(target, result.replies, {
              language: result.session.language ?? "zh-Hans",
              pacer,
              logger,
              ...(options.mediaPath ? { mediaPath: options.mediaPath } : {}),
            });
          } catch (error) {
            // A send failure, not a failed message: the saved step asks again with the contact's next message.
            logger.error({ err: error instanceof Error ? error.message : String(error), messageId: message.id }, "the replies to a WeChat message could not be sent");
          }
        }
      } finally {
        inFlight.delete(message.id);
      }
    });
  }

  wechaty.on("message", (message) => {
    const work = handle(message)
      .catch((error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error), messageId: message.id }, "a WeChat message could not be handled");
      })
      .finally(() => {
        pending.delete(work);
        options.onHandled?.();
      });
    pending.add(work);
  });
  wechaty.on("scan", (qrcode, status) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    state = "waiting for scan";
    options.onScan?.(qrcode);
  });
  wechaty.on("login", (user) => {
    state = "logged in";
    logger.info({ account: user.name() }, "wechat account logged in");
    options.onHandled?.();
  });
  wechaty.on("logout", (user, reason) => {
    state = "logged out";
    logger.warn({ account: user.name(), reason: reason ?? null }, "wechat account logged out; scan the new QR code to log in again");
  });
  wechaty.on("error", (error) => {
    logger.warn({ err: error.message }, "wechaty reported an error");
  });

  return {
    wechaty,
    sender,
    dialog,
    state: () => state,
    async start() {
      try {
        await wechaty.start();
        if (state === "starting") state = wechaty.isLoggedIn ? "logged in" : "not logged in";
      } catch (error) {
        state = `down: ${error instanceof Error ? error.message : String(error)}`;
        throw error;
      }
    },
    async stop() {
      await Promise.allSettled([...pending]);
      await wechaty.stop();
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async housekeeping() {
      await stores.updates.prune(new Date(now().getTime() - HANDLED_RETENTION_MS));
    },
  };
}
