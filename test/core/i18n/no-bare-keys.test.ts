import { describe, expect, it } from "vitest";
import { en } from "../../../core/i18n/en.ts";
import { translate, type MessageKey } from "../../../core/i18n/index.ts";
import { escalationReason, renderNotification } from "../../../core/i18n/render-notification.ts";
import type { EscalationReason, Notification, NotificationKind } from "../../../core/notifications/notification.ts";
import { LANGUAGES, TICKET_STATUSES, type TicketStatus } from "../../../core/tickets/types.ts";

/**
 * No reader ever sees a catalog key or a code instead of words: not a key passed through
 * (`notify.escalation.reopened`), not a value that is just its key's last word (`reopened`,
 * which is what the staff room read after /reopen), not a code of a closed union.
 */
const KEYS = Object.keys(en) as MessageKey[];
const CONTEXT = { timeZone: "Asia/Shanghai", publicUrl: "http://desk.test" };
const NUMBER = "SR202611240001";
const TOKEN = "c3VydmV5LTE.abcDEF123_-";
const REASONS: readonly EscalationReason[] = [{ kind: "sla_breached" }, { kind: "repeated_complaint" }, { kind: "reopened" }, { kind: "note", text: "VIP" }];

/** Every kind, and every variant of the closed unions inside one (reasons, who reopened, statuses). */
function everyNotification(): Notification[] {
  const at = new Date("2026-11-25T06:00:00Z");
  const one: { readonly [K in NotificationKind]: (status: TicketStatus) => Extract<Notification, { kind: K }>[] } = {
    "customer.accepted": () => [{ kind: "customer.accepted", number: NUMBER }],
    "customer.assigned": () => [
      { kind: "customer.assigned", number: NUMBER, assigneeName: "Lin" },
      { kind: "customer.assigned", number: NUMBER, assigneeName: null },
    ],
    "customer.scheduled": () => [{ kind: "customer.scheduled", number: NUMBER, appointmentAt: at }],
    "customer.status": (status) => [{ kind: "customer.status", number: NUMBER, status }],
    "customer.reply": () => [{ kind: "customer.reply", number: NUMBER, text: "明天上门" }],
    "customer.resolved": () => [{ kind: "customer.resolved", number: NUMBER, resolution: "换了电容" }],
    "customer.closed": () => [
      { kind: "customer.closed", number: NUMBER, resolution: "", reopenWindowDays: 14 },
      { kind: "customer.closed", number: NUMBER, resolution: "换了电容", reopenWindowDays: 14 },
    ],
    "customer.rejected": () => [{ kind: "customer.rejected", number: NUMBER, reason: "已停产" }],
    "customer.cancelled": () => [{ kind: "customer.cancelled", number: NUMBER, reason: "" }],
    "customer.reopened": () => [{ kind: "customer.reopened", number: NUMBER }],
    "customer.survey": () => [{ kind: "customer.survey", number: NUMBER, surveyId: "s", surveyToken: TOKEN }],
    "customer.survey_reminder": () => [{ kind: "customer.survey_reminder", number: NUMBER, surveyId: "s", surveyToken: TOKEN }],
    "staff.new_ticket": () => [{ kind: "staff.new_ticket", number: NUMBER, urgency: "urgent", category: "return_exchange", name: "王芳", description: "漏水" }],
    "staff.chased": (status) => [{ kind: "staff.chased", number: NUMBER, count: 2, status }],
    "staff.escalated": () => REASONS.map((reason) => ({ kind: "staff.escalated", number: NUMBER, reason })),
    "staff.reopened": (status) => (["customer", "staff", "system"] as const).map((by) => ({ kind: "staff.reopened", number: NUMBER, by, status })),
    "staff.follow_up": () => [{ kind: "staff.follow_up", number: NUMBER, originalNumber: "SR202611010001" }],
    "staff.customer_cancelled": () => [
      { kind: "staff.customer_cancelled", number: NUMBER, reason: "" },
      { kind: "staff.customer_cancelled", number: NUMBER, reason: "不需要了" },
    ],
    "staff.assigned_to_you": () => [{ kind: "staff.assigned_to_you", number: NUMBER, description: "漏水" }],
    "staff.customer_message": () => [{ kind: "staff.customer_message", number: NUMBER, text: "还是不制冷", files: [] }],
    "staff.delivery_failed": () => [{ kind: "staff.delivery_failed", number: NUMBER, reason: "403" }],
    "staff.sla_warning": () => [{ kind: "staff.sla_warning", number: NUMBER, clock: "first_response", dueAt: at }],
    "staff.sla_breached": () => [{ kind: "staff.sla_breached", number: NUMBER, clock: "resolution", dueAt: at }],
    "staff.low_score": () => [{ kind: "staff.low_score", number: NUMBER, score: 1, comment: "慢", dueAt: at }],
    "staff.low_score_comment": () => [{ kind: "staff.low_score_comment", number: NUMBER, score: 2, comment: "慢" }],
    "staff.return_visit_due": () => [{ kind: "staff.return_visit_due", number: NUMBER, name: "王芳" }],
    "staff.urgent_report": () => [{ kind: "staff.urgent_report", number: NUMBER, category: "repair", name: "王芳", description: "有煤气味" }],
    "staff.follow_up_due": () => [{ kind: "staff.follow_up_due", number: NUMBER, dueAt: new Date("2026-11-25T02:00:00Z") }],
    "staff.calendar_running_out": () => [{ kind: "staff.calendar_running_out", year: 2027, weekendsOnlyFrom: "2027-01-01" }],
    "staff.digest": () => [{ kind: "staff.digest", tickets: [{ number: NUMBER, urgency: "normal", category: "repair", name: "王芳", summary: "冰箱不制冷" }] }],
  };
  const all = new Map<string, Notification>();
  for (const make of Object.values(one)) {
    for (const status of TICKET_STATUSES) for (const notification of make(status)) all.set(JSON.stringify(notification), notification);
  }
  return [...all.values()];
}

