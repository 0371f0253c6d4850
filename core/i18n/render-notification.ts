import type { EscalationReason, Notification } from "../notifications/notification.ts";
import type { FileReference, Language } from "../tickets/types.ts";
import { describeWeekendsOnly } from "./describe-calendar-coverage.ts";
import { formatDateTime } from "./format-date.ts";
import { translate, type MessageKey, type MessageParams } from "./index.ts";

/**
 * What rendering needs besides the message: the desk's time zone and the base of customer
 * links, null when the desk has no public address (PUBLIC_URL unset): links to localhost
 * would reach nobody, so the survey then goes without one (chat buttons or replies answer it).
 */
export type RenderContext = { timeZone: string; publicUrl: string | null };

/** What pressing a chat button does; each channel encodes it in its own button data. */
export type ButtonAction =
  | { kind: "survey_score"; number: string; surveyId: string; surveyToken: string; score: number }
  /** The customer confirms the fix (resolved → closed) … */
  | { kind: "fixed"; number: string }
  /** … or says it is not fixed (back to work; a follow-up ticket after the reopen window). */
  | { kind: "not_fixed"; number: string }
  | { kind: "take"; number: string }
  | { kind: "assign_menu"; number: string }
  | { kind: "urgency_menu"; number: string };

export type MessageButton = { label: string; url: string } | { label: string; action: ButtonAction };

/** A stored file to send with the message (path relative to DATA_DIR). */
export type MessageFile = FileReference & { caption?: string };

export type MessageLink = { label: string; url: string };

/**
 * A notification as the reader gets it: the text (complete on its own, for text-only
 * channels), and the parts a richer channel may show around it — buttons in one row, files
 * under the text, links.
 */
export type RenderedMessage = { text: string; buttons?: MessageButton[]; files?: MessageFile[]; links?: MessageLink[] };

/** Where a customer answers a survey: the portal page of its signed token. */
export function surveyUrl(publicUrl: string, surveyToken: string): string {
  return `${publicUrl.replace(/\/$/, "")}/survey/${surveyToken}`;
}

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Renders a notification in a language. Instants are shown in the desk's time zone; codes
 * (status, category, urgency, SLA clock) in the reader's words. The switch is exhaustive:
 * a new kind of notification does not typecheck until it is rendered here.
 */
