import { describe, expect, it } from "vitest";
import { createDialog } from "../../../bot/shared/dialog.ts";
import { payload } from "../../../bot/shared/payloads.ts";
import type { DialogResult, InboundMessage } from "../../../bot/shared/types.ts";
import { loadArticles } from "../../../content/load-articles.ts";
import type { CoreSettings, StaffRole } from "../../../core/index.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";
import { createMemoryBotStores, silentLogger } from "../support/memory-bot-stores.ts";

/** The chat dialog over the core (every report urgent), the starter knowledge base seeded. */
async function harness(settings: Partial<CoreSettings> = {}) {
  const desk = buildCore({ classification: { category: "repair", urgency: "urgent" }, settings });
  await desk.core.knowledgeBase.seed(loadArticles());
  const botStores = createMemoryBotStores();
  const dialog = createDialog({
    core: desk.core,
    surveyPrompts: botStores.surveyPrompts,
    seenUsers: botStores.seenUsers,
    fetchAttachment: () => Promise.reject(new Error("no files here")),
    logger: silentLogger([]),
    hasButtons: true,
  });
  const sessions = new Map<string, string>();
  let sequence = 0;
  async function send(id: string, input: Partial<InboundMessage>, chat: "private" | "group" = "private"): Promise<string[]> {
    sequence++;
    const message: InboundMessage = {
      channel: "telegram",
      eventId: String(sequence),
      sender: { id, displayName: `User ${id}`, languageHint: "zh-CN" },
      chat: chat === "private" ? { kind: "private", id } : { kind: "group", id: "-100" },
      messageId: String(sequence),
      attachments: [],
      ...input,
    };
    const stored = sessions.get(id);
    const result: DialogResult = await dialog.handle(message, stored ? (JSON.parse(stored) as unknown) : null);
    sessions.set(id, JSON.stringify(result.session));
    return result.replies.map((reply) => reply.text);
  }
  const text = (id: string, value: string, chat: "private" | "group" = "private") => send(id, { text: value }, chat);
  const press = (id: string, data: string) => send(id, { button: data });
  async function report(id: string, description: string): Promise<string[]> {
    await text(id, "/report");
    await text(id, description);
    await press(id, payload.categoryOk);
    await press(id, payload.skip);
    await press(id, payload.photosDone);
    await send(id, { contactPhone: "+86 138 0013 8000" });
    await text(id, "上海市浦东新区张江路 100 号");
    await press(id, payload.skip);
    return press(id, payload.confirm);
  }
  async function staffMember(id: string, role: StaffRole, name: string) {
    return desk.stores.staff.create({ id: `staff-${id}`, name, role, createdAt: desk.clock.now(), identities: [{ channel: "telegram", externalId: id }] });
  }
  return { ...desk, send, text, press, report, staffMember };
}

describe("safety advice in the chat", () => {
  it.each([
    ["gas", "厨房有很重的煤气味", "燃气泄漏、冒烟、打火：先保证安全"],
    ["smoke", "插座冒烟了，有焦糊味", "燃气泄漏、冒烟、打火：先保证安全"],
    ["water near electricity", "卫生间漏水，水流到插座里了", "水淹到插座或电线：先保证安全"],
    ["people trapped", "电梯困人，我妈被困在电梯里出不来", "电梯困人：现在该怎么做"],
  ])("comes at once in a report of %s, before the next question", async (_hazard, description, title) => {
    const h = await harness();
    await h.text("501", "/report");
    const replies = await h.text("501", description);
    expect(replies[0]).toContain(title);
    expect(replies[0]?.startsWith("⚠️")).toBe(true);
    expect(replies.slice(1).join("\n")).not.toContain(title);
    expect(replies.length).toBeGreaterThan(1);
  });

  it("comes before the offer to open a ticket when the customer just writes", async () => {
    const h = await harness();
    const replies = await h.text("502", "电梯困人了，我妈被困在电梯里出不来");
    expect(replies[0]).toContain("电梯困人：现在该怎么做");
    expect(replies[1]).toContain("要把这个问题登记为报修吗");
    // Accepting the offer does not repeat it.
    const started = await h.press("502", payload.offerYes);
    expect(started.join("\n")).not.toContain("电梯困人：现在该怎么做");
  });

  it("is not given for an ordinary fault", async () => {
    const h = await harness();
    await h.text("503", "/report");
    expect((await h.text("503", "洗衣机不脱水，显示 E3")).join("\n")).not.toContain("⚠️");
  });
});

