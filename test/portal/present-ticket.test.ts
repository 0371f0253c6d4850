import { describe, expect, it } from "vitest";
import type { PublicTicketView } from "../../core/index.ts";
import { presentTicket } from "../../server/portal/present-ticket.ts";
import { translatorFor } from "../../server/portal/translate.ts";

const view = (status: PublicTicketView["status"], extra: Partial<PublicTicketView> = {}): PublicTicketView => ({
  number: "SR202611240001",
  status,
  category: "repair",
  urgency: "normal",
  product: null,
  description: "空调不制冷",
  phone: "138****8000",
  createdAt: "2026-11-24T02:00:00.000Z",
  updatedAt: "2026-11-24T02:00:00.000Z",
  assigneeName: null,
  appointmentAt: null,
  dueAt: "2026-12-03T02:00:00.000Z",
  resolution: null,
  resolvedAt: null,
  closedAt: null,
  timeline: [],
  canChase: status !== "closed" && status !== "resolved" && status !== "cancelled",
  canWrite: status !== "closed" && status !== "cancelled",
  canConfirm: status === "resolved",
  canReportNotFixed: status === "resolved" || status === "closed",
  canCancel: status !== "closed" && status !== "resolved" && status !== "cancelled",
  followUpOf: null,
  ...extra,
});

const labelsOf = (presentation: ReturnType<typeof presentTicket>) => presentation.details.map((detail) => detail.label);
const t = translatorFor("en");
const format = (value: string | Date | null | undefined) => String(value ?? "");

describe("the ticket page's details", () => {
  it("show the expected time and the visit (or 'not yet') while the work goes on", () => {
    const open = presentTicket(view("accepted"), t, format);
    expect(labelsOf(open)).toEqual(expect.arrayContaining([t("portal.ticket.due"), t("portal.ticket.appointment")]));
  });

  it("drop the expected time, and an unset visit, once the work is done", () => {
    for (const status of ["resolved", "closed", "cancelled"] as const) {
      const done = presentTicket(view(status), t, format);
      expect(labelsOf(done)).not.toContain(t("portal.ticket.due"));
      expect(labelsOf(done)).not.toContain(t("portal.ticket.appointment"));
    }
    const visited = presentTicket(view("closed", { appointmentAt: "2026-11-25T02:00:00.000Z" }), t, format);
    expect(labelsOf(visited)).toContain(t("portal.ticket.appointment"));
  });

  it("say when a closed ticket closed, and when a resolved one was resolved", () => {
    const closed = presentTicket(view("closed", { resolvedAt: "2026-11-26T02:00:00.000Z", closedAt: "2026-11-27T02:00:00.000Z" }), t, format);
    expect(closed.details.find((detail) => detail.label === "Closed on")?.value).toBe("2026-11-27T02:00:00.000Z");
    const resolved = presentTicket(view("resolved", { resolvedAt: "2026-11-26T02:00:00.000Z" }), t, format);
    expect(resolved.details.find((detail) => detail.label === "Resolved on")?.value).toBe("2026-11-26T02:00:00.000Z");
  });
});
