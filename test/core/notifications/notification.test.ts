import { describe, expect, it } from "vitest";
import { renderNotification } from "../../../core/i18n/render-notification.ts";
import { parseStoredNotification, ticketNumberOf, type Notification, type NotificationKind } from "../../../core/notifications/notification.ts";
import { LANGUAGES } from "../../../core/tickets/types.ts";

const NUMBER = "SR202611240001";
const CONTEXT = { timeZone: "Asia/Shanghai", publicUrl: "http://desk.test/" };
const TOKEN = "c3VydmV5LTE.abcDEF123_-";
const PHOTO = { storagePath: "uploads/2026/11/leak.jpg", fileName: "leak.jpg", mimeType: "image/jpeg" };

/** One notification of every kind: a new kind fails the typecheck here until it has an example. */
const EXAMPLES: { readonly [K in NotificationKind]: Extract<Notification, { kind: K }> } = {
  "customer.accepted": { kind: "customer.accepted", number: NUMBER },
  "customer.assigned": { kind: "customer.assigned", number: NUMBER, assigneeName: "Lin" },
  "customer.scheduled": { kind: "customer.scheduled", number: NUMBER, appointmentAt: new Date("2026-11-25T06:00:00Z") },
  "customer.status": { kind: "customer.status", number: NUMBER, status: "in_progress" },
  "customer.reply": { kind: "customer.reply", number: NUMBER, text: "We come tomorrow." },
  "customer.resolved": { kind: "customer.resolved", number: NUMBER, resolution: "capacitor replaced" },
  "customer.closed": { kind: "customer.closed", number: NUMBER, resolution: "capacitor replaced", reopenWindowDays: 14 },
  "customer.rejected": { kind: "customer.rejected", number: NUMBER, reason: "The warranty does not cover this." },
  "customer.cancelled": { kind: "customer.cancelled", number: NUMBER, reason: "duplicate" },
  "customer.reopened": { kind: "customer.reopened", number: NUMBER },
  "customer.survey": { kind: "customer.survey", number: NUMBER, surveyId: "survey-1", surveyToken: TOKEN },
  "customer.survey_reminder": { kind: "customer.survey_reminder", number: NUMBER, surveyId: "survey-1", surveyToken: TOKEN },
  "staff.new_ticket": { kind: "staff.new_ticket", number: NUMBER, urgency: "urgent", category: "repair", name: "王芳", description: "空调不制冷" },
  "staff.chased": { kind: "staff.chased", number: NUMBER, count: 2, status: "accepted" },
  "staff.escalated": { kind: "staff.escalated", number: NUMBER, reason: { kind: "sla_breached" } },
  "staff.reopened": { kind: "staff.reopened", number: NUMBER, by: "customer", status: "in_progress" },
  "staff.follow_up": { kind: "staff.follow_up", number: NUMBER, originalNumber: "SR202611010003" },
  "staff.customer_cancelled": { kind: "staff.customer_cancelled", number: NUMBER, reason: "bought a new one" },
  "staff.assigned_to_you": { kind: "staff.assigned_to_you", number: NUMBER, description: "空调不制冷" },
  "staff.customer_message": { kind: "staff.customer_message", number: NUMBER, text: "[照片]", files: [PHOTO] },
  "staff.delivery_failed": { kind: "staff.delivery_failed", number: NUMBER, reason: "403: Forbidden: bot was blocked by the user" },
  "staff.sla_warning": { kind: "staff.sla_warning", number: NUMBER, clock: "resolution", dueAt: new Date("2026-11-24T10:00:00Z") },
  "staff.sla_breached": { kind: "staff.sla_breached", number: NUMBER, clock: "first_response", dueAt: new Date("2026-11-24T04:00:00Z") },
  "staff.low_score": { kind: "staff.low_score", number: NUMBER, score: 1, comment: "Too slow.", dueAt: new Date("2026-11-25T02:00:00Z") },
  "staff.low_score_comment": { kind: "staff.low_score_comment", number: NUMBER, score: 2, comment: "The technician came a day late." },
  "staff.return_visit_due": { kind: "staff.return_visit_due", number: NUMBER, name: "王芳" },
  "staff.urgent_report": { kind: "staff.urgent_report", number: NUMBER, category: "repair", name: "王芳", description: "有煤气味" },
  "staff.follow_up_due": { kind: "staff.follow_up_due", number: NUMBER, dueAt: new Date("2026-11-25T02:00:00Z") },
  "staff.calendar_running_out": { kind: "staff.calendar_running_out", year: 2027, weekendsOnlyFrom: "2027-01-01" },
  "staff.digest": { kind: "staff.digest", tickets: [{ number: NUMBER, urgency: "normal", category: "repair", name: "王芳", summary: "冰箱不制冷" }] },
};

