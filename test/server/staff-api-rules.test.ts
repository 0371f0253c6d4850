import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";
import { REPORT } from "../fixtures/core-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function staffApi() {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null, trustProxy: false });
  for (const [name, role] of [["A", "technician"], ["B", "technician"], ["Lin", "agent"]] as const) {
    await built.stores.staff.create({ id: `staff-${name}`, name, role, createdAt: built.clock.now(), apiTokenHash: hashApiToken(`token-${name}`) });
  }
  const as = (name: string, path: string, body?: unknown, language = "en") =>
    app.request(path, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", authorization: `Bearer token-${name}`, "accept-language": language },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { ...built, as };
}

describe("staff API: the queue", () => {
  it("lists urgent work first, then the nearest due time, not the newest first", async () => {
    const { core, clock, as } = await staffApi();
    const agent = { actor: { kind: "staff" as const, id: "staff-Lin" }, channel: "api" as const };
    const made: Record<string, string> = {};
    for (const [key, urgency] of [["oldNormal", "normal"], ["low", "low"], ["urgent", "urgent"], ["newNormal", "normal"], ["high", "high"]] as const) {
      const { ticket } = await core.intake({ ...REPORT, description: `${key} 空调不制冷` });
      if (urgency !== "normal") await core.reclassify(ticket.number, { urgency }, agent);
      made[key] = ticket.number;
      clock.advance(10);
    }
    const response = await as("Lin", "/api/staff/tickets?assignee=none");
    const body = (await response.json()) as { total: number; tickets: { number: string }[] };
    expect(body.tickets.map((ticket) => ticket.number)).toEqual([made.urgent, made.high, made.oldNormal, made.newNormal, made.low]);
  });
});

describe("staff API: technicians act only on their own tickets", () => {
  it("refuses technician B closing technician A's ticket with 403, in the caller's language", async () => {
    const { as, ...built } = await staffApi();
    const { ticket } = await built.core.intake(REPORT);
    expect((await as("A", `/api/staff/tickets/${ticket.number}/take`, {})).status).toBe(200);

    const refused = await as("B", `/api/staff/tickets/${ticket.number}/close`, { resolution: "done" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      error: {
        code: "forbidden",
        message: `Ticket ${ticket.number} is held by another technician: technicians work only on tickets assigned to them. Add a note, or ask an agent or a supervisor to assign it to you.`,
      },
    });
    const inChinese = (await (await as("B", `/api/staff/tickets/${ticket.number}/status`, { status: "in_progress" }, "zh-CN")).json()) as { error: { message: string } };
    expect(inChinese.error.message).toContain("技术员只能处理派给自己的工单");
    expect((await built.core.show(ticket.number)).status).toBe("assigned");

    expect((await as("Lin", `/api/staff/tickets/${ticket.number}/close`, { resolution: "done" })).status).toBe(200);
  });
});
