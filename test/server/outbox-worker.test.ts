import { afterEach, describe, expect, it } from "vitest";
import { recordDeliveryFailure } from "../../core/notifications/record-delivery-failure.ts";
import { createOutboxStore } from "../../db/outbox-store.ts";
import type { ChannelSender, DeliveryTarget, OutgoingMessage, SendResult } from "../../core/index.ts";
import { createOutboxWorker, RETRY_BUDGET_MS } from "../../server/outbox/outbox-worker.ts";
import { createLogger } from "../../server/logger.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A channel that records what it was asked to send and answers from a script. */
function scriptedSender(answers: SendResult[] = []): ChannelSender & { sent: { target: DeliveryTarget; message: OutgoingMessage }[] } {
  const sent: { target: DeliveryTarget; message: OutgoingMessage }[] = [];
  return {
    channel: "telegram",
    sent,
    async send(target, message) {
      sent.push({ target, message });
      return answers.shift() ?? { status: "sent" };
    },
  };
}

async function setup(sender: ChannelSender) {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const store = createOutboxStore(built.db);
  const worker = createOutboxWorker({
    store,
    customers: built.stores.customers,
    staff: built.stores.staff,
    senders: [sender],
    clock: built.clock,
    logger: createLogger("silent"),
    staffLanguage: "zh-Hans",
    timeZone: "Asia/Shanghai",
    publicUrl: "http://desk.test",
    onPermanentFailure: (row, reason) =>
      row.ticketId
        ? recordDeliveryFailure(built.deps, { ticketId: row.ticketId, recipient: row.recipient, channel: row.channel, reason, notification: row.notification?.kind ?? null })
        : Promise.resolve(),
  });
  const { ticket } = await built.core.intake({ ...REPORT, channel: "telegram", language: "en", identity: { channel: "telegram", externalId: "9001" } });
  const agent = await built.addStaff("Lin", "agent");
  return { ...built, store, worker, ticket, agent };
}

