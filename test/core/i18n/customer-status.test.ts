import { describe, expect, it } from "vitest";
import { textOnlyDialog } from "../../bot/support/memory-bot-stores.ts";
import { customerStatus, LANGUAGES, renderNotification, TICKET_STATUSES, translate } from "../../../core/index.ts";
import { presentTicket } from "../../../server/portal/present-ticket.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

describe("statuses as customers read them", () => {
  it("has a name and one line on what happens next for every status, in all three languages", () => {
    for (const language of LANGUAGES) {
      const names = new Set<string>();
      for (const status of TICKET_STATUSES) {
        const { name, next } = customerStatus(language, status);
        expect(name, `${language} ${status}`).not.toBe("");
        expect(next, `${language} ${status}`).toMatch(language === "en" ? /^[A-Z].*\.$/ : /。$/);
        names.add(name);
      }
      // One name per status: no two statuses read alike.
      expect(names.size, language).toBe(TICKET_STATUSES.length);
    }
  });

  it("explains the approval statuses instead of showing the desk's words alone", () => {
    expect(customerStatus("zh-Hans", "awaiting_approval")).toEqual({ name: "等待审批", next: "此次维修需要先经审批（例如涉及费用或换新），有结果后会通知您。" });
    expect(customerStatus("zh-Hant", "rejected").next).toContain("客服會聯絡您說明可行的辦法");
    expect(customerStatus("en", "approved")).toEqual({ name: "Approved", next: "The repair was approved; we are arranging a technician." });
  });

  it("is what the notification, the chat's /status and the portal's ticket page say", async () => {
    const notification = renderNotification("zh-Hans", { kind: "customer.status", number: "SR202611240001", status: "awaiting_approval" }, { timeZone: "Asia/Shanghai", publicUrl: "http://desk.test" });
    expect(notification.text).toBe("工单 SR202611240001 当前状态：等待审批。此次维修需要先经审批（例如涉及费用或换新），有结果后会通知您。");

    const desk = buildCore();
    const agent = await desk.addStaff("Lin", "agent");
    const { ticket } = await desk.core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "42" } });
    await desk.core.changeStatus({ number: ticket.number, status: "awaiting_approval", initiator: agent });
    const dialog = textOnlyDialog(desk.core);
    const result = await dialog.handle(
      { channel: "telegram", eventId: "1", sender: { id: "42", displayName: "王芳", languageHint: "zh-CN" }, chat: { kind: "private", id: "42" }, messageId: "1", attachments: [], text: `/status ${ticket.number}` },
      null,
    );
    expect(result.replies[0]?.text).toContain(`工单 ${ticket.number}\n状态：等待审批\n此次维修需要先经审批（例如涉及费用或换新），有结果后会通知您。\n`);
    expect(result.replies[0]?.text).toContain("状态：等待审批");

    const view = await desk.core.publicView((await desk.deps.tickets.findByNumber(ticket.number))!);
    const page = presentTicket(view, (key, params) => translate("en", key, params), (value) => value ?? "");
    expect(page.statusLabel).toBe("Waiting for approval");
    expect(page.statusNext).toBe("The repair needs approval first (for example for costs or a replacement); we will tell you the decision.");
    expect(page.timeline.map((entry) => entry.label)).toContain("Status: Waiting for approval");
  });
});
