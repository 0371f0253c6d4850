import nodemailer from "nodemailer";
import type { ChannelSender, SendResult } from "../../core/index.ts";
import { renderEmail } from "./render-email.ts";

/** SMTP answers that will not change on a retry: 5xx (no such mailbox, relaying denied) and a malformed envelope. */
function isPermanent(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  return (typeof responseCode === "number" && responseCode >= 500 && responseCode < 600) || code === "EENVELOPE";
}

/**
 * The e-mail channel: a customer's message to the address they gave on the ticket (the outbox
 * worker resolves it), over SMTP with nodemailer (`SMTP_URL`, e.g.
 * `smtps://user:pass@smtp.example.com`). E-mail has no quiet hours.
 */
export function createEmailSender(options: { smtpUrl: string; from: string; publicUrl: string | null }): ChannelSender & { close(): void } {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    channel: "email",
    async send(target, message): Promise<SendResult> {
      if (target.kind !== "customer") return { status: "failed", reason: "e-mail goes to customers only" };
      const mail = renderEmail({
        language: message.language,
        name: target.customer.name,
        notification: message.notification,
        rendered: message.rendered,
        publicUrl: options.publicUrl,
      });
      try {
        const info = await transport.sendMail({ from: options.from, to: target.externalId, subject: mail.subject, text: mail.text, html: mail.html });
        return { status: "sent", externalMessageId: info.messageId };
      } catch (error) {
        // SMTP answers quote the address; the reason reaches logs and the staff timeline.
        const reason = `SMTP: ${error instanceof Error ? error.message : String(error)}`.replace(/[^\s<>@"']+@/g, "***@").slice(0, 300);
        return isPermanent(error) ? { status: "failed", reason } : { status: "retry", reason };
      }
    },
    close: () => transport.close(),
  };
}
