import { z } from "zod";
import { parseSmsTemplates, type SmsTemplates } from "./sms/sms-templates.ts";

/**
 * The environment, parsed once at start-up (contracts.md lists the names). Everything is
 * optional: with no configuration the desk serves the API and portal on port 3000 with the
 * embedded database under ./data.
 */
const rateLimitSchema = z
  .string()
  .trim()
  .regex(/^(off|\d+\s*\/\s*(s|sec|second|min|minute|h|hour|d|day))$/i, "use e.g. 30/min, 5/s, 1000/hour, 20/day or off")
  .transform((value) => {
    if (value.toLowerCase() === "off") return null;
    const [count, unit] = value.split("/").map((part) => part.trim().toLowerCase());
    const seconds = unit?.startsWith("s") ? 1 : unit?.startsWith("m") ? 60 : unit?.startsWith("d") ? 86_400 : 3600;
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
  /** Empty counts as unset: never the filesystem root. */
  DATA_DIR: optionalString.transform((value) => value ?? "./data"),
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
  WECHATY_PUPPET_TOKEN: optionalString,
  WECHAT_STAFF_ROOM: optionalString,
  /** The staff room's Wechaty room id: pins it outright (a group with the same name cannot take its place). */
  WECHAT_STAFF_ROOM_ID: optionalString,
  /** At least this many milliseconds between two messages of the WeChat account (bursts get accounts banned). */
  WECHAT_SEND_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /** The WeChat ID customers add; shown on the portal when the WeChat channel is on. */
  WECHAT_ID: optionalString,
  ADMIN_TELEGRAM_IDS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean)),
  PUBLIC_RATE_LIMIT: z.string().default("30/min").pipe(rateLimitSchema),
  /** New tickets one chat account may open, e.g. 5/hour (README "Security"). */
  CHAT_REPORT_LIMIT: z.string().default("5/hour").pipe(rateLimitSchema),
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
  SMS_PROVIDER: optionalString.pipe(z.enum(["aliyun", "tencent", "webhook"], "use aliyun, tencent or webhook").optional()),
  SMS_ACCESS_KEY_ID: optionalString,
  SMS_ACCESS_KEY_SECRET: optionalString,
  SMS_SIGN_NAME: optionalString,
  SMS_REGION: optionalString,
  SMS_APP_ID: optionalString,
  SMS_API_ROOT: optionalString.pipe(z.url().optional()),
  SMS_TEMPLATES: optionalString,
  SMS_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  SMS_WEBHOOK_TOKEN: optionalString,
  /** Aliyun/Tencent: the approved template of the phone verification code (its one parameter is the code). */
  SMS_VERIFY_TEMPLATE: optionalString,
  SMTP_URL: optionalString.pipe(z.url().optional()),
  MAIL_FROM: optionalString,
  WECOM_CORP_ID: optionalString,
  WECOM_KF_SECRET: optionalString,
  WECOM_KF_TOKEN: optionalString,
  /** The callback's EncodingAESKey: 43 characters of base64 without the padding. */
  WECOM_KF_AES_KEY: optionalString.pipe(z.string().regex(/^[A-Za-z0-9+/]{43}$/, "WECOM_KF_AES_KEY is the 43-character EncodingAESKey").optional()),
  WECOM_API_ROOT: z.string().default("https://qyapi.weixin.qq.com"),
  WECOM_OPEN_KFID: optionalString,
});

const WECOM_KEYS = ["WECOM_CORP_ID", "WECOM_KF_SECRET", "WECOM_KF_TOKEN", "WECOM_KF_AES_KEY"] as const;

/** The WeCom customer-service channel: all four secrets, or none (off). */
function wecomConfig(e: z.infer<typeof envSchema>): WecomConfig | undefined {
  const missing = WECOM_KEYS.filter((name) => !e[name]);
  if (missing.length === WECOM_KEYS.length) return undefined;
  if (missing.length > 0) throw new Error(`Invalid configuration: the WeCom customer-service channel needs ${missing.join(", ")} (or none of ${WECOM_KEYS.join(", ")})`);
  return {
    corpId: e.WECOM_CORP_ID!,
    secret: e.WECOM_KF_SECRET!,
    callbackToken: e.WECOM_KF_TOKEN!,
    aesKey: e.WECOM_KF_AES_KEY!,
    apiRoot: e.WECOM_API_ROOT,
    ...(e.WECOM_OPEN_KFID ? { openKfid: e.WECOM_OPEN_KFID } : {}),
  };
}

/** WECOM_*: the official WeCom customer-service (微信客服) channel. */
export type WecomConfig = { corpId: string; secret: string; callbackToken: string; aesKey: string; apiRoot: string; openKfid?: string };

/** The SMS gateway (SMS_PROVIDER and its SMS_* settings). */
export type SmsConfig =
  | { provider: "aliyun"; accessKeyId: string; accessKeySecret: string; signName: string; region: string; apiRoot: string; templates: SmsTemplates; verifyTemplate?: string }
  | { provider: "tencent"; secretId: string; secretKey: string; signName: string; appId: string; region: string; apiRoot: string; templates: SmsTemplates; verifyTemplate?: string }
  | { provider: "webhook"; url: string; token?: string };

