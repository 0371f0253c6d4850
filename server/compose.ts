import { randomUUID } from "node:crypto";
import { createCore, type Core } from "../core/index.ts";
import { createKnowledgeBase, type KnowledgeBase } from "../core/kb/index.ts";
import { recordDeliveryFailure } from "../core/notifications/record-delivery-failure.ts";
import { loadSlaSettings } from "../core/settings/sla-settings.ts";
import type { Channel, Classification } from "../core/tickets/types.ts";
import { createStores, openDatabase, type Database } from "../db/index.ts";
import { createArticleStore } from "../db/article-store.ts";
import { createOutboxStore } from "../db/outbox-store.ts";
import { createSettingsStore } from "../db/settings-store.ts";
import { ensureAppSecret } from "./app-secret.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { coreSettings } from "./core-settings.ts";
import type { Logger } from "./logger.ts";
import type { ChannelSender } from "../core/index.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox/outbox-worker.ts";
import { mountPortal, type MountPortalOptions } from "./portal/mount.ts";
import { jiebaSearchSegmenter } from "./portal/segmenter.ts";
import { createScheduler } from "./scheduler.ts";
import { createDeskTelegram, mountTelegramWebhook } from "./telegram.ts";
import { createTokenSigner } from "./token-signer.ts";

export type Desk = {
  core: Core;
  db: Database;
  app: ReturnType<typeof createApp>;
  outbox: OutboxWorker;
  knowledgeBase: KnowledgeBase;
  /** Resolves once the portal's Astro handler is loaded (it loads lazily otherwise). */
  portalReady(): Promise<void>;
  /** Starts the background work: outbox delivery and the scheduler. */
  start(): void;
  close(): Promise<void>;
};

/**
 * The composition root: config → database → stores → core → HTTP, outbox worker and
 * scheduler (and, when configured, the bots). Everything is built here once and passed
 * down; nothing reads globals.
 */
export async function composeDesk(options: {
  config: Config;
  logger: Logger;
  classify: (text: string) => Classification;
  clock?: { now(): Date };
  /** Delivery adapters of the enabled chat channels. */
  senders?: ChannelSender[];
  /** Portal build and abuse-limit settings (tests tune them). */
  portal?: Pick<MountPortalOptions, "build" | "limits">;
}): Promise<Desk> {
  const { config, logger } = options;
  const db = await openDatabase(config.databaseUrl);
  const newId = () => randomUUID();
  const stores = createStores(db, newId);
  const settingsStore = createSettingsStore(db);
  const clock = options.clock ?? { now: () => new Date() };
  const staffRoomChannels: Channel[] = [
    ...(config.telegram?.staffChatId ? (["telegram"] as const) : []),
    ...(config.wechat?.staffRoom ? (["wechat"] as const) : []),
  ];
  const core = createCore({
    ...stores,
    clock,
    newId,
    signer: createTokenSigner(ensureAppSecret(config.dataDir, config.appSecret)),
    classify: options.classify,
    settings: coreSettings({ timeZone: config.timeZone, publicUrl: config.publicUrl, numberPrefix: config.ticketPrefix, staffRoomChannels }),
  });
  await loadSlaSettings(settingsStore, core.deps.settings);

  // The bot kicks the outbox after each update so replies to others go out at once.
  let kickOutbox = () => {};
  // One knowledge base (and one search cache) for the portal's FAQ and the bots' /faq.
  const knowledgeBase = createKnowledgeBase({ store: createArticleStore(db), clock, segment: jiebaSearchSegmenter });
  const telegram = createDeskTelegram({ config, core, db, logger, knowledgeBase, onHandled: () => kickOutbox() });
  const outbox = createOutboxWorker({
    store: createOutboxStore(db),
    customers: stores.customers,
    staff: stores.staff,
    senders: [...(options.senders ?? []), ...(telegram ? [telegram.sender] : [])],
    clock,
    logger,
    staffLanguage: "zh-Hans",
    timeZone: config.timeZone,
    publicUrl: config.publicUrl,
    onPermanentFailure: async (row, reason) => {
      if (!row.ticketId) return;
      await recordDeliveryFailure(core.deps, { ticketId: row.ticketId, recipient: row.recipient, channel: row.channel, reason, notification: row.notification?.kind ?? null });
    },
  });
  kickOutbox = () => outbox.kick();
  const scheduler = createScheduler({ deps: core.deps, logger, onPass: () => outbox.kick() });

  const app = createApp({
    core,
    logger,
    rateLimit: config.publicRateLimit,
    trustProxy: config.trustProxy,
    settings: settingsStore,
    checkDatabase: async () => {
      await db.$queryRawUnsafe("SELECT 1");
      return true;
    },
  });
  if (telegram) mountTelegramWebhook(app, telegram);
  // Last: the portal answers every path the API and webhooks did not claim.
  const portal = await mountPortal(app, { core, db, config, logger, knowledgeBase, ...options.portal });
  return {
    core,
    db,
    app,
    outbox,
    knowledgeBase,
    portalReady: () => portal.ready(),
    start() {
      outbox.start();
      scheduler.start();
      telegram?.start().catch((error: unknown) => logger.error({ err: error }, "telegram failed to start"));
    },
    async close() {
      await telegram?.stop();
      await scheduler.stop();
      await outbox.stop();
      await db.$disconnect();
    },
  };
}