const CODES = /\b(in_progress|first_response|sla_breached|repair|urgent|customer\.|staff\.|notify\.)/;

describe("rendering notifications", () => {
  it("renders every kind in every language, with no placeholder or code left in the text", () => {
    for (const notification of Object.values(EXAMPLES)) {
      for (const language of LANGUAGES) {
        const { text } = renderNotification(language, notification, CONTEXT);
        // Every kind but the calendar warning is about a ticket and names it.
        if (ticketNumberOf(notification) !== undefined) expect(text, `${notification.kind} in ${language}`).toContain(NUMBER);
        expect(text, `${notification.kind} in ${language}`).not.toMatch(/\{\w+\}/);
        expect(text, `${notification.kind} in ${language}`).not.toMatch(CODES);
      }
    }
  });

  it("reads as the catalog texts did, with instants in the desk's zone", () => {
    const en = (notification: Notification) => renderNotification("en", notification, CONTEXT).text;
    expect(en(EXAMPLES["customer.scheduled"])).toBe(`A visit for ticket ${NUMBER} is scheduled for 25 Nov 2026, 14:00.`);
    expect(en(EXAMPLES["customer.status"])).toBe(`Ticket ${NUMBER} is now: Work under way. The technician is working on it.`);
    expect(en({ kind: "customer.assigned", number: NUMBER, assigneeName: null })).toBe(`Your ticket ${NUMBER} has been assigned to not yet assigned.`);
    expect(en(EXAMPLES["staff.sla_breached"])).toBe(`SLA breached: the first response of ticket ${NUMBER} was due 24 Nov 2026, 12:00.`);
    expect(en(EXAMPLES["staff.escalated"])).toBe(`Ticket ${NUMBER} escalated: SLA breached`);
    expect(en({ kind: "staff.escalated", number: NUMBER, reason: { kind: "note", text: "customer is a VIP" } })).toBe(`Ticket ${NUMBER} escalated: customer is a VIP`);
    expect(renderNotification("zh-Hans", EXAMPLES["staff.new_ticket"], CONTEXT).text).toBe(`新工单 ${NUMBER} [紧急/维修] 来自 王芳：空调不制冷`);
    expect(renderNotification("zh-Hant", EXAMPLES["staff.low_score"], CONTEXT).text).toBe(
      `工單 ${NUMBER} 收到低滿意度評分 1/5。Too slow. 請主管在 2026年11月25日 10:00 前跟進。`,
    );
  });

  it("tells staff from which day the calendar counts weekends only, and how to import the year", () => {
    const calendar = EXAMPLES["staff.calendar_running_out"];
    expect(renderNotification("en", calendar, CONTEXT).text).toBe(
      "No official holiday schedule is loaded for 2027: from 1 Jan 2027, SLA due times count weekends only (no public holidays, no make-up working days). " +
        "An admin can import the 2027 schedule with npm run calendar -- import <file> or POST /api/staff/settings/sla/holidays.",
    );
    expect(renderNotification("zh-Hans", calendar, CONTEXT).text).toContain("自 2027年1月1日 起，SLA 时限只按周末计算");
    expect(renderNotification("zh-Hant", calendar, CONTEXT).text).toContain("自 2027年1月1日 起，SLA 時限只按週末計算");
  });

  it("makes the survey link and the 1–5 buttons from the token", () => {
    const rendered = renderNotification("zh-Hans", EXAMPLES["customer.survey"], CONTEXT);
    const url = `http://desk.test/survey/${TOKEN}`;
    expect(rendered.text).toBe(`请为工单 ${NUMBER} 的服务打分（1–5 分）：${url}`);
    expect(rendered.links).toEqual([{ label: "服务评价", url }]);
    expect(rendered.buttons).toEqual(
      [1, 2, 3, 4, 5].map((score) => ({ label: String(score), action: { kind: "survey_score", number: NUMBER, surveyId: "survey-1", surveyToken: TOKEN, score } })),
    );
  });

  it("gives staff posts of new tickets their buttons and relayed messages their files", () => {
    expect(renderNotification("en", EXAMPLES["staff.new_ticket"], CONTEXT).buttons?.map((button) => ("action" in button ? button.action : button))).toEqual([
      { kind: "take", number: NUMBER },
      { kind: "assign_menu", number: NUMBER },
      { kind: "urgency_menu", number: NUMBER },
    ]);
    expect(renderNotification("en", EXAMPLES["staff.customer_message"], CONTEXT).files).toEqual([PHOTO]);
    expect(renderNotification("en", { ...EXAMPLES["staff.customer_message"], files: [] }, CONTEXT).files).toBeUndefined();
  });
});

