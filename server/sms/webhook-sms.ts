import type { SendResult } from "../../core/index.ts";
import { SMS_TIMEOUT_MS, type SmsProvider } from "./sms-provider.ts";

/**
 * Any other gateway, through an HTTP endpoint of the operator's: one JSON POST per message,
 * `{"phone", "text", "kind", "ticketNumber"}` (with `Authorization: Bearer <SMS_WEBHOOK_TOKEN>`
 * when set). A 2xx is sent; 408, 429 and 5xx are retried; any other 4xx is a refusal.
 */
export function createWebhookSms(options: { url: string; token?: string }): SmsProvider {
  return {
    name: "webhook",
    needsTemplates: false,
    async send(request): Promise<SendResult> {
      const response = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify({ phone: request.phone, text: request.text, kind: request.kind, ticketNumber: request.ticketNumber }),
        signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      const detail = (await response.text().catch(() => "")).slice(0, 200);
      if (response.ok) return { status: "sent" };
      const reason = `SMS webhook HTTP ${response.status}${detail ? `: ${detail}` : ""}`;
      if (response.status === 408 || response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.headers.get("retry-after"));
        return { status: "retry", reason, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { afterSeconds: retryAfter } : {}) };
      }
      return { status: "failed", reason };
    },
  };
}
