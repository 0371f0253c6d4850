import { afterEach, describe, expect, it } from "vitest";
import { loadArticles } from "../../content/load-articles.ts";
import type { CoreSettings } from "../../core/index.ts";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The HTTP app over the Prisma store, every report urgent, the starter knowledge base seeded. */
async function api(settings: Partial<CoreSettings> = {}) {
  const built = await buildDbCore({ classification: { urgency: "urgent" }, settings });
  cleanups.push(built.cleanup);
  await built.core.knowledgeBase.seed(loadArticles());
  const app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null, trustProxy: false });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method, headers: { "content-type": "application/json", ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const staffRows = async () => (await built.db.outboxMessage.findMany({ where: { recipientKind: "staff" }, orderBy: { createdAt: "asc" } })).map((row) => ({ channel: row.channel, staffId: row.recipientId, kind: (JSON.parse(row.payload) as { kind: string }).kind }));
  return { ...built, app, call, staffRows };
}

type IntakeBody = { number: string; urgency: string; supervisorNotified: boolean; notices: string[]; safetyAdvice: { slug: string; hazards: string[]; title: string; text: string }[] };

const report = (description: string) => ({ name: "王芳", phone: "13800138000", description });

describe("an urgent report through the API", () => {
  it("does not claim a supervisor was told when no staff chat channel is configured: safety advice and the hotline instead", async () => {
    const { call, staffRows } = await api({ staffRoomChannels: [], staffChatChannels: [], deskHotline: "400-800-1234" });
    const response = await call("POST", "/api/tickets", report("厨房有很重的煤气味"), { "accept-language": "zh-CN" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as IntakeBody;
    expect(body.urgency).toBe("urgent");
    expect(body.supervisorNotified).toBe(false);
    expect(body.notices.join("")).not.toContain("已通知");
    expect(body.notices).toEqual(["您的问题比较紧急。如有人身危险，请先离开现场并拨打 119（火警）、120（急救）或 110（报警）。", "如需立即联系服务台，请拨打 400-800-1234。"]);
    expect(body.safetyAdvice.map((advice) => [advice.slug, advice.hazards])).toEqual([["gas-smell-smoke-or-sparks", ["gas"]]]);
    expect(body.safetyAdvice[0]?.text).toContain("关闭燃气总阀");
    expect(await staffRows()).toEqual([]);
  });

  it("queues a private message for each supervisor with a Telegram account, and says so", async () => {
    const { call, staffRows, addStaff } = await api({ deskHotline: "400-800-1234" });
    const chen = await addStaff("Chen", "supervisor", { telegram: "8001" });
    await addStaff("Gao", "supervisor");
    const response = await call("POST", "/api/tickets?lang=en", report("There is a strong smell of gas in the kitchen"));
    const body = (await response.json()) as IntakeBody;
    expect(body.supervisorNotified).toBe(true);
    expect(body.notices).toEqual(["This is urgent: the supervisor on duty has been alerted."]);
    expect(body.safetyAdvice[0]).toMatchObject({ slug: "gas-smell-smoke-or-sparks", title: "Gas smell, smoke or sparks: safety first" });
    expect(await staffRows()).toEqual([{ channel: "telegram", staffId: chen.actor.kind === "staff" ? chen.actor.id : "", kind: "staff.urgent_report" }]);
  });

  it.each([
    ["gas", "厨房有很重的煤气味", "gas-smell-smoke-or-sparks"],
    ["smoke", "插座冒烟了，有焦糊味", "gas-smell-smoke-or-sparks"],
    ["water near electricity", "卫生间漏水，水流到插座里了", "water-near-electricity"],
    ["people trapped", "电梯困人，我妈被困在电梯里出不来", "someone-trapped-in-a-lift"],
  ])("answers a report of %s with its safety advice at once", async (_hazard, description, slug) => {
    const { call } = await api();
    const body = (await (await call("POST", "/api/tickets", report(description))).json()) as IntakeBody;
    expect(body.safetyAdvice.map((advice) => advice.slug)).toEqual([slug]);
    expect(body.safetyAdvice[0]?.text.length).toBeGreaterThan(50);
  });
});

describe("escalation and follow-ups through the staff API", () => {
  async function withStaff(settings: Partial<CoreSettings> = {}) {
    const desk = await api(settings);
    const token = async (name: string, role: "agent" | "supervisor", telegram?: string) => {
      await desk.stores.staff.create({
        id: `staff-${name}`,
        name,
        role,
        createdAt: desk.clock.now(),
        apiTokenHash: hashApiToken(`token-${name}`),
        identities: telegram ? [{ channel: "telegram", externalId: telegram }] : [],
      });
      return (method: string, path: string, body?: unknown) => desk.call(method, path, body, { authorization: `Bearer token-${name}` });
    };
    return { ...desk, token };
  }

  it("/escalate alerts each supervisor privately and answers who was alerted", async () => {
    const { call, token, staffRows } = await withStaff();
    const agent = await token("Lin", "agent");
    await token("Chen", "supervisor", "8001");
    await token("Wu", "supervisor", "8002");
    const { number } = (await (await call("POST", "/api/tickets", report("洗衣机不脱水"))).json()) as IntakeBody;
    const before = (await staffRows()).length;
    const response = await agent("POST", `/api/staff/tickets/${number}/escalate`, { reason: "VIP" });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { number: string; urgency: string; supervisorAlert: { notified: boolean; supervisors: { name: string; channels: string[] }[] } };
    expect(body.number).toBe(number);
    expect(body.supervisorAlert).toMatchObject({ notified: true, supervisors: [{ name: "Chen", channels: ["telegram"] }, { name: "Wu", channels: ["telegram"] }] });
    expect((await staffRows()).slice(before)).toEqual([
      { channel: "telegram", staffId: "staff-Chen", kind: "staff.escalated" },
      { channel: "telegram", staffId: "staff-Wu", kind: "staff.escalated" },
    ]);
  });

  it("lists open follow-ups to supervisors only and marks one done", async () => {
    const { call, token, core, stores, deps } = await withStaff();
    const agent = await token("Lin", "agent");
    const supervisor = await token("Chen", "supervisor", "8001");
    const { number } = (await (await call("POST", "/api/tickets", report("洗衣机不脱水"))).json()) as IntakeBody;
    await agent("POST", `/api/staff/tickets/${number}/close`, { resolution: "done" });
    const ticket = await stores.tickets.findByNumber(number);
    const survey = await stores.surveys.findByTicket(ticket!.id);
    await core.answerSurvey(deps.signer.sign(survey!.id), { score: 1 }, "api");

    expect((await agent("GET", "/api/staff/follow-ups")).status).toBe(403);
    const listed = (await (await supervisor("GET", "/api/staff/follow-ups")).json()) as { followUps: { number: string; dueAt: string; overdue: boolean }[] };
    expect(listed.followUps).toEqual([expect.objectContaining({ number, dueAt: "2026-11-25T02:00:00.000Z", overdue: false })]);
    const done = await supervisor("POST", `/api/staff/tickets/${number}/follow-up`, { note: "called, revisit booked" });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ number, tasks: 1 });
    expect(((await (await supervisor("GET", "/api/staff/follow-ups")).json()) as { followUps: unknown[] }).followUps).toEqual([]);
    expect((await supervisor("POST", `/api/staff/tickets/${number}/follow-up`, {})).status).toBe(404);
  });
});
