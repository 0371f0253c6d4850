/**
 * Wires the WeChat bot (Wechaty) into the desk: the puppet named by WECHATY_PUPPET, its
 * session file under DATA_DIR, the login QR code in the terminal and as a link in the log,
 * the attachment storage, SMS codes for typed phones, and the pacing of sends. The
 * composition root calls {@link createDeskWechat} when WECHATY_PUPPET is set, gives
 * `wechat.sender` to the outbox worker and calls `wechat.start()` with the other background work.
 */
import { randomUUID } from "node:crypto";
import { join, resolve } from "node:path";
import qrcodeTerminal from "qrcode-terminal";
import { qrcodeValueToImageUrl, WechatyBuilder, type Wechaty, type WechatyOptions } from "wechaty";
import { createWechatBot, type PacingClock, type WechatBot } from "../bot/wechat/index.ts";
import type { BotStores, KnowledgeBaseSearch, SaveAttachment } from "../bot/shared/types.ts";
import { AppError, type Clock, type Core } from "../core/index.ts";
import { createBotStores } from "../db/bot-stores.ts";
import type { Database } from "../db/index.ts";
import { createAttachmentStorage, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_LABEL, writeWhole } from "./attachments.ts";
import { createBackgroundLoop, type BackgroundLoop } from "./background-loop.ts";
import type { Config } from "./config.ts";
import { smsProvider } from "./contact-senders.ts";
import type { Logger } from "./logger.ts";
import { createPhoneCodes } from "./sms/phone-codes.ts";

export type DeskWechatOptions = {
  config: Config;
  core: Core;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** E.g. `() => outbox.kick()`: deliver what a message enqueued without waiting for the next poll. */
  onHandled?: () => void;
  knowledgeBase?: KnowledgeBaseSearch;
  /** Test seams: a Wechaty built by the test (a mock puppet with a mocker), the pacing clock, where the QR code is printed. */
  wechaty?: Wechaty;
  pacingClock?: PacingClock;
  printQr?: (text: string) => void;
};

/** Builds the bot (not started); null when WECHATY_PUPPET is unset. */
export function createDeskWechat(options: DeskWechatOptions): WechatBot | null {
  const { config, core, db, clock } = options;
  const settings = config.wechat;
  if (!settings) return null;
  const logger = options.logger.child({ component: "wechat" });
  const wechaty = options.wechaty ?? WechatyBuilder.build(wechatyOptions(config));
  const stores: BotStores = createBotStores(db);
  // In a terminal, under the log lines; otherwise on stderr, so stdout stays one JSON object per line for collectors.
  const printQr = options.printQr ?? ((text: string) => (process.stdout.isTTY ? process.stdout : process.stderr).write(`${text}\n`));
  const phoneCodes = config.sms
    ? createPhoneCodes({ provider: smsProvider(config.sms, clock), clock, ...(config.sms.provider !== "webhook" && config.sms.verifyTemplate ? { templateCode: config.sms.verifyTemplate } : {}) })
    : null;
  if (config.sms && !phoneCodes) {
    logger.warn("SMS is on but SMS_VERIFY_TEMPLATE is not set: WeChat customers cannot verify a typed phone, so their tickets are not joined to the same phone's tickets on other channels");
  }
  return createWechatBot({
    wechaty,
    core,
    stores,
    saveAttachment: wechatAttachmentStorage(config.dataDir),
    mediaPath: createAttachmentStorage({ dataDir: config.dataDir }).pathOf,
    ...(settings.staffRoom ? { staffRoomTopic: settings.staffRoom } : {}),
    ...(settings.staffRoomId ? { staffRoomId: settings.staffRoomId } : {}),
    logger,
    ...(phoneCodes ? { phoneCodes } : {}),
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
    pacing: { intervalMs: settings.sendIntervalMs, ...(options.pacingClock ? { clock: options.pacingClock } : {}) },
    onScan(qrcode) {
      // The link opens the QR code as an image, for a desk run without a terminal at hand.
      logger.info({ qrcodeUrl: qrcodeValueToImageUrl(qrcode) }, "scan the QR code with the WeChat account of the desk to log in");
      qrcodeTerminal.generate(qrcode, { small: true }, (art) => printQr(art));
    },
    ...(options.onHandled ? { onHandled: options.onHandled } : {}),
  });
}

/** How often the bot's upkeep pass runs (it prunes handled message ids kept for a few days). */
export const WECHAT_HOUSEKEEPING_INTERVAL_MS = 5 * 60_000;

/** The bot's upkeep pass, run every `intervalMs` by the process (bot/ owns no timers); a failed pass is logged. */
export function wechatHousekeeping(wechat: Pick<WechatBot, "housekeeping">, logger: Logger, intervalMs = WECHAT_HOUSEKEEPING_INTERVAL_MS): BackgroundLoop {
  return createBackgroundLoop({
    pass: () => wechat.housekeeping(),
    intervalMs,
    onError: (error) => logger.warn({ err: error }, "wechat housekeeping failed"),
  });
}

/**
 * The puppet by its npm name, its token when it needs one, and `name`: Wechaty keeps the
 * login session in `<name>.memory-card.json`, here `$DATA_DIR/wechaty.memory-card.json`, so a
 * restart logs in again without a scan where the puppet supports it.
 */
export function wechatyOptions(config: Config): WechatyOptions {
  const settings = config.wechat;
  if (!settings) throw new Error("WECHATY_PUPPET is not set");
  return {
    name: join(resolve(config.dataDir), "wechaty"),
    puppet: settings.puppet as NonNullable<Extract<WechatyOptions, { puppet?: string }>["puppet"]>,
    ...(settings.puppetToken ? { puppetOptions: { token: settings.puppetToken } } : {}),
  } as WechatyOptions;
}

/**
 * Photos go through the portal's storage (type checked by content). Voice notes (SILK, AMR,
 * MP3, OGG) and PDF files, which the portal never receives, are kept as they are next to
 * them, their type taken from their first bytes; anything else is refused like an unknown
 * photo type.
 */
export function wechatAttachmentStorage(dataDir: string): SaveAttachment {
  const photos = createAttachmentStorage({ dataDir });
  return async (input) => {
    const kept = keptAsIs(input.bytes);
    if (!kept) return photos.saveAttachment(input);
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new AppError("payload_too_large", { params: { limit: MAX_ATTACHMENT_LABEL }, detail: `${input.bytes.byteLength} bytes` });
    }
    const at = new Date();
    const storagePath = `uploads/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}.${kept.extension}`;
    // Whole or not at all, and a full disk is the domain's `unavailable`, as for photos.
    await writeWhole(join(dataDir, storagePath), input.bytes);
    return { fileName: `${kept.name}.${kept.extension}`, mimeType: kept.mimeType, sizeBytes: input.bytes.byteLength, storagePath };
  };
}

function keptAsIs(bytes: Uint8Array): { mimeType: string; extension: string; name: string } | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === "OggS") return { mimeType: "audio/ogg", extension: "oga", name: "voice" };
  // WeChat voice: SILK v3, often behind one 0x02 byte.
  if (ascii(0, 9) === "#!SILK_V3" || ascii(1, 10) === "#!SILK_V3") return { mimeType: "audio/silk", extension: "silk", name: "voice" };
  if (ascii(0, 6) === "#!AMR\n") return { mimeType: "audio/amr", extension: "amr", name: "voice" };
  if (ascii(0, 3) === "ID3" || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return { mimeType: "audio/mpeg", extension: "mp3", name: "voice" };
  if (ascii(0, 5) === "%PDF-") return { mimeType: "application/pdf", extension: "pdf", name: "document" };
  return null;
}
