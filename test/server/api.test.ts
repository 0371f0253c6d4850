import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createLogger } from "../../server/logger.ts";
import { createTokenSigner } from "../../server/token-signer.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function api(options: { rateLimit?: { points: number; durationSeconds: number } | null; trustProxy?: boolean } = {}) {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const app = createApp({
    core: built.core,
    logger: createLogger("silent"),
    checkDatabase: async () => (await built.db.$queryRawUnsafe("SELECT 1"), true),
    rateLimit: options.rateLimit ?? null,
    trustProxy: options.trustProxy ?? false,
  });
  const tokens: Record<string, string> = {};
  for (const [name, role] of [["Lin", "agent"], ["Zhao", "technician"], ["Chen", "supervisor"], ["Root", "admin"]] as const) {
    tokens[name] = `token-${name}`;
    await built.stores.staff.create({ id: `staff-${name}`, name, role, createdAt: built.clock.now(), apiTokenHash: hashApiToken(tokens[name]!) });
  }
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const asStaff = (name: string) => (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: `Bearer ${tokens[name]}` });
  return { ...built, app, call, asStaff };
}

const REPORT_BODY = { name: "王芳", phone: "13800138000", description: "洗衣机不脱水，显示 E3", product: "小天鹅 TG100" };

describe("public API", () => {
  it("answers /health when the database answers", async () => {
    const { call } = await api();
    const response = await call("GET", "/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("creates a ticket and looks it up with the number and the phone's last four digits", async () => {
    const { call } = await api();
    const created = await call("POST", "/api/tickets", REPORT_BODY);
    expect(created.status).toBe(201);
    const body = (await created.json()) as { number: string; status: string; category: string; urgency: string; dueAt: string };
    expect(body).toMatchObject({ number: "SR202611240001", status: "new", category: "repair", urgency: "normal" });
    expect(new Date(body.dueAt).getTime()).toBeGreaterThan(Date.parse("2026-11-24T02:00:00Z"));

    const lookup = await call("GET", `/api/tickets/${body.number.toLowerCase()}?phone=8000`);
    expect(lookup.status).toBe(200);
    expect(lookup.headers.get("cache-control")).toBe("no-store");
    const view = (await lookup.json()) as { number: string; phone: string; timeline: unknown[] };
    expect(view).toMatchObject({ number: body.number, phone: "138****8000" });
    expect(view.timeline).toHaveLength(1);
  });

  it("answers a wrong phone exactly like an unknown number", async () => {
    const { call } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    const wrongPhone = await call("GET", `/api/tickets/${number}?phone=1234`);
    const unknown = await call("GET", `/api/tickets/SR209901010001?phone=8000`);
    const malformed = await call("GET", `/api/tickets/hello?phone=8000`);
    expect([wrongPhone.status, unknown.status, malformed.status]).toEqual([404, 404, 404]);
    const bodies = await Promise.all([wrongPhone.json(), unknown.json(), malformed.json()]);
    expect(bodies[0]).toEqual(bodies[1]);
    expect(bodies[1]).toEqual(bodies[2]);
  });

  it("speaks the caller's language in errors", async () => {
    const { call } = await api();
    const zh = (await (await call("GET", "/api/tickets/SR209901010001?phone=8000", undefined, { "accept-language": "zh-CN" })).json()) as { error: { message: string } };
    const en = (await (await call("GET", "/api/tickets/SR209901010001?phone=8000", undefined, { "accept-language": "en-US,en;q=0.9" })).json()) as { error: { message: string } };
    const hant = (await (await call("GET", "/api/tickets/SR209901010001?phone=8000&lang=zh-TW")).json()) as { error: { message: string } };
    expect(zh.error.message).toContain("没有找到");
    expect(en.error.message).toContain("could not find");
    expect(hant.error.message).toContain("找不到");
  });

  it.each([
    ["malformed JSON", "{not json", "validation", ["body"]],
    ["a non-numeric phone", { ...REPORT_BODY, phone: "call me maybe" }, "validation", ["phone"]],
    ["missing fields", { phone: "13800138000" }, "validation", ["name", "description"]],
    ["an oversized description", { ...REPORT_BODY, description: "坏".repeat(5000) }, "validation", ["description"]],
  ])("refuses %s with a 400 naming the fields", async (_label, body, code, fields) => {
    const { call, stores } = await api();
    const response = await call("POST", "/api/tickets", body);
    expect(response.status).toBe(400);
    const json = (await response.json()) as { error: { code: string; message: string; fields: { field: string }[] } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(5);
    if (Array.isArray(fields) && json.error.fields) expect(json.error.fields.map((issue) => issue.field).sort()).toEqual([...fields].sort());
    expect((await stores.tickets.list({})).total).toBe(0);
  });

  it("says what is wrong with each field, as a code and in the caller's language", async () => {
    const { call } = await api();
    const body = { name: "", phone: "12", description: "坏".repeat(5000) };
    const fieldsIn = async (language: string) => {
      const json = (await (await call("POST", "/api/tickets", body, { "accept-language": language })).json()) as {
        error: { fields: { field: string; problem: string; message: string }[] };
      };
      return Object.fromEntries(json.error.fields.map((issue) => [issue.field, issue]));
    };
    const english = await fieldsIn("en");
    expect(english.name).toMatchObject({ problem: "required", message: "Required." });
    expect(english.phone).toMatchObject({ problem: "phone_invalid", message: "Not a phone number: give 7 to 15 digits." });
    expect(english.description).toMatchObject({ problem: "too_long", message: "Too long: at most 4000 characters." });
    const traditional = await fieldsIn("zh-TW");
    expect(traditional.description?.message).toBe("太長：最多 4000 個字。");
    expect(traditional.phone?.problem).toBe("phone_invalid");
  });

  it("refuses bodies over the size limit with 413", async () => {
    const { call } = await api();
    const response = await call("POST", "/api/tickets", { ...REPORT_BODY, description: "x".repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("returns the same ticket when a POST is retried with the same Idempotency-Key", async () => {
    const { call, stores } = await api();
    const first = await call("POST", "/api/tickets", REPORT_BODY, { "idempotency-key": "client-req-1" });
    const retry = await call("POST", "/api/tickets", REPORT_BODY, { "idempotency-key": "client-req-1" });
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(((await retry.json()) as { number: string }).number).toBe(((await first.json()) as { number: string }).number);
    expect((await stores.tickets.list({})).total).toBe(1);
    // Another client with the same key is another report; the same key with another body is refused.
    const otherClient = await call("POST", "/api/tickets", { ...REPORT_BODY, phone: "13900001111" }, { "idempotency-key": "client-req-1" });
    expect(otherClient.status).toBe(201);
    const reused = await call("POST", "/api/tickets", { ...REPORT_BODY, description: "完全不同的问题" }, { "idempotency-key": "client-req-1" });
    expect(reused.status).toBe(409);
    expect((await stores.tickets.list({})).total).toBe(2);
  });

  it("records a chase with phone proof and limits customers to one an hour", async () => {
    const { call } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    const chased = await call("POST", `/api/tickets/${number}/chase`, { phone: "8000" });
    expect(chased.status).toBe(200);
    expect(await chased.json()).toMatchObject({ chaseCount: 1 });
    const again = await call("POST", `/api/tickets/${number}/chase`, { phone: "8000" });
    expect(again.status).toBe(429);
    expect(again.headers.get("retry-after")).toBeTruthy();
    // It says when the next chase is welcome, in the caller's language, not "too many attempts".
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe("您一小时内已催过此工单，服务台已收到提醒。11:00 起可再次催单。");
    const inEnglish = await call("POST", `/api/tickets/${number}/chase?lang=en`, { phone: "8000" });
    expect(((await inEnglish.json()) as { error: { message: string } }).error.message).toBe(
      "You chased this ticket less than an hour ago; the team has your reminder. You can chase it again from 11:00.",
    );
    expect((await call("POST", `/api/tickets/${number}/chase`, { phone: "0000" })).status).toBe(404);
  });

  it("limits public requests per client when PUBLIC_RATE_LIMIT is set", async () => {
    const { call } = await api({ rateLimit: { points: 3, durationSeconds: 60 } });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await call("GET", "/api/tickets/SR209901010001?phone=1111")).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it("behind a trusted proxy, limits each forwarded client separately", async () => {
    const { call } = await api({ rateLimit: { points: 2, durationSeconds: 60 }, trustProxy: true });
    const from = (address: string) => call("GET", "/api/tickets/SR209901010001?phone=1111", undefined, { "x-forwarded-for": `203.0.113.9, ${address}` });
    expect([(await from("198.51.100.1")).status, (await from("198.51.100.1")).status, (await from("198.51.100.1")).status]).toEqual([404, 404, 429]);
    expect((await from("198.51.100.2")).status).toBe(404);
  });

  it("answers unknown routes with the same error shape, saying the route does not exist", async () => {
    const { call, asStaff } = await api();
    const response = await call("GET", "/api/nothing-here", undefined, { "accept-language": "en" });
    expect(response.status).toBe(404);
    const json = (await response.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("route_not_found");
    expect(json.error.message).not.toMatch(/ticket/i);
    const staffRoute = await asStaff("Root")("GET", "/api/staff/no-such-route");
    expect(staffRoute.status).toBe(404);
    expect(await staffRoute.json()).toMatchObject({ error: { code: "route_not_found", message: "没有这个地址，请检查链接或接口文档。" } });
  });
});

describe("surveys over HTTP", () => {
  it("reads and answers once; a second answer is refused", async () => {
    const { call, asStaff, stores } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    expect((await asStaff("Lin")("POST", `/api/staff/tickets/${number}/close`, { resolution: "explained the spin setting" })).status).toBe(200);
    const ticket = await stores.tickets.findByNumber(number);
    const survey = await stores.surveys.findByTicket(ticket!.id);
    const token = createTokenSigner("test-secret").sign(survey!.id);
    expect(await (await call("GET", `/api/surveys/${token}`)).json()).toMatchObject({ ticketNumber: number, status: "pending" });
    expect((await call("POST", `/api/surveys/${token}`, { score: 0 })).status).toBe(400);
    expect((await call("POST", `/api/surveys/${token}`, { score: 5, comment: "很好" })).status).toBe(200);
    const second = await call("POST", `/api/surveys/${token}`, { score: 1 });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: "survey_answered" } });
    expect((await call("GET", `/api/surveys/forged.token`)).status).toBe(404);
  });
});

describe("staff API", () => {
  it("requires a valid bearer token", async () => {
    const { call } = await api();
    expect((await call("GET", "/api/staff/tickets")).status).toBe(401);
    expect((await call("GET", "/api/staff/tickets", undefined, { authorization: "Bearer wrong" })).status).toBe(401);
  });

  it("runs a ticket through assign, schedule, notes, resolve, close and reopen", async () => {
    const { call, asStaff } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    const lin = asStaff("Lin");
    const zhao = asStaff("Zhao");

    const queue = (await (await lin("GET", "/api/staff/tickets?status=new&assignee=none")).json()) as { total: number };
    expect(queue.total).toBe(1);
    expect(await (await lin("POST", `/api/staff/tickets/${number}/assign`, { assignee: "Zhao" })).json()).toMatchObject({ status: "assigned", assigneeId: "staff-Zhao" });
    expect(
      await (await zhao("POST", `/api/staff/tickets/${number}/status`, { status: "scheduled", appointmentAt: "2026-11-25T10:00:00+08:00" })).json(),
    ).toMatchObject({ status: "scheduled", appointmentAt: "2026-11-25T02:00:00.000Z" });
    expect((await zhao("POST", `/api/staff/tickets/${number}/notes`, { text: "bring a new drain pump" })).status).toBe(201);
    expect((await zhao("POST", `/api/staff/tickets/${number}/notes`, { text: "我们明天上午到", visibility: "public" })).status).toBe(201);
    expect(await (await zhao("POST", `/api/staff/tickets/${number}/status`, { status: "in_progress" })).json()).toMatchObject({ status: "in_progress" });
    expect(await (await zhao("POST", `/api/staff/tickets/${number}/close`, { resolution: "replaced drain pump" })).json()).toMatchObject({ status: "closed" });

    const mine = (await (await zhao("GET", "/api/staff/tickets?assignee=me&status=closed")).json()) as { tickets: { number: string }[] };
    expect(mine.tickets.map((ticket) => ticket.number)).toEqual([number]);
    const staffView = (await (await lin("GET", `/api/staff/tickets/${number}`)).json()) as { timeline: { type: string; visibility: string }[] };
    expect(staffView.timeline.some((event) => event.type === "note" && event.visibility === "internal")).toBe(true);

    const publicView = (await (await call("GET", `/api/tickets/${number}?phone=13800138000`)).json()) as { assigneeName: string; timeline: { type: string; text?: string }[] };
    expect(publicView.assigneeName).toBe("Zhao");
    expect(publicView.timeline.some((entry) => entry.type === "note")).toBe(false);
    expect(publicView.timeline.filter((entry) => entry.text).map((entry) => entry.text)).toContain("我们明天上午到");

    expect(await (await lin("POST", `/api/staff/tickets/${number}/reopen`, { reason: "customer says it leaks" })).json()).toMatchObject({ status: "accepted" });
  });

  it("answers illegal transitions with 409 naming the allowed next steps", async () => {
    const { call, asStaff } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    const response = await asStaff("Lin")("POST", `/api/staff/tickets/${number}/status`, { status: "in_progress" }, );
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("illegal_transition");
    expect(error.message).toContain("已提交");
    expect(error.message).toContain("已受理");
  });

  it("lets two staff close at once: one 200, one 409, one close on the timeline", async () => {
    const { call, asStaff, stores } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    await asStaff("Lin")("POST", `/api/staff/tickets/${number}/take`);
    const responses = await Promise.all([asStaff("Lin")("POST", `/api/staff/tickets/${number}/close`, {}), asStaff("Chen")("POST", `/api/staff/tickets/${number}/close`, {})]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const ticket = await stores.tickets.findByNumber(number);
    expect((await stores.tickets.events(ticket!.id)).filter((event) => event.toStatus === "closed")).toHaveLength(1);
  });

  it("enforces roles: approvals by supervisors, staff registration by admins", async () => {
    const { call, asStaff } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    await asStaff("Lin")("POST", `/api/staff/tickets/${number}/status`, { status: "awaiting_approval", note: "quote 280" });
    expect((await asStaff("Lin")("POST", `/api/staff/tickets/${number}/approve`)).status).toBe(403);
    expect((await asStaff("Chen")("POST", `/api/staff/tickets/${number}/reject`, {})).status).toBe(400);
    expect(await (await asStaff("Chen")("POST", `/api/staff/tickets/${number}/approve`)).json()).toMatchObject({ status: "approved" });

    expect((await asStaff("Lin")("POST", "/api/staff/staff", { name: "Xu", role: "technician" })).status).toBe(403);
    const created = await asStaff("Root")("POST", "/api/staff/staff", { name: "Xu", role: "technician" });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    expect(await (await call("GET", "/api/staff/me", undefined, { authorization: `Bearer ${token}` })).json()).toMatchObject({ name: "Xu", role: "technician" });
  });

  it("shows staff the classifier's reasons and where both SLA clocks stand", async () => {
    const { call, asStaff, clock } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    clock.advance(60);
    const view = (await (await asStaff("Lin")("GET", `/api/staff/tickets/${number}`)).json()) as {
      classification: { reasons: string[]; confidence: number };
      sla: { firstResponse: { status: string; dueAt: string; remainingMinutes: number }; resolution: { status: string } };
    };
    expect(view.classification).toMatchObject({ reasons: ["test"], confidence: 0.8 });
    // Normal urgency: first response within 24 wall-clock hours of Tue 10:00 Shanghai.
    expect(view.sla.firstResponse).toEqual({ status: "active", dueAt: "2026-11-25T02:00:00.000Z", remainingMinutes: 23 * 60 });
    expect(view.sla.resolution.status).toBe("active");
  });

  it("keeps approval decisions with supervisors even through the generic status route", async () => {
    const { call, asStaff } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    await asStaff("Lin")("POST", `/api/staff/tickets/${number}/status`, { status: "awaiting_approval", note: "internal: quote 280, customer seems difficult" });
    expect((await asStaff("Lin")("POST", `/api/staff/tickets/${number}/status`, { status: "approved" })).status).toBe(403);
    expect((await asStaff("Chen")("POST", `/api/staff/tickets/${number}/status`, { status: "rejected" })).status).toBe(400);
    expect(await (await asStaff("Chen")("POST", `/api/staff/tickets/${number}/status`, { status: "rejected", note: "not covered by warranty" })).json()).toMatchObject({ status: "rejected" });
    // Status notes are for staff; a rejection's reason is written for the customer (like a close's resolution).
    const view = (await (await call("GET", `/api/tickets/${number}?phone=8000`)).json()) as { timeline: { text?: string }[] };
    expect(JSON.stringify(view)).not.toContain("quote 280");
    expect(JSON.stringify(view)).toContain("not covered by warranty");
    // A rejected ticket can be closed directly.
    expect(await (await asStaff("Lin")("POST", `/api/staff/tickets/${number}/close`, { resolution: "customer declined the quote" })).json()).toMatchObject({ status: "closed" });
  });

  it("applies the reopen window to /status accepted, whatever the number's spelling", async () => {
    const { call, asStaff, clock } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    await asStaff("Lin")("POST", `/api/staff/tickets/${number}/close`, { resolution: "done" });
    clock.advance(30 * 24 * 60);
    const loose = `${number.slice(0, 2).toLowerCase()}-${number.slice(2, 10)}-${number.slice(10)}`;
    const response = await asStaff("Lin")("POST", `/api/staff/tickets/${loose}/status`, { status: "accepted" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "reopen_window_passed" } });
  });

  it("records corrections of category and urgency", async () => {
    const { call, asStaff } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
    expect(await (await asStaff("Lin")("PATCH", `/api/staff/tickets/${number}`, { urgency: "high" })).json()).toMatchObject({ urgency: "high" });
    expect((await asStaff("Lin")("PATCH", `/api/staff/tickets/${number}`, { urgency: "extreme" })).status).toBe(400);
  });
});

describe("SLA settings API", () => {
  it("lets admins override policies per category, applied to new tickets; others are refused", async () => {
    const { call, asStaff } = await api();
    const override = [{ urgency: "normal", category: "repair", resolution: { amount: 2, unit: "working_days" } }];
    expect((await asStaff("Lin")("PUT", "/api/staff/settings/sla/policies", override)).status).toBe(403);
    const saved = await asStaff("Root")("PUT", "/api/staff/settings/sla/policies", override);
    expect(saved.status).toBe(200);
    const settings = (await (await asStaff("Root")("GET", "/api/staff/settings/sla")).json()) as { policyOverrides: unknown[] };
    expect(settings.policyOverrides).toHaveLength(1);
    // Created Tue 2026-11-24 10:00 Shanghai: 2 working days (9–18) → Thu 10:00.
    const ticket = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { dueAt: string };
    expect(ticket.dueAt).toBe("2026-11-26T02:00:00.000Z");
    expect((await asStaff("Root")("PUT", "/api/staff/settings/sla/policies", [{ urgency: "sometimes" }])).status).toBe(400);
  });

  it("validates and applies a business calendar", async () => {
    const { call, asStaff } = await api();
    const bad = await asStaff("Root")("PUT", "/api/staff/settings/sla/calendar", { weekendDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] });
    expect(bad.status).toBe(400);
    const saved = await asStaff("Root")("PUT", "/api/staff/settings/sla/calendar", { timeZone: "Asia/Shanghai", hours: [{ start: "08:00", end: "20:00" }] });
    expect(saved.status).toBe(200);
    // 7 working days of 12 hours from Tue 10:00 → Thu next week 10:00.
    const ticket = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { dueAt: string };
    expect(ticket.dueAt).toBe("2026-12-03T02:00:00.000Z");
  });
});