describe("the chat's answer to an urgent report", () => {
  it("says the supervisor was alerted when one was, privately", async () => {
    const h = await harness();
    const supervisor = await h.staffMember("8001", "supervisor", "Chen");
    const done = await h.report("504", "厨房有很重的煤气味");
    expect(done[0]).toContain("已通知值班主管");
    expect(h.stores.outbox.filter((intent) => intent.recipient.kind === "staff").map((intent) => [intent.recipient, intent.notification.kind])).toEqual([
      [{ kind: "staff", staffId: supervisor.id }, "staff.urgent_report"],
    ]);
  });

  it("gives what to do and the hotline when no supervisor can be reached", async () => {
    const h = await harness({ staffChatChannels: [], staffRoomChannels: [], deskHotline: "400-800-1234" });
    await h.staffMember("8001", "supervisor", "Chen");
    const done = await h.report("505", "厨房有很重的煤气味");
    expect(done[0]).not.toContain("已通知");
    expect(done[0]).toContain("请先离开现场并拨打 119");
    expect(done[0]).toContain("400-800-1234");
    expect(done[0]).toMatch(/SR\d{12}/);
  });
});

describe("staff commands for supervisors", () => {
  it("/escalate says which supervisors were alerted privately, or that none could be", async () => {
    const h = await harness();
    await h.staffMember("7001", "agent", "Lin");
    const { ticket } = await h.core.intake({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水", channel: "portal" });
    expect((await h.text("7001", `/escalate ${ticket.number} VIP`, "group")).join("\n")).toContain("无法私信提醒任何主管");
    await h.staffMember("8001", "supervisor", "Chen");
    const reply = (await h.text("7001", `/escalate ${ticket.number} VIP`, "group")).join("\n");
    expect(reply).toContain("已私信提醒主管：Chen。");
    expect(h.stores.outbox.filter((intent) => intent.recipient.kind === "staff" && intent.notification.kind === "staff.escalated")).toHaveLength(1);
  });

  it("/followups lists open low-score follow-ups to supervisors, and /followup <number> done closes one", async () => {
    const h = await harness();
    const agent = await h.staffMember("7001", "agent", "Lin");
    await h.staffMember("8001", "supervisor", "Chen");
    const { ticket } = await h.core.intake({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水", channel: "portal" });
    await h.core.close(ticket.number, { actor: { kind: "staff", id: agent.id, name: agent.name }, channel: "telegram" }, "done");
    const survey = await h.stores.surveys.findByTicket(ticket.id);
    await h.core.answerSurvey(h.deps.signer.sign(survey!.id), { score: 1, comment: "还是不转" }, "api");

    expect((await h.text("7001", "/followups", "group")).join("\n")).toBe("您没有权限执行此操作。");
    const listed = (await h.text("8001", "/followups")).join("\n");
    expect(listed).toContain("待跟进的低分回访（1）");
    expect(listed).toContain(`${ticket.number} – 王芳，13800138000 – 2026年11月25日 10:00 前：还是不转`);
    expect((await h.text("8001", `/followup ${ticket.number}`)).join("\n")).toContain("/followup <number> done [note]");
    expect((await h.text("8001", `/followup ${ticket.number} done 已致电，明天重修`)).join("\n")).toBe(`工单 ${ticket.number} 的回访已标记完成。`);
    expect((await h.text("8001", "/followups")).join("\n")).toContain("没有待跟进的回访。");
    expect((await h.text("8001", `/followup ${ticket.number} done`)).join("\n")).toBe(`工单 ${ticket.number} 没有待跟进的回访。`);
    expect((await h.stores.tickets.events(ticket.id)).at(-1)).toMatchObject({ type: "follow_up_done", note: "已致电，明天重修" });
  });
});
