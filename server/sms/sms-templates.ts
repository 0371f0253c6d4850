import { z } from "zod";
import { SMS_KINDS, type NotificationKind } from "../../core/index.ts";

/**
 * What a template parameter may be filled with: the ticket number, the visit time (desk-local,
 * in the customer's language) or the survey link. Nothing personal, nothing free-form: mainland
 * providers approve templates and the kinds of values that go into them.
 */
export const SMS_TEMPLATE_VALUES = ["number", "appointment", "link"] as const;
export type SmsTemplateValue = (typeof SMS_TEMPLATE_VALUES)[number];

/**
 * One approved template: its code (Aliyun `SMS_123456789`, Tencent a numeric template id) and
 * its parameters, named (Aliyun: `{"no": "number"}`) or in order (Tencent: `["number"]`).
 */
export type SmsTemplate = { code: string; params: Record<string, SmsTemplateValue> | SmsTemplateValue[] };

/** The operator's map from notification kind to template (SMS_TEMPLATES). */
export type SmsTemplates = Partial<Record<NotificationKind, SmsTemplate>>;

const value = z.enum(SMS_TEMPLATE_VALUES);
const template = z.object({
  code: z.string().trim().min(1),
  params: z.union([z.record(z.string().min(1), value), z.array(value)]).default({}),
});

/** Parses SMS_TEMPLATES; throws a sentence naming what is wrong (start-up refuses bad configuration). */
export function parseSmsTemplates(json: string): SmsTemplates {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("SMS_TEMPLATES is not JSON");
  }
  const parsed = z.record(z.string(), template).safeParse(raw);
  if (!parsed.success) throw new Error(`SMS_TEMPLATES: ${z.prettifyError(parsed.error)}`);
  const templates: SmsTemplates = {};
  for (const [kind, entry] of Object.entries(parsed.data)) {
    if (!(SMS_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`SMS_TEMPLATES: "${kind}" is not sent by SMS; use ${SMS_KINDS.join(", ")}`);
    }
    templates[kind as NotificationKind] = entry;
  }
  return templates;
}

/** A template's parameters filled in, in the shape the provider takes (named or ordered). */
export function fillTemplate(template: SmsTemplate, values: Record<SmsTemplateValue, string>): Record<string, string> | string[] {
  if (Array.isArray(template.params)) return template.params.map((name) => values[name]);
  return Object.fromEntries(Object.entries(template.params).map(([key, name]) => [key, values[name]]));
}

/** Whether a template needs the survey link (it cannot be sent without PUBLIC_URL). */
export function usesLink(template: SmsTemplate): boolean {
  return (Array.isArray(template.params) ? template.params : Object.values(template.params)).includes("link");
}
