import { describe, expect, it } from "vitest";
import type { AppError } from "../../../core/errors.ts";
import type { Initiator } from "../../../core/tickets/ticket-event.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

async function setup() {
  const fixture = buildCore();
  const agent = await fixture.addStaff("Lin", "agent");
  const tech = await fixture.addStaff("Zhao", "technician");
  const supervisor = await fixture.addStaff("Chen", "supervisor");
  const { ticket } = await fixture.core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "555" } });
  const customer: Initiator = { actor: { kind: "customer", id: ticket.customerId }, channel: "telegram" };
  const stranger: Initiator = { actor: { kind: "customer", id: "someone-else" }, channel: "api" };
  const outboxOf = (kind: string) => fixture.stores.outbox.filter((intent) => intent.notification.kind === kind);
  return { ...fixture, agent, tech, supervisor, customer, stranger, number: ticket.number, ticketId: ticket.id, outboxOf };
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

describe("a customer's answer to a resolution", () => {
  it("counts any message on a resolved ticket as an objection: back to work, staff told, not auto-closed", async () => {
    const { core, clock, tech, customer, number, stores, ticketId, outboxOf } = await setup();
    await core.take(number, tech);
    await core.changeStatus({ number, status: "resolved", note: "更换了电容", initiator: tech });
    expect((await core.show(number)).status).toBe("resolved");

    const after = await core.customerMessage(number, "还是不制冷，没修好", customer);
    // Back to the technician who held it, the resolution undone.
    expect(after).toMatchObject({ status: "in_progress", resolvedAt: undefined });
    expect(outboxOf("staff.reopened")).toEqual([
      { channel: "telegram", recipient: { kind: "staff_room" }, ticketId, notification: { kind: "staff.reopened", number, by: "customer", status: "in_progress" } },
    ]);
    expect(outboxOf("staff.customer_message").at(-1)?.notification).toMatchObject({ text: "还是不制冷，没修好" });
    const types = (await stores.tickets.events(ticketId)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(["customer_message", "reopened", "status_changed"]);

    clock.advance(8 * 24 * 60);
    await core.runDueJobs();
    expect((await core.show(number)).status).toBe("in_progress");
  });

  it("confirms the fix: the ticket closes by the customer and the survey goes out", async () => {
    const { core, tech, customer, stranger, number, outboxOf, stores, ticketId } = await setup();
    await core.take(number, tech);
    await core.changeStatus({ number, status: "resolved", note: "更换了电容", initiator: tech });
    expect((await errorOf(core.confirmFix(number, stranger)))?.code).toBe("not_found");
    expect((await errorOf(core.confirmFix(number, tech)))?.code).toBe("forbidden");

    const closed = await core.confirmFix(number, customer);
    expect(closed).toMatchObject({ status: "closed", resolution: "更换了电容" });
    expect((await stores.tickets.events(ticketId)).at(-2)).toMatchObject({ type: "status_changed", toStatus: "closed", actor: { kind: "customer" } });
    expect(outboxOf("customer.survey")).toHaveLength(1);
    // No echo of their own close.
    expect(outboxOf("customer.closed")).toHaveLength(0);
    // A second tap changes nothing.
    expect((await core.confirmFix(number, customer)).version).toBe(closed.version);
  });

  it("says 'not fixed': reopens a closed ticket within the window, opens a linked follow-up after it", async () => {
    const { core, clock, agent, customer, number, outboxOf, stores, ticketId } = await setup();
    await core.close(number, agent, "换了滤网");
    clock.advance(10 * 24 * 60);
    const reopened = await core.reportNotFixed(number, customer, "又不制冷了");
    expect(reopened).toMatchObject({ kind: "reopened", ticket: { status: "accepted", closedAt: undefined } });
    expect(outboxOf("staff.reopened").at(-1)?.notification).toMatchObject({ by: "customer", status: "accepted" });

    await core.close(number, agent, "换了压缩机");
    clock.advance(15 * 24 * 60);
    const outcome = await core.reportNotFixed(number, customer, "还是不制冷，没修好");
    if (outcome.kind !== "follow_up") throw new Error(`expected a follow-up, got ${outcome.kind}`);
    const { followUp } = outcome;
    expect(followUp).toMatchObject({ status: "new", customerId: customer.actor.kind === "customer" ? customer.actor.id : "", followUpOf: number, description: "还是不制冷，没修好", product: REPORT.product });
    expect((await core.show(number)).status).toBe("closed");
    // Linked on both timelines, shown to the customer too.
    expect((await stores.tickets.events(ticketId)).at(-1)).toMatchObject({ type: "follow_up", visibility: "public", data: { relation: "opened", number: followUp.number } });
    expect((await stores.tickets.events(followUp.id)).map((event) => event.type)).toEqual(["created", "follow_up"]);
    expect((await core.publicView(followUp)).timeline.at(-1)).toMatchObject({ type: "follow_up", text: number });
    // Staff are told: the new ticket's post and what it follows up.
    expect(outboxOf("staff.follow_up")).toEqual([
      { channel: "telegram", recipient: { kind: "staff_room" }, ticketId: followUp.id, notification: { kind: "staff.follow_up", number: followUp.number, originalNumber: number } },
    ]);
    expect(outboxOf("staff.new_ticket").at(-1)?.notification).toMatchObject({ number: followUp.number });
  });

  it("lets a customer cancel their own open ticket, not a stranger, not after the work is done; staff are told", async () => {
    const { core, tech, customer, stranger, number, outboxOf } = await setup();
    expect((await errorOf(core.cancel(number, stranger)))?.code).toBe("not_found");
    await core.take(number, tech);
    const cancelled = await core.cancel(number, customer, "买了新的");
    expect(cancelled.status).toBe("cancelled");
    expect(outboxOf("staff.customer_cancelled").at(-1)?.notification).toEqual({ kind: "staff.customer_cancelled", number, reason: "买了新的" });

    const second = await setup();
    await second.core.take(second.number, second.tech);
    await second.core.changeStatus({ number: second.number, status: "resolved", initiator: second.tech });
    expect((await errorOf(second.core.cancel(second.number, second.customer)))?.code).toBe("ticket_not_open");
  });
});

describe("a refused approval", () => {
  it("tells the customer the reason written for them; internal remarks stay notes", async () => {
    const { core, agent, supervisor, number, outboxOf, ticketId, stores } = await setup();
    await core.changeStatus({ number, status: "awaiting_approval", note: "报价 280 元", initiator: agent });
    await core.reject(number, "该型号已停产，无法提供保修维修。", supervisor, "成本太高");
    expect(outboxOf("customer.rejected")).toEqual([
      { channel: "telegram", recipient: { kind: "customer", customerId: expect.any(String) }, ticketId, notification: { kind: "customer.rejected", number, reason: "该型号已停产，无法提供保修维修。" } },
    ]);
    // Not also a bare "status: not approved".
    expect(outboxOf("customer.status").filter((intent) => intent.notification.kind === "customer.status" && intent.notification.status === "rejected")).toHaveLength(0);
    const view = await core.publicView((await stores.tickets.findByNumber(number))!);
    const text = JSON.stringify(view.timeline);
    expect(text).toContain("该型号已停产");
    expect(text).not.toContain("成本太高");
    expect(text).not.toContain("报价 280");
  });
});