describe("outbox worker", () => {
  it("delivers staff-room and customer messages in order, rendered in the reader's language", async () => {
    const sender = scriptedSender();
    const { core, worker, ticket, agent, db } = await setup(sender);
    await core.take(ticket.number, agent);
    await core.reply(ticket.number, "We will come tomorrow.", agent);
    expect(await worker.runOnce()).toBe(3);
    // Recipients are served side by side: the order that holds is each recipient's own.
    const to = (kind: DeliveryTarget["kind"]) => sender.sent.filter(({ target }) => target.kind === kind);
    expect(to("staff_room").map(({ message }) => message.notification.kind)).toEqual(["staff.new_ticket"]);
    expect(to("customer").map(({ message }) => message.notification.kind)).toEqual(["customer.assigned", "customer.reply"]);
    expect(to("staff_room")[0]?.message.rendered.text).toContain("新工单");
    expect(to("customer")[0]?.target).toMatchObject({ kind: "customer", externalId: "9001" });
    expect(to("customer")[0]?.message.rendered.text).toBe(`Your ticket ${ticket.number} has been assigned to Lin.`);
    expect(await db.outboxMessage.count({ where: { status: "sent" } })).toBe(3);
    expect(await worker.runOnce()).toBe(0);
  });

  it("retries after the channel's retry-after and keeps undelivered rows across a restart", async () => {
    const sender = scriptedSender([{ status: "retry", reason: "429 Too Many Requests", afterSeconds: 30 }]);
    const built = await setup(sender);
    expect(await built.worker.runOnce()).toBe(1);
    expect(await built.worker.runOnce()).toBe(0); // not due yet
    built.clock.advance(1);
    // A new worker over the same database stands in for a restarted process.
    const restarted = createOutboxWorker({
      store: createOutboxStore(built.db),
      customers: built.stores.customers,
      staff: built.stores.staff,
      senders: [sender],
      clock: built.clock,
      logger: createLogger("silent"),
      staffLanguage: "en",
      timeZone: "Asia/Shanghai",
      publicUrl: "http://desk.test",
      onPermanentFailure: async () => {},
    });
    expect(await restarted.runOnce()).toBe(1);
    expect(sender.sent).toHaveLength(2);
    const row = await built.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("records a permanent refusal on the ticket and tells the staff room", async () => {
    const sender = scriptedSender();
    const { core, worker, ticket, agent, stores, db } = await setup(sender);
    await worker.runOnce();
    sender.sent.length = 0;
    const blocked = scriptedSender([{ status: "failed", reason: "403 Forbidden: bot was blocked by the user" }]);
    Object.assign(sender, { send: blocked.send });
    await core.reply(ticket.number, "Any news?", agent);
    await worker.runOnce();
    const failedRow = await db.outboxMessage.findFirstOrThrow({ where: { status: "failed" } });
    expect(failedRow.lastError).toContain("blocked");
    const events = await stores.tickets.events(ticket.id);
    expect(events.at(-1)).toMatchObject({ type: "notification_failed", visibility: "internal", note: "403 Forbidden: bot was blocked by the user" });
    await worker.runOnce();
    expect(blocked.sent.map(({ message }) => message.notification.kind)).toEqual(["customer.reply", "staff.delivery_failed"]);
  });

  it("delivers rows stored before notifications were typed, and fails one it cannot read on the ticket", async () => {
    const sender = scriptedSender();
    const { worker, ticket, db, clock, stores } = await setup(sender);
    await worker.runOnce();
    sender.sent.length = 0;
    // Rows as the previous version wrote them: a catalog key and string parameters.
    const at = clock.now();
    const stored = (sequence: number, payload: unknown) =>
      db.outboxMessage.create({
        data: {
          id: `${String(at.getTime()).padStart(14, "0")}-${String(sequence).padStart(6, "0")}-legacy00`,
          channel: "telegram",
          recipientKind: "customer",
          recipientId: ticket.customerId,
          ticketId: ticket.id,
          payload: JSON.stringify(payload),
          status: "pending",
          attempts: 0,
          nextAttemptAt: at,
          createdAt: at,
        },
      });
    await stored(1, { key: "notify.customer.scheduled", params: { number: ticket.number, appointment: "2026-11-25T06:00:00.000Z" } });
    await stored(2, { key: "notify.customer.survey", params: { number: ticket.number, surveyId: "survey-1", link: "http://desk.test/survey/c3VydmV5LTE.abc" } });
    await stored(3, { key: "notify.customer.teleported", params: { number: ticket.number } });
    await worker.runOnce();
    expect(sender.sent.map(({ message }) => message.rendered.text)).toEqual([
      `A visit for ticket ${ticket.number} is scheduled for 25 Nov 2026, 14:00.`,
      `How satisfied are you with how ticket ${ticket.number} was handled? Rate us 1–5: http://desk.test/survey/c3VydmV5LTE.abc`,
    ]);
    expect(sender.sent[1]?.message.rendered.buttons).toHaveLength(5);
    const unreadable = await db.outboxMessage.findFirstOrThrow({ where: { status: "failed" } });
    expect(unreadable.lastError).toContain("customer.teleported");
    expect((await stores.tickets.events(ticket.id)).at(-1)).toMatchObject({ type: "notification_failed", data: { recipient: "customer", notification: null } });
    await worker.runOnce();
    expect(sender.sent.at(-1)?.message.notification.kind).toBe("staff.delivery_failed");
  });

  it("keeps retrying through an outage of hours and gives up only after a day", async () => {
    const sender = scriptedSender(Array.from({ length: 200 }, () => ({ status: "retry" as const, reason: "ECONNRESET" })));
    const { worker, clock, db } = await setup(sender);
    for (let hour = 0; hour < 23; hour++) {
      await worker.runOnce();
      clock.advance(60);
    }
    expect((await db.outboxMessage.findFirstOrThrow()).status).toBe("pending");
    clock.advance(RETRY_BUDGET_MS / 60_000);
    await worker.runOnce();
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("gave up");
  });

  it("pauses the channel on a rate limit and keeps each recipient's messages in order", async () => {
    const sender = scriptedSender();
    const { core, worker, ticket, agent, clock } = await setup(sender);
    await worker.runOnce();
    sender.sent.length = 0;
    await core.take(ticket.number, agent);
    await core.reply(ticket.number, "first reply", agent);
    await core.reply(ticket.number, "second reply", agent);
    const limited = scriptedSender([{ status: "retry", reason: "429 Too Many Requests: retry after 40", afterSeconds: 40 }]);
    Object.assign(sender, { send: limited.send });
    await worker.runOnce();
    // One attempt, then nothing else on the channel during this pass.
    expect(limited.sent.map(({ message }) => message.notification.kind)).toEqual(["customer.assigned"]);
    clock.advance(1);
    await worker.runOnce();
    expect(limited.sent.map(({ message }) => message.notification.kind)).toEqual([
      "customer.assigned",
      "customer.assigned",
      "customer.reply",
      "customer.reply",
    ]);
    expect(limited.sent.slice(2).map(({ message }) => message.rendered.text)).toEqual([expect.stringContaining("first reply"), expect.stringContaining("second reply")]);
  });

  it("fails a message whose customer has no account on the channel", async () => {
    const sender = scriptedSender();
    const { core, worker, agent, db } = await setup(sender);
    const { ticket } = await core.intake({ ...REPORT, phone: "13900000000", channel: "telegram" });
    await worker.runOnce();
    await core.take(ticket.number, agent);
    await worker.runOnce();
    expect(await db.outboxMessage.findFirst({ where: { status: "failed" } })).toMatchObject({ lastError: "customer has no telegram account" });
  });
});
