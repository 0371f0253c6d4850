import { randomUUID } from "node:crypto";
import { loadChineseDaysSchedules } from "../content/holidays/load-chinese-days.ts";
import { createCore, jiebaSearchSegmenter, type AuditLog, type Channel, type Classification, type Clock, type Core, type TokenSigner } from "../core/index.ts";
import { createStores, openDatabase, type Database, type Stores } from "../db/index.ts";
import { ensureAppSecret } from "./app-secret.ts";
import type { Config } from "./config.ts";
import { contactChannelsOf } from "./contact-senders.ts";
import { coreSettings } from "./core-settings.ts";
import { createTokenSigner } from "./token-signer.ts";
import { createCredentials } from "./console/credentials.ts";

export type ComposedCore = { core: Core; db: Database; stores: Stores; signer: TokenSigner; clock: Clock };

/**
 * The database, its stores and the core over them, as the desk (server/compose.ts) and the
 * command-line tools (scripts/) build them: one recipe, so a CLI command acts with the same
 * rules and settings as the running desk.
 */
export async function composeCore(options: {
  config: Config;
  classify: (text: string) => Classification;
  clock?: Clock;
  /** Where audit lines go (changes outside any ticket, e.g. a staff member renamed). */
  audit?: AuditLog;
}): Promise<ComposedCore> {
  const { config } = options;
  const db = await openDatabase(config.databaseUrl);
  const newId = () => randomUUID();
  const stores = createStores(db, newId);
  const clock = options.clock ?? { now: () => new Date() };
  const { staffRoomChannels, staffChatChannels } = staffChannelsOf(config);
  const signer = createTokenSigner(ensureAppSecret(config.dataDir, config.appSecret));
  const core = createCore({
    ...stores,
    segment: jiebaSearchSegmenter,
    clock,
    newId,
    signer,
    credentials: createCredentials(),
    classify: options.classify,
    ...(options.audit ? { audit: options.audit } : {}),
    settings: coreSettings({
      timeZone: config.timeZone,
      // Links to localhost reach no customer: without PUBLIC_URL the core hands out none.
      publicUrl: config.publicUrlConfigured ? config.publicUrl : null,
      numberPrefix: config.ticketPrefix,
      staffRoomChannels,
      // SMS and e-mail to portal and API customers: only what the configured channels can deliver.
      contactChannels: contactChannelsOf(config),
      staffChatChannels,
      // The chat channels that run: the bots staff also use, and WeCom customer service (customers only).
      chatChannels: [...staffChatChannels, ...(config.wecom ? (["wecom"] as const) : [])],
      ...(config.deskHotline ? { deskHotline: config.deskHotline } : {}),
      holidaySchedules: loadChineseDaysSchedules(),
      chatIntakeLimit: config.chatReportLimit ? { reports: config.chatReportLimit.points, windowSeconds: config.chatReportLimit.durationSeconds } : null,
      // Staff sign-in links work on the desk's own address too (a console used on the LAN).
      consoleUrl: config.publicUrl,
    }),
  });
  await core.sla.load();
  return { core, db, stores, signer, clock };
}

/**
 * The chat channels the core plans staff messages on, from the configuration. Staff-room
 * notifications go to the staff room of every chat channel that has one configured; staff are
 * messaged privately on every chat channel whose bot runs, with or without a staff room. The
 * desk checks at start that each has a sender (server/compose.ts).
 */
export function staffChannelsOf(config: Pick<Config, "telegram" | "wechat">): { staffRoomChannels: Channel[]; staffChatChannels: Channel[] } {
  return {
    staffRoomChannels: [...(config.telegram?.staffChatId ? (["telegram"] as const) : []), ...(config.wechat?.staffRoom ? (["wechat"] as const) : [])],
    staffChatChannels: [...(config.telegram ? (["telegram"] as const) : []), ...(config.wechat ? (["wechat"] as const) : [])],
  };
}
