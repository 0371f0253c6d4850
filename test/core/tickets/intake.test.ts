import { describe, expect, it } from "vitest";
import { AppError } from "../../../core/errors.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

describe("intake", () => {
  it("creates a numbered ticket with a timeline, classification and due times", async () => {
    const { core, stores } = buildCore({ classification: { category: "repair", urgency: "high", reasons: ["no cooling"] } });
    const { ticket, created, classification } = await core.intake(REPORT);
    expect(created).toBe(true);
    expect(ticket.number).toBe("SR202611240001");
    expect(ticket).toMatchObject({ status: "new", phone: "13800138000", category: "repair", urgency: "high", channel: "portal" });
    expect(ticket.resolutionDueAt).toBeInstanceOf(Date);
    expect(classification.reasons).toEqual(["no cooling"]);
    const events = await stores.tickets.events(ticket.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "created", visibility: "public", toStatus: "new" });
    expect(events[0]?.data).toMatchObject({ classification: { category: "repair", urgency: "high" } });
    // The staff room hears about the new ticket through the outbox.
    expect(stores.outbox).toEqual([expect.objectContaining({ recipient: { kind: "staff_room" }, notification: expect.objectContaining({ kind: "staff.new_ticket" }) })]);
  });

  it("keeps a category the customer chose but still judges urgency", async () => {
    const { core } = buildCore({ classification: { category: "repair", urgency: "urgent" } });
    const { ticket } = await core.intake({ ...REPORT, category: "installation" });
    expect(ticket.category).toBe("installation");
    expect(ticket.urgency).toBe("urgent");
  });

  it("numbers tickets per local day, restarting after local midnight", async () => {
    const { core, clock } = buildCore({ start: "2026-11-23T15:58:00Z" });
    const first = await core.intake(REPORT);
    const second = await core.intake(REPORT);
    clock.set("2026-11-23T16:00:00Z"); // midnight in Shanghai
    const third = await core.intake(REPORT);
    expect([first.ticket.number, second.ticket.number, third.ticket.number]).toEqual(["SR202611230001", "SR202611230002", "SR202611240001"]);
  });

  it("returns the existing ticket when the same channel message is delivered again", async () => {
    const { core, stores } = buildCore();
    const report = { ...REPORT, channel: "telegram" as const, sourceMessageId: "update-42", identity: { channel: "telegram" as const, externalId: "777" } };
    const first = await core.intake(report);
    const again = await core.intake(report);
    expect(again.created).toBe(false);
    expect(again.ticket.number).toBe(first.ticket.number);
    expect((await stores.tickets.list({})).total).toBe(1);
    // The same message id on another channel is another message.
    const other = await core.intake({ ...report, channel: "wechat", identity: { channel: "wechat", externalId: "wx-1" } });
    expect(other.created).toBe(true);
  });

  it("links the same phone on two channels to one customer when the phone is verified", async () => {
    const { core } = buildCore();
    const fromPortal = await core.intake(REPORT);
    const fromTelegram = await core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "777", phoneVerified: true } });
    const again = await core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "777" } });
    expect(new Set([fromTelegram.ticket.customerId, again.ticket.customerId, fromPortal.ticket.customerId]).size).toBe(1);
  });

  it("keeps a chat account that only typed someone's phone apart from that phone's owner", async () => {
    const { core } = buildCore();
    const owner = await core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "alice", phoneVerified: true } });
    const stranger = await core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "mallory" } });
    expect(stranger.ticket.customerId).not.toBe(owner.ticket.customerId);
    const visible = await core.list({ customerId: stranger.ticket.customerId });
    expect(visible.tickets.map((ticket) => ticket.number)).toEqual([stranger.ticket.number]);
  });

  it.each([
    [{ phone: "not a phone" }, ["phone"]],
    [{ phone: "12" }, ["phone"]],
    [{ name: "" }, ["name"]],
    [{ description: "x".repeat(4001) }, ["description"]],
    [{ description: "" , phone: "abc" }, ["phone", "description"]],
    [{ category: "spaceship" }, ["category"]],
  ])("refuses %j naming the fields to fix", async (change, fields) => {
    const { core, stores } = buildCore();
    const attempt = core.intake({ ...REPORT, ...change } as typeof REPORT);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "validation" });
    const error = (await attempt.catch((caught: unknown) => caught)) as AppError;
    expect([...(error.params.fields as string[])].sort()).toEqual([...fields].sort());
    expect((await stores.tickets.list({})).total).toBe(0);
  });
});

describe("repeated complaints", () => {
  it("raises urgency and alerts supervisors when the same customer complains again within 4 h", async () => {
    const { core, stores, clock, addStaff } = buildCore({ classification: { category: "complaint", urgency: "normal" } });
    await addStaff("Chen", "supervisor", { telegram: "8001" });
    const first = await core.intake(REPORT);
    expect(first.ticket.urgency).toBe("normal");
    clock.advance(3 * 60);
    stores.outbox.length = 0;
    const second = await core.intake({ ...REPORT, phone: "+86 138 0013 8000" });
    expect(second.ticket.urgency).toBe("high");
    expect(second.classification.reasons).toContain("repeated complaint within 4 h");
    const events = await stores.tickets.events(second.ticket.id);
    expect(events.map((event) => event.type)).toEqual(["created", "escalated", "supervisors_alerted"]);
    expect(stores.outbox.filter((intent) => intent.notification.kind === "staff.escalated").map((intent) => intent.recipient.kind)).toEqual(["staff_room", "staff"]);
    expect(stores.outbox.find((intent) => intent.notification.kind === "staff.escalated")?.notification).toMatchObject({ number: second.ticket.number });

    clock.advance(2 * 60);
    const third = await core.intake(REPORT);
    expect(third.ticket.urgency).toBe("high"); // 2 h after the second complaint
    clock.advance(4 * 60 + 1);
    const later = await core.intake(REPORT);
    expect(later.ticket.urgency).toBe("normal"); // more than 4 h after the last one
  });

  it("does not escalate a second report that is not a complaint", async () => {
    const { core } = buildCore({ classification: { category: "repair", urgency: "normal" } });
    await core.intake(REPORT);
    expect((await core.intake(REPORT)).ticket.urgency).toBe("normal");
  });
});
