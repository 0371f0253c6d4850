import type { ChannelSender, Classification, Core } from "../core/index.ts";
import type { Database } from "../db/index.ts";
import { createOutboxStore } from "../db/outbox-store.ts";
import { createApp } from "./app.ts";
import { composeCore, staffChannelsOf } from "./compose-core.ts";
import { createContactSenders } from "./contact-senders.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { createOutboxWorker, type OutboxWorker } from "./outbox/outbox-worker.ts";
import { mountPortal, type MountPortalOptions } from "./portal/mount.ts";
import { recordLeftoverSurveyScores } from "./leftover-survey-scores.ts";
import { createScheduler } from "./scheduler.ts";
import { createContactDirectory, type ContactDirectory } from "./contact-channels.ts";
import { databaseIdentity } from "./database-identity.ts";
import { maskError } from "../bot/telegram/index.ts";
import { probeDatabaseWrite } from "./health.ts";
import { createDeskTelegram, mountTelegramWebhook, telegramHousekeeping } from "./telegram.ts";
import { createDeskWecom, mountWecomCallback } from "./wecom.ts";
import { createDeskWechat, wechatHousekeeping, type DeskWechatOptions } from "./wechat.ts";
import { superviseChannel, type ChannelSupervisorOptions } from "./channel-supervisor.ts";
import { createAttachmentStorage } from "./attachments.ts";

/** Streamed uploads older than this in uploads/.incoming belong to no live request: swept at start. */
const LEFTOVER_UPLOAD_AGE_MS = 3600_000;

