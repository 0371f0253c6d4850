import { EMAIL_KINDS, SMS_KINDS, type ChannelSender, type Clock, type ContactChannels, type NotificationKind } from "../core/index.ts";
import type { Config } from "./config.ts";
import { createEmailSender } from "./email/email-sender.ts";
import { createAliyunSms } from "./sms/aliyun-sms.ts";
import type { SmsProvider } from "./sms/sms-provider.ts";
import { createSmsSender } from "./sms/sms-sender.ts";
import { usesLink, type SmsTemplates } from "./sms/sms-templates.ts";
import { createTencentSms } from "./sms/tencent-sms.ts";
import { createWebhookSms } from "./sms/webhook-sms.ts";

const SURVEY_KINDS: readonly NotificationKind[] = ["customer.survey", "customer.survey_reminder"];

/**
 * What the configured SMS gateway and SMTP server can deliver, for the core to plan only
 * that: a template provider sends the kinds it has templates for; a survey needs a link, so
 * without PUBLIC_URL no survey goes by SMS or e-mail (the ticket page still offers it).
 */
export function contactChannelsOf(config: Pick<Config, "sms" | "mail" | "publicUrlConfigured">): ContactChannels {
  const linkable = (kind: NotificationKind) => config.publicUrlConfigured || !SURVEY_KINDS.includes(kind);
  const templates: SmsTemplates = config.sms && config.sms.provider !== "webhook" ? config.sms.templates : {};
  const sms = !config.sms
    ? []
    : SMS_KINDS.filter((kind) => {
        if (config.sms?.provider === "webhook") return linkable(kind);
        const template = templates[kind];
        return template !== undefined && (config.publicUrlConfigured || !usesLink(template)) && linkable(kind);
      });
  const email = config.mail ? EMAIL_KINDS.filter(linkable) : [];
  return { sms, email };
}

export function smsProvider(sms: NonNullable<Config["sms"]>, clock: Clock): SmsProvider {
  switch (sms.provider) {
    case "aliyun":
      return createAliyunSms({ ...sms, clock });
    case "tencent":
      return createTencentSms({ ...sms, clock });
    case "webhook":
      return createWebhookSms(sms);
  }
}

/** The senders of the configured contact channels (SMS, e-mail), for the outbox worker. */
export function createContactSenders(config: Pick<Config, "sms" | "mail" | "publicUrl" | "publicUrlConfigured" | "timeZone">, clock: Clock): {
  senders: ChannelSender[];
  close(): void;
} {
  const senders: ChannelSender[] = [];
  if (config.sms) {
    const templates = config.sms.provider === "webhook" ? {} : config.sms.templates;
    senders.push(createSmsSender({ provider: smsProvider(config.sms, clock), templates, timeZone: config.timeZone }));
  }
  const email = config.mail ? createEmailSender({ ...config.mail, publicUrl: config.publicUrlConfigured ? config.publicUrl : null }) : null;
  if (email) senders.push(email);
  return { senders, close: () => email?.close() };
}
