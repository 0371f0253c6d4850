import type { SendResult } from "../../core/index.ts";

/**
 * One text message as a gateway takes it: the phone on the ticket (digits as the core stores
 * them: mainland mobiles without +86, others with their country code), the rendered text, and
 * the approved template with its parameters filled in when the operator mapped one.
 */
export type SmsRequest = {
  phone: string;
  text: string;
  template?: { code: string; params: Record<string, string> | string[] };
  /** For a gateway that wants to know what it carries (the webhook passes these on). */
  kind: string;
  ticketNumber: string;
};

/**
 * The one interface every SMS gateway implements (Aliyun, Tencent Cloud, a webhook):
 * `sent` with the gateway's id, `retry` for throttling and outages, `failed` for a refusal
 * (an invalid number, a template not approved), which is recorded on the ticket.
 */
export type SmsProvider = {
  name: "aliyun" | "tencent" | "webhook";
  /** Whether the provider sends approved templates only (then a kind without a template cannot go). */
  needsTemplates: boolean;
  send(request: SmsRequest): Promise<SendResult>;
};

/** A gateway request that may hang is abandoned after this long and retried later. */
export const SMS_TIMEOUT_MS = 15_000;

/** Mainland mobile numbers are stored as 11 digits starting with 1; everything else carries its country code. */
export function e164(phone: string): string {
  return /^1\d{10}$/.test(phone) ? `+86${phone}` : `+${phone}`;
}