export function renderNotification(language: Language, notification: Notification, context: RenderContext): RenderedMessage {
  const t = (key: MessageKey, params?: MessageParams) => translate(language, key, params);
  const at = (instant: Date) => formatDateTime(instant, language, context.timeZone);
  if (notification.kind === "staff.calendar_running_out") {
    return { text: describeWeekendsOnly(language, notification) };
  }
  if (notification.kind === "staff.digest") {
    // One line per merged post, so no ticket is left out; buttons belong to single posts.
    const lines = notification.tickets.map((entry) =>
      t("notify.staff.digest.line", {
        number: entry.number,
        urgency: t(`urgency.${entry.urgency}`),
        category: t(`category.${entry.category}`),
        name: entry.name,
        summary: entry.summary,
      }),
    );
    return { text: [t("notify.staff.digest", { count: notification.tickets.length }), ...lines].join("\n") };
  }
  // Every other kind is about one ticket.
  const { number } = notification;
  switch (notification.kind) {
    case "customer.accepted":
      return { text: t("notify.customer.accepted", { number }) };
    case "customer.assigned":
      return { text: t("notify.customer.assigned", { number, assignee: notification.assigneeName || t("value.unassigned") }) };
    case "customer.scheduled":
      return { text: t("notify.customer.scheduled", { number, appointment: at(notification.appointmentAt) }) };
    case "customer.status":
      return { text: t("notify.customer.status", { number, status: t(`customer.status.${notification.status}`), next: t(`customer.status.${notification.status}.next`) }) };
    case "customer.reply":
      return { text: t("notify.customer.reply", { number, text: notification.text }) };
    case "customer.resolved":
      return {
        text: t("notify.customer.resolved", { number, resolution: notification.resolution }),
        buttons: [
          { label: t("bot.fix.button.fixed"), action: { kind: "fixed", number } },
          { label: t("bot.fix.button.not_fixed"), action: { kind: "not_fixed", number } },
        ],
      };
    case "customer.closed":
      return {
        text: t(notification.resolution ? "notify.customer.closed_with_resolution" : "notify.customer.closed", {
          number,
          resolution: notification.resolution,
          days: notification.reopenWindowDays,
        }),
        buttons: [{ label: t("bot.fix.button.not_fixed"), action: { kind: "not_fixed", number } }],
      };
    case "customer.rejected":
      return { text: t("notify.customer.rejected", { number, reason: notification.reason }) };
    case "customer.cancelled":
      return { text: t("notify.customer.cancelled", { number, reason: notification.reason }) };
    case "customer.reopened":
      return { text: t("notify.customer.reopened", { number }) };
    case "customer.survey":
    case "customer.survey_reminder": {
      const { surveyId, surveyToken } = notification;
      const buttons = SCORES.map((score) => ({ label: String(score), action: { kind: "survey_score" as const, number, surveyId, surveyToken, score } }));
      const isReminder = notification.kind === "customer.survey_reminder";
      if (context.publicUrl === null) {
        return { text: t(isReminder ? "notify.customer.survey_reminder_no_link" : "notify.customer.survey_no_link", { number }), buttons };
      }
      const url = surveyUrl(context.publicUrl, surveyToken);
      return {
        text: t(isReminder ? "notify.customer.survey_reminder" : "notify.customer.survey", { number, link: url }),
        buttons,
        links: [{ label: t("portal.survey.title"), url }],
      };
    }
    case "staff.new_ticket":
      return {
        text: t("notify.staff.new_ticket", {
          number,
          urgency: t(`urgency.${notification.urgency}`),
          category: t(`category.${notification.category}`),
          name: notification.name,
          description: notification.description,
        }),
        buttons: [
          { label: t("bot.staff.button.take"), action: { kind: "take", number } },
          { label: t("bot.staff.button.assign"), action: { kind: "assign_menu", number } },
          { label: t("bot.staff.button.urgency"), action: { kind: "urgency_menu", number } },
        ],
      };
    case "staff.chased":
      return { text: t("notify.staff.chased", { number, count: notification.count, status: t(`status.${notification.status}`) }) };
    case "staff.escalated":
      return { text: t("notify.staff.escalated", { number, reason: escalationReason(language, notification.reason) }) };
    case "staff.reopened":
      return { text: t(`notify.staff.reopened_by_${notification.by}`, { number, status: t(`status.${notification.status}`) }) };
    case "staff.follow_up":
      return { text: t("notify.staff.follow_up", { number, original: notification.originalNumber }) };
    case "staff.customer_cancelled":
      return { text: t(notification.reason ? "notify.staff.customer_cancelled_because" : "notify.staff.customer_cancelled", { number, reason: notification.reason }) };
    case "staff.assigned_to_you":
      return { text: t("notify.staff.assigned_to_you", { number, description: notification.description }) };
    case "staff.customer_message":
      return {
        text: t("notify.staff.customer_message", { number, text: notification.text }),
        ...(notification.files.length > 0 ? { files: notification.files.map((file) => ({ ...file })) } : {}),
      };
    case "staff.delivery_failed":
      return { text: t("notify.staff.delivery_failed", { number, reason: notification.reason }) };
    case "staff.sla_warning":
    case "staff.sla_breached":
      return {
        text: t(notification.kind === "staff.sla_warning" ? "notify.staff.sla_warning" : "notify.staff.sla_breached", {
          number,
          clock: t(`clock.${notification.clock}`),
          dueAt: at(notification.dueAt),
        }),
      };
    case "staff.low_score":
      return { text: t("notify.staff.low_score", { number, score: notification.score, comment: notification.comment, dueAt: at(notification.dueAt) }) };
    case "staff.low_score_comment":
      return { text: t("notify.staff.low_score_comment", { number, score: notification.score, comment: notification.comment }) };
    case "staff.return_visit_due":
      return { text: t("notify.staff.return_visit_due", { number, name: notification.name }) };
    case "staff.urgent_report":
      return {
        text: t("notify.staff.urgent_report", { number, category: t(`category.${notification.category}`), name: notification.name, description: notification.description }),
        buttons: [{ label: t("bot.staff.button.take"), action: { kind: "take", number } }],
      };
    case "staff.follow_up_due":
      return { text: t("notify.staff.follow_up_due", { number, dueAt: at(notification.dueAt) }) };
  }
}

/** Why a ticket was escalated, in the reader's words; a person's note as they wrote it. */
export function escalationReason(language: Language, reason: EscalationReason): string {
  switch (reason.kind) {
    case "sla_breached":
    case "repeated_complaint":
    case "reopened":
      return translate(language, `notify.escalation.${reason.kind}`);
    case "note":
      return reason.text;
  }
}