export type Desk = {
  core: Core;
  db: Database;
  app: ReturnType<typeof createApp>;
  outbox: OutboxWorker;
  /** Resolves once the portal's Astro handler is loaded (it loads lazily otherwise). */
  portalReady(): Promise<void>;
  /** The chat channels customers can reach the desk on, with their handles (footer, FAQ, start-up line). */
  contacts: ContactDirectory;
  /** Starts the background work: outbox delivery, the scheduler and the bots. */
  start(): void;
  /** Settles once the bots started by `start()` are up or have failed once (they are retried; the failure is logged). */
  botsStarted(): Promise<void>;
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
  /** Delivery adapters besides those built from the configuration (Telegram, SMS, e-mail). */
  senders?: ChannelSender[];
  /** Portal build and abuse-limit settings (tests tune them). */
  portal?: Pick<MountPortalOptions, "build" | "limits" | "maxUploadsInFlight">;
  /** Test seams of the WeChat bot (a Wechaty over a mock puppet, the pacing clock). */
  wechat?: Pick<DeskWechatOptions, "wechaty" | "pacingClock" | "printQr">;
  /** How the bots are retried when they fail to start or stop (tests inject the pause). */
  channelRetry?: Pick<ChannelSupervisorOptions, "backoff" | "wait">;
}): Promise<Desk> {
  const { config, logger } = options;
  const { core, db, stores, signer, clock } = await composeCore({
    config,
    classify: options.classify,
    ...(options.clock ? { clock: options.clock } : {}),
    audit: (entry) => logger.info({ audit: entry }, "audit"),
  });
  await recordLeftoverSurveyScores(core, db, logger);

  // The bot kicks the outbox after each update so replies to others go out at once.
  let kickOutbox = () => {};
  const telegram = createDeskTelegram({ config, core, db, logger, onHandled: () => kickOutbox() });
  const wecom = createDeskWecom({ config, core, db, settings: stores.settingsStore, logger, onHandled: () => kickOutbox() });
  const wechat = createDeskWechat({ config, core, db, logger, clock, onHandled: () => kickOutbox(), ...options.wechat });
  const contact = createContactSenders(config, clock);
  if (!config.publicUrlConfigured && (telegram || config.wechat || config.sms || config.mail)) {
    logger.warn(
      "PUBLIC_URL is not set: customers get no links (surveys go as chat buttons only, none by SMS or e-mail). Set PUBLIC_URL to the address customers reach the desk at, e.g. https://desk.example.com",
    );
  }
  const senders: ChannelSender[] = [...(options.senders ?? []), ...(telegram ? [telegram.sender] : []), ...(wechat ? [wechat.sender] : []), ...(wecom ? [wecom.sender] : []), ...contact.senders];
  refuseUndeliverableChannels(config, senders);
  const outbox = createOutboxWorker({
    store: createOutboxStore(db),
    customers: stores.customers,
    staff: stores.staff,
    senders,
    clock,
    logger,
    staffLanguage: "zh-Hans",
    timeZone: config.timeZone,
    // Links to localhost reach no customer: without PUBLIC_URL, messages go without links.
    publicUrl: config.publicUrlConfigured ? config.publicUrl : null,
    onPermanentFailure: async (row, reason) => {
      if (!row.ticketId) return;
      await core.recordDeliveryFailure({ ticketId: row.ticketId, recipient: row.recipient, channel: row.channel, reason, notification: row.notification?.kind ?? null });
    },
  });
  kickOutbox = () => outbox.kick();
  const scheduler = createScheduler({ runDueJobs: core.runDueJobs, logger, onPass: () => outbox.kick() });
  const housekeeping = telegram ? telegramHousekeeping(telegram, logger.child({ component: "telegram" })) : undefined;
  const wechatUpkeep = wechat ? wechatHousekeeping(wechat, logger.child({ component: "wechat" })) : undefined;

  // Started, watched and restarted with backoff; its state is what `/health` shows for the bot.
  let wechatStarted: Promise<void> = Promise.resolve();
  const telegramSupervisor = telegram
    ? superviseChannel({
        name: "telegram",
        channel: telegram,
        mode: () => (telegram.webhookHandler ? "webhook" : "polling"),
        describe: (error) => maskError(error).message,
        logger: logger.child({ component: "telegram" }),
        // getMe ran in start(): the bot's own username is the one to advertise.
        onUp: () => contacts.learnTelegramUsername(telegram.bot.botInfo.username),
        ...options.channelRetry,
      })
    : undefined;
  const app = createApp({
    core,
    logger,
    rateLimit: config.publicRateLimit,
    trustProxy: config.trustProxy,
    databaseId: databaseIdentity(config.databaseUrl).id,
    checkDatabase: () => probeDatabaseWrite(db),
    channels: (): Record<string, string> => ({ ...(telegramSupervisor ? { telegram: telegramSupervisor.state() } : {}), ...(wechat ? { wechat: wechat.state() } : {}), ...(wecom ? { wecom: wecom.state() } : {}) }),
  });
  if (telegram) mountTelegramWebhook(app, telegram);
  if (wecom) mountWecomCallback(app, wecom);
  const contacts = createContactDirectory(config);
  // Last: the portal answers every path the API and webhooks did not claim.
  const portal = await mountPortal(app, { core, signer, config, logger, contactChannels: () => contacts.list(), ...options.portal });
  return {
    core,
    db,
    app,
    outbox,
    portalReady: () => portal.ready(),
    contacts,
    botsStarted: () => Promise.all([telegramSupervisor?.firstAttempt(), wechatStarted]).then(() => undefined),
    start() {
      // A desk killed mid-upload leaves its streamed photos behind; nothing else would remove them.
      void createAttachmentStorage({ dataDir: config.dataDir, now: () => clock.now() })
        .sweepIncoming(LEFTOVER_UPLOAD_AGE_MS)
        .then((removed) => removed > 0 && logger.info({ removed }, "removed uploads left by requests that never finished"))
        .catch((error: unknown) => logger.warn({ err: error }, "could not sweep leftover uploads"));
      outbox.start();
      scheduler.start();
      housekeeping?.start();
      wecom?.start();
      wechatUpkeep?.start();
      telegramSupervisor?.start();
      if (wechat) {
        wechatStarted = wechat.start().catch((error: unknown) => {
          logger.error({ err: error }, "wechat failed to start");
        });
      }
    },
    async close() {
      await housekeeping?.stop();
      await wechatUpkeep?.stop();
      await telegramSupervisor?.stop();
      await wecom?.idle();
      await wechat?.stop().catch((error: unknown) => logger.warn({ err: error }, "wechat did not stop cleanly"));
      await scheduler.stop();
      await outbox.stop();
      contact.close();
      await db.$disconnect();
    },
  };
}

/**
 * Every channel the core plans messages on (staff rooms, staff members' private chats) has a
 * sender: a row for a channel without one would wait in the outbox forever. The configuration
 * decides both, so a mismatch is a wiring mistake, refused at start in words.
 */
export function refuseUndeliverableChannels(config: Config, senders: readonly ChannelSender[]): void {
  const { staffRoomChannels, staffChatChannels } = staffChannelsOf(config);
  const missing = [...new Set([...staffRoomChannels, ...staffChatChannels])].filter((channel) => !senders.some((sender) => sender.channel === channel));
  if (missing.length > 0) {
    throw new Error(`Invalid configuration: staff messages are planned on ${missing.join(", ")} but no sender delivers there (is the bot of that channel configured?)`);
  }
}