/** Codes of the closed unions a message could leak (in_progress, sla_breached…), as whole words. */
const CODES = new Set<string>([
  ...TICKET_STATUSES.filter((status) => status.includes("_")),
  ...KEYS.flatMap((key) => {
    const last = key.split(".").at(-1) ?? key;
    return /^[a-z]+(_[a-z]+)+$/.test(last) ? [last] : [];
  }),
]);

describe("no bare catalog keys reach a reader", () => {
  it("has no message, status or timeline text that is its own key or its key's last word", () => {
    const bare: string[] = [];
    for (const language of LANGUAGES) {
      // Labels such as "optional" or a role's "agent" are words; these families stand for a code.
      for (const key of KEYS.filter((candidate) => /^(notify|event|status|bot\.event)\./.test(candidate))) {
        const value = translate(language, key);
        if (value === key || value === key.split(".").at(-1)) bare.push(`${language} ${key} = ${JSON.stringify(value)}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it("describes every escalation reason in words, never by its code", () => {
    for (const language of LANGUAGES) {
      for (const reason of REASONS.filter((candidate) => candidate.kind !== "note")) {
        expect(escalationReason(language, reason), `${reason.kind} in ${language}`).not.toBe(reason.kind);
      }
    }
  });

  it("renders every notification kind and variant in every language without a key, code or placeholder", () => {
    const problems: string[] = [];
    for (const notification of everyNotification()) {
      for (const language of LANGUAGES) {
        const { text, buttons = [], links = [] } = renderNotification(language, notification, CONTEXT);
        const words = [text, ...buttons.map((button) => button.label), ...links.map((link) => link.label)].join("\n");
        const where = `${notification.kind} ${JSON.stringify(notification)} in ${language}`;
        if (/\{\w+\}/.test(words)) problems.push(`${where}: placeholder in ${JSON.stringify(words)}`);
        for (const key of KEYS) if (words.includes(key)) problems.push(`${where}: key ${key}`);
        for (const token of words.match(/[A-Za-z_]+/g) ?? []) if (CODES.has(token)) problems.push(`${where}: code ${token}`);
        // Chinese readers see no English word that the message's parameters did not bring (chat and npm commands, acronyms aside).
        if (language !== "en") {
          const latin = (text.replace(/https?:\/\/\S+/g, "").replace(/SR\d+/g, "").replace(/\/[a-z]+[^。\n]*/g, "").replace(/npm run [^。，\n]*/g, "").match(/[A-Za-z]{3,}/g) ?? []).filter(
            (word) => word !== word.toUpperCase() && !JSON.stringify(notification).includes(word),
          );
          if (latin.length > 0) problems.push(`${where}: English words ${latin.join(", ")}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
