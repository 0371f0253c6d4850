import { ticketNumberOf, translate, type Language, type MessageKey, type Notification, type RenderedMessage } from "../../core/index.ts";

export type RenderedEmail = { subject: string; text: string; html: string };

const SUBJECTS: Partial<Record<Notification["kind"], MessageKey>> = {
  "customer.accepted": "mail.subject.customer.accepted",
  "customer.scheduled": "mail.subject.customer.scheduled",
  "customer.reply": "mail.subject.customer.reply",
  "customer.resolved": "mail.subject.customer.resolved",
  "customer.closed": "mail.subject.customer.closed",
  "customer.survey": "mail.subject.customer.survey",
  "customer.survey_reminder": "mail.subject.customer.survey_reminder",
};

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Text with its links made clickable (the links are ours: the survey page, the ticket page). */
function paragraphHtml(text: string, links: readonly string[]): string {
  let html = escapeHtml(text);
  for (const url of links) html = html.split(escapeHtml(url)).join(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
  return `<p>${html.replace(/\n/g, "<br>")}</p>`;
}

/**
 * A customer's notification as an e-mail in their language: a subject naming the ticket and
 * what happened, a greeting, the same text the chat channels send (the survey with its link),
 * where to follow the ticket (when the desk has a public address), and why they got it.
 */
export function renderEmail(options: {
  language: Language;
  name: string;
  notification: Notification;
  rendered: RenderedMessage;
  publicUrl: string | null;
}): RenderedEmail {
  const { language, notification, rendered } = options;
  const t = (key: MessageKey, params?: Record<string, string>) => translate(language, key, params);
  const number = ticketNumberOf(notification) ?? "";
  const links = (rendered.links ?? []).map((link) => link.url).filter((url) => !rendered.text.includes(url));
  const trackUrl = options.publicUrl ? `${options.publicUrl.replace(/\/+$/, "")}/track/${number}` : null;
  const paragraphs = [
    t("mail.greeting", { name: options.name }),
    rendered.text,
    ...links,
    ...(trackUrl ? [t("mail.track", { link: trackUrl })] : []),
    t("mail.footer", { number }),
  ];
  const allLinks = [...(rendered.links ?? []).map((link) => link.url), ...(trackUrl ? [trackUrl] : [])];
  return {
    subject: t(SUBJECTS[notification.kind] ?? "mail.subject.other", { number }),
    text: `${paragraphs.join("\n\n")}\n`,
    html: `<!doctype html><html lang="${language}"><body>${paragraphs.map((paragraph) => paragraphHtml(paragraph, allLinks)).join("")}</body></html>`,
  };
}
