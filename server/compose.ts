import { randomUUID } from "node:crypto";
import { createCore, type Core } from "../core/index.ts";
import { createSlaService, DEFAULT_SLA_POLICIES, defaultCalendar } from "../core/sla/index.ts";
import type { Channel, Classification } from "../core/tickets/types.ts";
import { createStores, openDatabase, type Database } from "../db/index.ts";
import { ensureAppSecret } from "./app-secret.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { createTokenSigner } from "./token-signer.ts";

export type Desk = {
  core: Core;
  db: Database;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

/**
 * The composition root: config → database → stores → core → HTTP (and, when configured,
 * the bots). Everything is built here once and passed down; nothing reads globals.
 */
export async function composeDesk(options: {
  config: Config;
  logger: Logger;
  classify: (text: string) => Classification;
  clock?: { now(): Date };
}): Promise<Desk> {
  const { config, logger } = options;
  const db = await openDatabase(config.databaseUrl);
  const newId = () => randomUUID();
  const stores = createStores(db, newId);
  const staffRoomChannels: Channel[] = [
    ...(config.telegram?.staffChatId ? (["telegram"] as const) : []),
    ...(config.wechat?.staffRoom ? (["wechat"] as const) : []),
  ];
  const core = createCore({
    ...stores,
    clock: options.clock ?? { now: () => new Date() },
    newId,
    signer: createTokenSigner(ensureAppSecret(config.dataDir, config.appSecret)),
    classify: options.classify,
    settings: {
      timeZone: config.timeZone,
      publicUrl: config.publicUrl,
      numberPrefix: config.ticketPrefix,
      reopenWindowDays: 14,
      surveyValidDays: 7,
      chaseIntervalMinutes: 60,
      staffRoomChannels,
      sla: createSlaService({ calendar: defaultCalendar(), policies: DEFAULT_SLA_POLICIES }),
      autoCloseDays: 7,
      returnVisitDays: 3,
    },
  });
  const app = createApp({
    core,
    logger,
    rateLimit: config.publicRateLimit,
    checkDatabase: async () => {
      await db.$queryRawUnsafe("SELECT 1");
      return true;
    },
  });
  return {
    core,
    db,
    app,
    async close() {
      await db.$disconnect();
    },
  };
}
