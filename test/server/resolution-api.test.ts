import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const REPORT_BODY = { name: "王芳", phone: "13800138000", description: "洗衣机不脱水，显示 E3", product: "小天鹅 TG100" };

/** The HTTP app over a temp SQLite database, with one agent who has an API token. */
async function api() {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null, trustProxy: false });
  await built.stores.staff.create({ id: "staff-Lin", name: "Lin", role: "agent", createdAt: built.clock.now(), apiTokenHash: hashApiToken("token-Lin") });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, { method, headers: { "content-type": "application/json", ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const staff = (path: string, body?: unknown) => call("POST", path, body, { authorization: "Bearer token-Lin" });
  const { number } = (await (await call("POST", "/api/tickets", REPORT_BODY)).json()) as { number: string };
  return { ...built, call, staff, number };
}

describe("public API: the customer's answers", () => {
  it("confirms a resolved ticket with the phone as proof, which closes it and opens the survey", async () => {
    const { call, staff, number, stores } = await api();
    await staff(`/api/staff/tickets/${number}/status`, { status: "resolved", note: "排水泵已更换" });
    expect((await call("POST", `/api/tickets/${number}/confirm`, { phone: "1234" })).status).toBe(404);
    const confirmed = await call("POST", `/api/tickets/${number}/confirm`, { phone: "8000" });
    expect(await confirmed.json()).toEqual({ number, status: "closed" });
    const ticket = await stores.tickets.findByNumber(number);
    expect(await stores.surveys.findByTicket(ticket!.id)).toBeTruthy();
  });

  it("says not fixed: back to work while resolved or recently closed, a follow-up ticket after the window", async () => {
    const { call, staff, number, clock } = await api();
    await staff(`/api/staff/tickets/${number}/status`, { status: "resolved", note: "排水泵已更换" });
    const objection = await call("POST", `/api/tickets/${number}/not-fixed`, { phone: "8000", text: "还是不脱水" });
    expect(await objection.json()).toEqual({ outcome: "reopened", number, status: "accepted" });

    await staff(`/api/staff/tickets/${number}/close`, { resolution: "更换了电机" });
    clock.advance(15 * 24 * 60);
    const late = (await (await call("POST", `/api/tickets/${number}/not-fixed`, { phone: "13800138000", text: "又坏了" })).json()) as {
      outcome: string;
      followUp: { number: string; status: string };
    };
    expect(late).toMatchObject({ outcome: "follow_up", number, status: "closed", followUp: { status: "new" } });
    const followUp = (await (await call("GET", `/api/tickets/${late.followUp.number}?phone=8000`)).json()) as { followUpOf: string; timeline: { type: string; text?: string }[] };
    expect(followUp.followUpOf).toBe(number);
    expect(followUp.timeline.at(-1)).toMatchObject({ type: "follow_up", text: number });
  });

  it("cancels the caller's own open ticket; a wrong phone changes nothing", async () => {
    const { call, number, core } = await api();
    expect((await call("POST", `/api/tickets/${number}/cancel`, { phone: "0000" })).status).toBe(404);
    expect((await core.show(number)).status).toBe("new");
    const cancelled = await call("POST", `/api/tickets/${number}/cancel`, { phone: "8000", reason: "已自行修好" });
    expect(await cancelled.json()).toEqual({ number, status: "cancelled" });
    const again = await call("POST", `/api/tickets/${number}/cancel`, { phone: "8000" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "ticket_not_open" } });
  });
});
