import { describe, expect, it } from "vitest";
import { describeEvent } from "../../../core/i18n/describe-event.ts";
import { parseEventDetails } from "../../../core/tickets/event-details.ts";
import { LANGUAGES, type EventOfType, type TicketEventType } from "../../../core/tickets/types.ts";

const CONTEXT = { timeZone: "Asia/Shanghai" };
const FILE = { storagePath: "uploads/2026/11/leak.jpg", fileName: "leak.jpg", mimeType: "image/jpeg", sizeBytes: 2048 };
const CROSSING = { clock: "resolution" as const, dueAt: new Date("2026-11-24T10:00:00Z"), crossedAt: new Date("2026-11-24T08:24:00Z") };

/** The details of one event of every type: a new type fails the typecheck here until it has one. */
const EXAMPLES: { readonly [T in TicketEventType]: EventOfType<T> } = {
  created: { type: "created", data: { classification: { category: "repair", urgency: "high", confidence: 0.8, reasons: ["cue: 漏水"] } } },
  status_changed: { type: "status_changed" },
  assigned: { type: "assigned", data: { assigneeId: "s-1", assigneeName: "Lin", previousAssigneeId: null } },
  transferred: { type: "transferred", data: { assigneeId: "s-2", assigneeName: "Zhao", previousAssigneeId: "s-1" } },
  note: { type: "note", data: { returnVisit: "unreached", attempt: 1, nextAttemptAt: new Date("2026-11-28T11:30:00Z") } },
  reply: { type: "reply" },
  customer_message: { type: "customer_message", data: { attachments: [FILE] } },
  chased: { type: "chased", data: { count: 2 } },
  urgency_changed: { type: "urgency_changed", data: { from: "normal", to: "high", reason: "repeated chase" } },
  category_changed: { type: "category_changed", data: { from: "repair", to: "installation", correction: true } },
  corrected: { type: "corrected" },
  approved: { type: "approved" },
  rejected: { type: "rejected" },
  escalated: { type: "escalated", data: { cause: "repeated_complaint" } },
  reopened: { type: "reopened" },
  follow_up: { type: "follow_up", data: { relation: "of", number: "SR202611240001" } },
  cancelled: { type: "cancelled" },
  closed: { type: "closed" },
  appointment_set: { type: "appointment_set", data: { appointmentAt: new Date("2026-11-25T06:00:00Z") } },
  sla_warning: { type: "sla_warning", data: CROSSING },
  sla_breached: { type: "sla_breached", data: CROSSING },
  clock_paused: { type: "clock_paused", data: { clock: "resolution" } },
  clock_resumed: { type: "clock_resumed", data: { clock: "resolution" } },
  survey_sent: { type: "survey_sent", data: { surveyId: "survey-1" } },
  survey_answered: { type: "survey_answered", data: { surveyId: "survey-1", score: 4, comment: "准时" } },
  survey_commented: { type: "survey_commented", data: { surveyId: "survey-1", score: 2 } },
  notification_failed: { type: "notification_failed", data: { recipient: "customer", channel: "telegram", notification: "customer.reply" } },
  customer_unreachable: { type: "customer_unreachable", data: { channel: "wecom", notification: "customer.reply", sms: false } },
  supervisors_alerted: { type: "supervisors_alerted", data: { supervisors: [{ id: "s-3", name: "Wu", channels: ["telegram"] }] } },
  follow_up_done: { type: "follow_up_done", data: { tasks: 1 } },
};

describe("timeline events", () => {
  it("read back from their stored JSON as they were written, dates included", () => {
    for (const details of Object.values(EXAMPLES)) {
      const stored = "data" in details ? (JSON.parse(JSON.stringify(details.data)) as unknown) : undefined;
      expect(parseEventDetails(details.type, stored), details.type).toEqual(details);
    }
  });

  it("read rows written before the details were typed", () => {
    expect(parseEventDetails("notification_failed", { recipient: "customer", channel: "telegram", messageKey: "notify.customer.reply" })).toEqual(EXAMPLES.notification_failed);
    expect(parseEventDetails("escalated", undefined)).toEqual({ type: "escalated" });
    expect(parseEventDetails("customer_message", { attachments: [{ storagePath: FILE.storagePath, mimeType: FILE.mimeType }] })).toEqual({
      type: "customer_message",
      data: { attachments: [{ storagePath: FILE.storagePath, mimeType: FILE.mimeType, fileName: "" }] },
    });
    // A type without details ignores whatever was stored with it.
    expect(parseEventDetails("reply", { something: 1 })).toEqual({ type: "reply" });
  });

  it("refuse what they cannot read: an unknown type, or details that do not fit", () => {
    expect(parseEventDetails("teleported", {})).toBeNull();
    expect(parseEventDetails("assigned", { assigneeName: "Lin" })).toBeNull();
    expect(parseEventDetails("appointment_set", { appointmentAt: "tomorrow" })).toBeNull();
  });

  it("are described to staff in every language, never as a raw type", () => {
    for (const details of Object.values(EXAMPLES)) {
      for (const language of LANGUAGES) {
        const text = describeEvent(language, { ...details, fromStatus: "new", toStatus: "accepted" }, CONTEXT);
        expect(text, `${details.type} in ${language}`).not.toMatch(/\{\w+\}/);
        expect(text, `${details.type} in ${language}`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
        if (language !== "en") expect(text, `${details.type} in ${language}`).not.toMatch(new RegExp(`\\b${details.type}\\b`));
      }
    }
    expect(describeEvent("en", { ...EXAMPLES.status_changed, fromStatus: "new", toStatus: "accepted" }, CONTEXT)).toBe("status: Received → Accepted");
    expect(describeEvent("en", EXAMPLES.assigned, CONTEXT)).toBe("assigned to Lin");
    expect(describeEvent("zh-Hans", EXAMPLES.created, CONTEXT)).toBe("工单创建 [高/维修]");
    expect(describeEvent("en", EXAMPLES.note, CONTEXT)).toBe("return visit: customer not reached (attempt 1), next attempt 28 Nov 2026, 19:30");
    expect(describeEvent("en", EXAMPLES.sla_warning, CONTEXT)).toBe("SLA warning: resolution due 24 Nov 2026, 18:00");
    expect(describeEvent("zh-Hant", EXAMPLES.escalated, CONTEXT)).toBe("已升級：4 小時內重複投訴");
  });
});