/** Each provider's settings, or the names of the ones missing. */
function smsConfig(e: z.infer<typeof envSchema>): SmsConfig | undefined {
  if (!e.SMS_PROVIDER) return undefined;
  const need = (names: (keyof typeof e)[]) => {
    const missing = names.filter((name) => !e[name]);
    if (missing.length) throw new Error(`Invalid configuration: SMS_PROVIDER=${e.SMS_PROVIDER} needs ${missing.join(", ")}`);
  };
  switch (e.SMS_PROVIDER) {
    case "webhook":
      need(["SMS_WEBHOOK_URL"]);
      return { provider: "webhook", url: e.SMS_WEBHOOK_URL!, ...(e.SMS_WEBHOOK_TOKEN ? { token: e.SMS_WEBHOOK_TOKEN } : {}) };
    case "aliyun":
      need(["SMS_ACCESS_KEY_ID", "SMS_ACCESS_KEY_SECRET", "SMS_SIGN_NAME", "SMS_TEMPLATES"]);
      return {
        provider: "aliyun",
        accessKeyId: e.SMS_ACCESS_KEY_ID!,
        accessKeySecret: e.SMS_ACCESS_KEY_SECRET!,
        signName: e.SMS_SIGN_NAME!,
        region: e.SMS_REGION ?? "cn-hangzhou",
        apiRoot: e.SMS_API_ROOT ?? "https://dysmsapi.aliyuncs.com",
        templates: templatesOf(e.SMS_TEMPLATES!, "named"),
        ...(e.SMS_VERIFY_TEMPLATE ? { verifyTemplate: e.SMS_VERIFY_TEMPLATE } : {}),
      };
    case "tencent":
      need(["SMS_ACCESS_KEY_ID", "SMS_ACCESS_KEY_SECRET", "SMS_SIGN_NAME", "SMS_APP_ID", "SMS_TEMPLATES"]);
      return {
        provider: "tencent",
        secretId: e.SMS_ACCESS_KEY_ID!,
        secretKey: e.SMS_ACCESS_KEY_SECRET!,
        signName: e.SMS_SIGN_NAME!,
        appId: e.SMS_APP_ID!,
        region: e.SMS_REGION ?? "ap-guangzhou",
        apiRoot: e.SMS_API_ROOT ?? "https://sms.tencentcloudapi.com",
        templates: templatesOf(e.SMS_TEMPLATES!),
        ...(e.SMS_VERIFY_TEMPLATE ? { verifyTemplate: e.SMS_VERIFY_TEMPLATE } : {}),
      };
  }
}

/** Aliyun fills templates by parameter name (`{"no": "number"}`); Tencent by position (either form; a map's values in order). */
function templatesOf(json: string, params: "named" | "any" = "any"): SmsTemplates {
  let templates: SmsTemplates;
  try {
    templates = parseSmsTemplates(json);
  } catch (error) {
    throw new Error(`Invalid configuration: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (params === "named" && Object.values(templates).some((template) => Array.isArray(template.params))) {
    throw new Error('Invalid configuration: SMS_TEMPLATES for aliyun name each parameter, e.g. {"customer.accepted":{"code":"SMS_123","params":{"no":"number"}}}');
  }
  return templates;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  publicUrl: string;
  /** False when PUBLIC_URL is unset: `publicUrl` is then localhost, fit for the server itself but never for a link sent to a customer. */
  publicUrlConfigured: boolean;
  appSecret?: string;
  telegram?: { token: string; apiRoot: string; staffChatId?: string; webhookSecret?: string; username?: string };
  wechat?: { puppet: string; puppetToken?: string; staffRoom?: string; staffRoomId?: string; id?: string; sendIntervalMs: number };
  wecom?: WecomConfig;
  adminTelegramIds: string[];
  publicRateLimit: { points: number; durationSeconds: number } | null;
  /** CHAT_REPORT_LIMIT: new tickets per chat account and window; null when `off`. */
  chatReportLimit: { points: number; durationSeconds: number } | null;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Unset: decided by whether stdout is a terminal (server/logger.ts). */
  logFormat?: "json" | "pretty";
  timeZone: string;
  ticketPrefix: string;
  trustProxy: boolean;
  /** The desk's phone number shown to customers when no supervisor could be alerted (DESK_HOTLINE). */
  deskHotline?: string;
  sms?: SmsConfig;
  /** E-mail to customers who gave an address: nodemailer's SMTP URL and the From address. */
  mail?: { smtpUrl: string; from: string };
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = result.data;
  if (e.SMTP_URL && !e.MAIL_FROM) throw new Error("Invalid configuration: SMTP_URL needs MAIL_FROM (e.g. 服务台 <desk@example.com>)");
  const sms = smsConfig(e);
  const wecom = wecomConfig(e);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? `file:${e.DATA_DIR}/app.db`,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    publicUrlConfigured: Boolean(e.PUBLIC_URL),
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
      ? {
          wechat: {
            puppet: e.WECHATY_PUPPET,
            ...(e.WECHATY_PUPPET_TOKEN ? { puppetToken: e.WECHATY_PUPPET_TOKEN } : {}),
            ...(e.WECHAT_STAFF_ROOM ? { staffRoom: e.WECHAT_STAFF_ROOM } : {}),
            ...(e.WECHAT_STAFF_ROOM_ID ? { staffRoomId: e.WECHAT_STAFF_ROOM_ID } : {}),
            ...(e.WECHAT_ID ? { id: e.WECHAT_ID } : {}),
            sendIntervalMs: e.WECHAT_SEND_INTERVAL_MS,
          },
        }
      : {}),
    ...(wecom ? { wecom } : {}),
    adminTelegramIds: e.ADMIN_TELEGRAM_IDS,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    chatReportLimit: e.CHAT_REPORT_LIMIT,
    logLevel: e.LOG_LEVEL,
    ...(e.LOG_FORMAT ? { logFormat: e.LOG_FORMAT } : {}),
    timeZone: e.TIME_ZONE,
    ticketPrefix: e.TICKET_PREFIX,
    trustProxy: e.TRUST_PROXY,
    ...(e.DESK_HOTLINE ? { deskHotline: e.DESK_HOTLINE } : {}),
    ...(sms ? { sms } : {}),
    ...(e.SMTP_URL && e.MAIL_FROM ? { mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } } : {}),
  };
}
