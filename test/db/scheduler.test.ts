import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createCore } from "../../core/index.ts";
import { createStores } from "../../db/index.ts";
import { createTokenSigner } from "../../server/token-signer.ts";
import { testSettings, REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("scheduler on the real database", () => {
  it("fires each action once, with racing passes and across a restart", async () => {
    const built = await buildDbCore({ start: "2026-11-24T02:00:00Z", classification: { urgency: "urgent" } });
    cleanups.push(built.cleanup);
    const agent = await built.addStaff("Lin", "agent");
    await built.addStaff("Chen", "supervisor");
    const report = { ...REPORT, channel: "telegram" as const, identity: { channel: "telegram" as const, externalId: "5" } };
    const urgent = await built.core.intake(report);
    const resolved = await built.core.intake({ ...report, sourceMessageId: "second" });
    await built.core.take(resolved.ticket.number, agent);
    await built.core.changeStatus({ number: resolved.ticket.number, status: "resolved", note: "fixed", initiator: agent });

    // Past the urgent breach, the return visit, the auto-close and the survey reminder.
    built.clock.set("2026-12-02T12:00:00Z");
    const [first, second] = await Promise.all([built.core.runDueJobs(), built.core.runDueJobs()]);
    const afterRestartCore = createCore({
      ...createStores(built.db, () => randomUUID()),
      clock: built.clock,
      newId: () => randomUUID(),
      signer: createTokenSigner("test-secret"),
      classify: built.deps.classify,
      settings: testSettings(),
    });
    const third = await afterRestartCore.runDueJobs();
    built.clock.advance(24 * 60 + 1);
    const fourth = await afterRestartCore.runDueJobs();
    const total = (key: keyof typeof first) => first[key] + second[key] + third[key] + fourth[key];

    expect(total("autoClosed")).toBe(1);
    expect(total("returnVisitsScheduled")).toBe(1);
    expect(total("surveysReminded")).toBe(1);
    const events = await built.stores.tickets.events(urgent.ticket.id);
    expect(events.flatMap((event) => (event.type === "sla_breached" ? [event.data.clock] : [])).sort()).toEqual(["first_response", "resolution"]);
    expect(events.filter((event) => event.type === "escalated")).toHaveLength(1);
    const closedTimeline = await built.stores.tickets.events(resolved.ticket.id);
    expect(closedTimeline.filter((event) => event.toStatus === "closed")).toHaveLength(1);
    expect(await built.db.returnVisit.count()).toBe(1);
    expect(await built.db.outboxMessage.count({ where: { payload: { contains: "customer.survey_reminder" } } })).toBe(1);
  });
});