describe("the stored form of a notification", () => {
  it("survives the JSON round trip of an outbox row, dates included", () => {
    for (const notification of Object.values(EXAMPLES)) {
      expect(parseStoredNotification(JSON.parse(JSON.stringify(notification)))).toEqual({ notification });
    }
  });

  it("reads rows stored before notifications were typed as the same messages", () => {
    const legacy = (key: string, params: Record<string, string | number | null>) => parseStoredNotification({ key, params }).notification;
    expect(legacy("notify.customer.accepted", { number: NUMBER, status: "accepted" })).toEqual(EXAMPLES["customer.accepted"]);
    expect(legacy("notify.customer.assigned", { number: NUMBER, assignee: null })).toEqual({ kind: "customer.assigned", number: NUMBER, assigneeName: null });
    expect(legacy("notify.customer.scheduled", { number: NUMBER, appointment: "2026-11-25T06:00:00.000Z" })).toEqual(EXAMPLES["customer.scheduled"]);
    expect(legacy("notify.customer.survey", { number: NUMBER, surveyId: "survey-1", link: `http://desk.test/survey/${TOKEN}` })).toEqual(EXAMPLES["customer.survey"]);
    expect(legacy("notify.staff.new_ticket", { number: NUMBER, urgency: "urgent", category: "repair", name: "王芳", description: "空调不制冷" })).toEqual(
      EXAMPLES["staff.new_ticket"],
    );
    expect(legacy("notify.staff.escalated", { number: NUMBER, reason: "SLA breached" })).toEqual(EXAMPLES["staff.escalated"]);
    expect(legacy("notify.staff.escalated", { number: NUMBER, reason: "customer is a VIP" })).toMatchObject({ reason: { kind: "note", text: "customer is a VIP" } });
    expect(legacy("notify.staff.customer_message", { number: NUMBER, text: "[照片]", attachments: 1, files: JSON.stringify([PHOTO]) })).toEqual(
      EXAMPLES["staff.customer_message"],
    );
    expect(legacy("notify.staff.customer_message", { number: NUMBER, text: "hi" })).toEqual({ kind: "staff.customer_message", number: NUMBER, text: "hi", files: [] });
    expect(legacy("notify.staff.sla_breached", { number: NUMBER, clock: "clock.first_response", dueAt: "2026-11-24T04:00:00.000Z" })).toEqual(
      EXAMPLES["staff.sla_breached"],
    );
    expect(legacy("notify.staff.low_score", { number: NUMBER, score: 1, comment: "Too slow.", dueAt: "2026-11-25T02:00:00.000Z" })).toEqual(EXAMPLES["staff.low_score"]);
  });

  it("names what it cannot read instead of guessing", () => {
    expect(parseStoredNotification({ key: "notify.customer.teleported", params: { number: NUMBER } })).toMatchObject({
      notification: null,
      unreadable: expect.stringContaining("customer.teleported"),
    });
    expect(parseStoredNotification({ kind: "customer.scheduled", number: NUMBER, appointmentAt: "tomorrow" })).toMatchObject({ notification: null });
    expect(parseStoredNotification("not json")).toMatchObject({ notification: null });
  });
});
