/**
 * Wires the WeCom customer-service channel into the desk when WECOM_CORP_ID, WECOM_KF_SECRET,
 * WECOM_KF_TOKEN and WECOM_KF_AES_KEY are set: the bot tables, the pull cursor and each
 * customer's message window (stored as settings rows), the release of held outbox rows, the
 * attachment storage and the `/wecom/callback` route. The composition root gives
 * `wecom.sender` to the outbox worker and calls `start()` with the other background work.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Hono } from "hono";
import type { BotStores, SaveAttachment } from "../bot/shared/types.ts";
import { createWecomChannel, type WecomChannel, type WindowState } from "../bot/wecom/index.ts";
import { AppError, type Core, type SettingsStore } from "../core/index.ts";
import { createBotStores } from "../db/bot-stores.ts";
import type { Database } from "../db/index.ts";
import { createOutboxRelease } from "../db/outbox-release.ts";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_LABEL, writeWhole } from "./attachments.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { chatAttachmentStorage } from "./telegram.ts";

export const WECOM_CALLBACK_PATH = "/wecom/callback";

export type DeskWecom = WecomChannel & { start(): void };

export function createDeskWecom(options: {
  config: Config;
  core: Core;
  db: Database;
  settings: SettingsStore;
  logger: Logger;
  /** E.g. `() => outbox.kick()`: deliver what a message enqueued or released without waiting for the next poll. */
  onHandled?: () => void;
  /** Survey prompt keys (tests). */
  newKey?: () => string;
}): DeskWecom | null {
  const { config, core, db, settings } = options;
  const wecom = config.wecom;
  if (!wecom) return null;
  const logger = options.logger.child({ component: "wecom" });
  const stores: BotStores = createBotStores(db);
  const releaseHeld = createOutboxRelease(db);
  const at = () => ({ at: core.now(), by: "wecom" });
  const channel = createWecomChannel({
    corpId: wecom.corpId,
    secret: wecom.secret,
    callbackToken: wecom.callbackToken,
    aesKey: wecom.aesKey,
    apiRoot: wecom.apiRoot,
    ...(wecom.openKfid ? { openKfid: wecom.openKfid } : {}),
    core,
    stores,
    windows: {
      load: async (externalUserId) => (await settings.get(`wecom.window.${externalUserId}`)) as WindowState | null,
      save: (externalUserId, state) => settings.set(`wecom.window.${externalUserId}`, state, at()),
    },
    cursors: {
      load: async (openKfid) => {
        const value = await settings.get(`wecom.cursor.${openKfid}`);
        return typeof value === "string" ? value : null;
      },
      save: (openKfid, cursor) => settings.set(`wecom.cursor.${openKfid}`, cursor, at()),
    },
    saveAttachment: wecomAttachmentStorage(config.dataDir),
    releaseHeld: (customerId, now) => releaseHeld("wecom", customerId, now),
    logger,
    ...(options.onHandled ? { onHandled: options.onHandled } : {}),
    ...(options.newKey ? { newKey: options.newKey } : {}),
  });
  return {
    ...channel,
    start() {
      // What customers wrote while the desk was down (sync_msg keeps 3 days); without a callback token WeCom rate-limits this call.
      void channel.pull().catch(() => undefined);
    },
  };
}

export function mountWecomCallback(app: Hono, wecom: Pick<WecomChannel, "handleCallback">): void {
  app.on(["GET", "POST"], WECOM_CALLBACK_PATH, (context) => wecom.handleCallback(context.req.raw));
}

/** Voice messages come as AMR (sync_msg's default); kept beside photos like Telegram's OGG voice notes. */
export function wecomAttachmentStorage(dataDir: string): SaveAttachment {
  const others = chatAttachmentStorage(dataDir);
  return async (input) => {
    if (!isAmr(input.bytes)) return others(input);
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      throw new AppError("payload_too_large", { params: { limit: MAX_ATTACHMENT_LABEL }, detail: `${input.bytes.byteLength} bytes` });
    }
    const now = new Date();
    const storagePath = `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}.amr`;
    // Temp file + rename: never a half-written voice note; a full disk is AppError `unavailable`.
    await writeWhole(join(dataDir, storagePath), input.bytes);
    return { fileName: "voice.amr", mimeType: "audio/amr", sizeBytes: input.bytes.byteLength, storagePath };
  };
}

/** "#!AMR\n" */
function isAmr(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && Buffer.from(bytes.subarray(0, 6)).toString("latin1") === "#!AMR\n";
}
