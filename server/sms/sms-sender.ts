import { formatDateTime, quietHoursEnd, ticketNumberOf, type ChannelSender, type SendResult } from "../../core/index.ts";
import { fillTemplate, usesLink, type SmsTemplates } from "./sms-templates.ts";
import type { SmsProvider } from "./sms-provider.ts";

/**
 * The SMS channel: a customer's message to the phone on their ticket (the outbox worker
 * resolves it), through one gateway. Nothing goes out between 21:00 and 08:00 desk-local
 * time: the worker holds the rows until the morning (`holdUntil`). Which kinds go by SMS at
 * all is the core's rule (core/notifications/contact-channels.ts), planned only for kinds this
 * channel can send (a template for each, with a template provider).
 */
export function createSmsSender(options: { provider: SmsProvider; templates: SmsTemplates; timeZone: string }): ChannelSender {
  const { provider, templates, timeZone } = options;
  return {
    channel: "sms",
    holdUntil: (now) => quietHoursEnd(now, timeZone),
    async send(target, message): Promise<SendResult> {
      if (target.kind !== "customer") return { status: "failed", reason: "SMS goes to customers only" };
      const { notification, rendered, language } = message;
      const template = templates[notification.kind];
      if (provider.needsTemplates && !template) return { status: "failed", reason: `no SMS template configured for ${notification.kind}` };
      const link = rendered.links?.[0]?.url ?? "";
      if (template && !link && usesLink(template)) return { status: "failed", reason: "the SMS template needs the survey link, but PUBLIC_URL is not set" };
      const values = {
        number: ticketNumberOf(notification) ?? "",
        appointment: notification.kind === "customer.scheduled" ? formatDateTime(notification.appointmentAt, language, timeZone) : "",
        link,
      };
      return provider.send({
        phone: target.externalId,
        text: rendered.text,
        ...(template ? { template: { code: template.code, params: fillTemplate(template, values) } } : {}),
        kind: notification.kind,
        ticketNumber: ticketNumberOf(notification) ?? "",
      });
    },
  };
}
