import { z } from "zod";

/**
 * The environment, parsed once at start-up (contracts.md lists the names). Everything is
 * optional: with no configuration the desk serves the API and portal on port 3000 with the
 * embedded database under ./data.
 */
const rateLimitSchema = z
  .string()
  .trim()
  .regex(/^(off|\d+\s*\/\s*(s|sec|second|min|minute|h|hour))$/i, "use e.g. 30/min, 5/s, 1000/hour or off")
  .transform((value) => {
    if (value.toLowerCase() === "off") return null;
    const [count, unit] = value.split("/").map((part) => part.trim().toLowerCase());
    const seconds = unit?.startsWith("s") ? 1 : unit?.startsWith("m") ? 60 : 3600;
    return { points: Number(count), durationSeconds: seconds };
  });

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: optionalString,
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  APP_SECRET: optionalString.pipe(z.string().min(16, "APP_SECRET must be at least 16 characters").optional()),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: z.string().default("https://api.telegram.org"),
  TELEGRAM_STAFF_CHAT_ID: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  /** The bot's @username for the portal's contact links; asked from Telegram (getMe) at start when unset. */
  TELEGRAM_BOT_USERNAME: optionalString.pipe(z.string().regex(/^@?[A-Za-z0-9_]{5,32}$/, "a Telegram username, e.g. desk_bot").optional()),
  WECHATY_PUPPET: optionalString,
  WECHAT_STAFF_ROOM: optionalString,
  /** The WeChat ID customers add; shown on the portal when the WeChat channel is on. */
  WECHAT_ID: optionalString,
  ADMIN_TELEGRAM_IDS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean)),
  PUBLIC_RATE_LIMIT: z.string().default("30/min").pipe(rateLimitSchema),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Unset: readable lines in a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  TIME_ZONE: z.string().default("Asia/Shanghai"),
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value) => ["1", "true", "yes"].includes(value.trim().toLowerCase())),
  TICKET_PREFIX: z.string().regex(/^[A-Z]{1,6}$/).default("SR"),
  DESK_HOTLINE: optionalString.pipe(z.string().max(40, "DESK_HOTLINE must be at most 40 characters").optional()),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  appSecret?: string;
  telegram?: { token: string; apiRoot: string; staffChatId?: string; webhookSecret?: string; username?: string };
  wechat?: { puppet: string; staffRoom?: string; id?: string };
  adminTelegramIds: string[];
  publicRateLimit: { points: number; durationSeconds: number } | null;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Unset: decided by whether stdout is a terminal (server/logger.ts). */
  logFormat?: "json" | "pretty";
  timeZone: string;
  ticketPrefix: string;
  trustProxy: boolean;
  /** The desk's phone number shown to customers when no supervisor could be alerted (DESK_HOTLINE). */
  deskHotline?: string;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? `file:${e.DATA_DIR}/app.db`,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    ...(e.APP_SECRET ? { appSecret: e.APP_SECRET } : {}),
    ...(e.TELEGRAM_BOT_TOKEN
      ? {
          telegram: {
            token: e.TELEGRAM_BOT_TOKEN,
            apiRoot: e.TELEGRAM_API_ROOT,
            ...(e.TELEGRAM_STAFF_CHAT_ID ? { staffChatId: e.TELEGRAM_STAFF_CHAT_ID } : {}),
            ...(e.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: e.TELEGRAM_WEBHOOK_SECRET } : {}),
            ...(e.TELEGRAM_BOT_USERNAME ? { username: e.TELEGRAM_BOT_USERNAME.replace(/^@/, "") } : {}),
          },
        }
      : {}),
    ...(e.WECHATY_PUPPET
      ? { wechat: { puppet: e.WECHATY_PUPPET, ...(e.WECHAT_STAFF_ROOM ? { staffRoom: e.WECHAT_STAFF_ROOM } : {}), ...(e.WECHAT_ID ? { id: e.WECHAT_ID } : {}) } }
      : {}),
    adminTelegramIds: e.ADMIN_TELEGRAM_IDS,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    ...(e.LOG_FORMAT ? { logFormat: e.LOG_FORMAT } : {}),
    timeZone: e.TIME_ZONE,
    ticketPrefix: e.TICKET_PREFIX,
    trustProxy: e.TRUST_PROXY,
    ...(e.DESK_HOTLINE ? { deskHotline: e.DESK_HOTLINE } : {}),
  };
}
