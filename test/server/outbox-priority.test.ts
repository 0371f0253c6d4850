import { afterEach, describe, expect, it, vi } from "vitest";
import { createCore, formatTicketNumber, type ChannelSender, type DeliveryTarget, type Notification, type OutgoingMessage } from "../../core/index.ts";
import { recordDeliveryFailure } from "../../core/notifications/record-delivery-failure.ts";
import { outboxId, outboxRow } from "../../db/outbox-rows.ts";
import { createOutboxStore } from "../../db/outbox-store.ts";
import { createLogger } from "../../server/logger.ts";
import { createOutboxWorker, DIGEST_MAX_TICKETS, STAFF_ROOM_DIGEST_THRESHOLD } from "../../server/outbox/outbox-worker.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Delivery = { to: string; kind: Notification["kind"]; numbers: string[]; text: string };

/** A channel that records, in the order it was asked, who got what; `gate` (if set) holds staff-room posts until opened. */
function recordingSender(): ChannelSender & { deliveries: Delivery[]; gate?: Promise<void> } {
  const deliveries: Delivery[] = [];
  const sender: ChannelSender & { deliveries: Delivery[]; gate?: Promise<void> } = {
    channel: "telegram",
    deliveries,
    async send(target: DeliveryTarget, message: OutgoingMessage) {
      if (target.kind === "staff_room" && sender.gate) await sender.gate;
      const { notification } = message;
      const numbers = notification.kind === "staff.digest" ? notification.tickets.map((entry) => entry.number) : "number" in notification ? [notification.number] : [];
      const to = target.kind === "staff_room" ? "room" : target.kind === "staff" ? `staff:${target.staff.name}` : `customer:${target.externalId}`;
      deliveries.push({ to, kind: notification.kind, numbers, text: message.rendered.text });
      return { status: "sent" };
    },
  };
  return sender;
}

async function setup(options: { digestThreshold?: number } = {}) {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const sender = recordingSender();
  const worker = createOutboxWorker({
    ...options,
    store: createOutboxStore(built.db),
    customers: built.stores.customers,
    staff: built.stores.staff,
    senders: [sender],
    clock: built.clock,
    logger: createLogger("silent"),
    staffLanguage: "en",
    timeZone: "Asia/Shanghai",
    publicUrl: null,
    onPermanentFailure: (row, reason) =>
      row.ticketId
        ? recordDeliveryFailure(built.deps, { ticketId: row.ticketId, recipient: row.recipient, channel: row.channel, reason, notification: row.notification?.kind ?? null })
        : Promise.resolve(),
  });
  // The same desk and database; this core's classifier finds every report urgent (a gas smell).
  const urgentCore = createCore({ ...built.deps, classify: () => ({ category: "repair", urgency: "urgent", confidence: 0.9, reasons: ["gas"] }) });
  return { ...built, sender, worker, urgentCore };
}

/**
 * A flood that happened before: `count` routine new-ticket posts waiting for the staff room,
 * written as the intake writes them (one row each, priority from core's rule).
 */
async function floodStaffRoom(built: Awaited<ReturnType<typeof setup>>, count: number): Promise<string[]> {
  const at = built.clock.now();
  const numbers = Array.from({ length: count }, (_, index) => formatTicketNumber("SR", "20261124", 1000 + index));
  const rows = numbers.map((number, index) =>
    outboxRow(
      {
        channel: "telegram",
        recipient: { kind: "staff_room" },
        notification: { kind: "staff.new_ticket", number, urgency: "normal", category: "repair", name: `客户${index}`, description: `第 ${index} 号：冰箱不制冷\n第二行不进摘要` },
      },
      outboxId(at, () => `flood${index}`),
      at,
    ),
  );
  for (let start = 0; start < rows.length; start += 500) await built.db.outboxMessage.createMany({ data: rows.slice(start, start + 500) });
  return numbers;
}

/** Passes until nothing is due (bounded, so a bug shows as a failure, not a hang). */
async function drain(worker: { runOnce(): Promise<number> }): Promise<number> {
  for (let pass = 1; pass <= 500; pass++) if ((await worker.runOnce()) === 0) return pass;
  throw new Error("the outbox did not drain in 500 passes");
}

describe("outbox priority under a flood", () => {
  it("delivers an urgent ticket's staff post and a technician's assignment in the first pass despite 5,000 routine posts, merges the routine posts into digests and loses none", async () => {
    const built = await setup();
    const { core, urgentCore, worker, sender, clock, db } = built;
    await built.addStaff("Zhao", "technician", { telegram: "7001" });
    const supervisor = await built.addStaff("Qian", "supervisor", { telegram: "7002" });
    const flooded = await floodStaffRoom(built, 5000);
    clock.advance(1);

    // After the flood: more reports from chat customers, an urgent one, and an assignment.
    const routine: string[] = [];
    for (let index = 0; index < 5; index++) {
      const { ticket } = await core.intake({ ...REPORT, channel: "telegram", language: "en", identity: { channel: "telegram", externalId: `90${index}` } });
      routine.push(ticket.number);
    }
    const { ticket: gas } = await urgentCore.intake({ ...REPORT, description: "煤气味很重", channel: "telegram", language: "en", identity: { channel: "telegram", externalId: "9100" } });
    await core.assign(routine[0]!, "Zhao", supervisor);
    await core.reply(routine[0]!, "We are on our way.", supervisor);

    await worker.runOnce();
    const first = [...sender.deliveries];
    expect(first).toContainEqual(expect.objectContaining({ to: "room", kind: "staff.new_ticket", numbers: [gas.number] }));
    expect(first).toContainEqual(expect.objectContaining({ to: "staff:Zhao", kind: "staff.assigned_to_you", numbers: [routine[0]] }));
    expect(first).toContainEqual(expect.objectContaining({ to: "staff:Qian", kind: "staff.urgent_report", numbers: [gas.number] }));
    // The urgent post went before any digest of the routine posts.
    const room = first.filter((delivery) => delivery.to === "room");
    expect(room[0]).toMatchObject({ kind: "staff.new_ticket", numbers: [gas.number] });

    // The routine posts were merged, not sent one by one.
    expect(await db.outboxMessage.count({ where: { status: "merged" } })).toBeGreaterThan(STAFF_ROOM_DIGEST_THRESHOLD);

    const passes = await drain(worker);
    expect(passes).toBeLessThan(100);
    expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(0);

    // Nothing lost: every routine ticket appears exactly once in the staff room (in a digest or its own post).
    const roomNumbers = sender.deliveries.filter((delivery) => delivery.to === "room").flatMap((delivery) => delivery.numbers);
    const counts = new Map<string, number>();
    for (const number of roomNumbers) counts.set(number, (counts.get(number) ?? 0) + 1);
    for (const number of [...flooded, ...routine, gas.number]) expect(counts.get(number), number).toBe(1);
    const digests = sender.deliveries.filter((delivery) => delivery.kind === "staff.digest");
    expect(digests.length).toBeGreaterThanOrEqual(Math.ceil(5000 / DIGEST_MAX_TICKETS));
    expect(digests.length).toBeLessThan(5000 / 10);
    // Oldest first, within and across digests.
    const digested = digests.flatMap((delivery) => delivery.numbers).filter((number) => flooded.includes(number));
    expect(digested).toEqual(flooded.slice(0, digested.length));
    // A digest fits one Telegram message and names each ticket with a one-line summary.
    for (const digest of digests) expect(digest.text.length).toBeLessThanOrEqual(4096);
    expect(digests[0]!.text).toContain(`${flooded[0]} [Normal/Repair] 客户0: 第 0 号：冰箱不制冷`);
    expect(digests[0]!.text).not.toContain("第二行");

    // Every merged row points at a digest that was sent: the table tells the truth about each post.
    const merged = await db.outboxMessage.findMany({ where: { status: "merged" }, select: { mergedInto: true } });
    const digestIds = [...new Set(merged.map((row) => row.mergedInto))];
    expect(await db.outboxMessage.count({ where: { id: { in: digestIds.filter((id): id is string => id !== null) }, status: "sent" } })).toBe(digestIds.length);
    expect(merged).toHaveLength(digests.flatMap((delivery) => delivery.numbers).length);

    // Each recipient's messages about a ticket kept their order.
    const customer = sender.deliveries.filter((delivery) => delivery.to === "customer:900").map((delivery) => delivery.kind);
    expect(customer).toEqual(["customer.assigned", "customer.reply"]);
  }, 180_000);

  it("keeps a ticket's staff-room messages in order when a later one is more urgent", async () => {
    const built = await setup();
    const { core, worker, sender, db } = built;
    const supervisor = await built.addStaff("Qian", "supervisor", { telegram: "7002" });
    await floodStaffRoom(built, 3);
    const { ticket } = await core.intake({ ...REPORT, channel: "telegram", language: "en", identity: { channel: "telegram", externalId: "901" } });
    // The escalation notice is more urgent than a routine post: the ticket's waiting post is raised with it.
    await core.escalate(ticket.number, supervisor, "the customer is angry");
    const rows = await db.outboxMessage.findMany({ where: { ticketId: ticket.id, recipientKind: "staff_room" }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.priority)).toEqual([1, 1]);
    await drain(worker);
    const room = sender.deliveries.filter((delivery) => delivery.to === "room");
    expect(room.slice(0, 2).map((delivery) => [delivery.kind, delivery.numbers[0]])).toEqual([
      ["staff.new_ticket", ticket.number],
      ["staff.escalated", ticket.number],
    ]);
    // Below the threshold nothing is merged.
    expect(await db.outboxMessage.count({ where: { status: "merged" } })).toBe(0);
    expect(room).toHaveLength(5);
  });

  it("takes at most a few rows of one recipient per pass, so a long queue never hides the others", async () => {
    const built = await setup();
    const store = createOutboxStore(built.db);
    await floodStaffRoom(built, 200);
    const { ticket } = await built.core.intake({ ...REPORT, channel: "telegram", language: "en", identity: { channel: "telegram", externalId: "901" } });
    await built.core.take(ticket.number, await built.addStaff("Lin", "agent"));
    const due = await store.due(built.clock.now(), ["telegram"], { limit: 10, perRecipient: 3 });
    expect(due.filter((row) => row.recipient.kind === "staff_room")).toHaveLength(3);
    // The customer's message came last of all but is in the batch.
    expect(due.filter((row) => row.recipient.kind === "customer").map((row) => row.ticketId)).toEqual([ticket.id]);
    // Most urgent first: the customer's "assigned" (normal) before the routine posts.
    expect(due[0]).toMatchObject({ recipient: { kind: "customer" }, priority: 1 });
    // Not yet due is not read.
    expect(await store.due(new Date(built.clock.now().getTime() - 120_000), ["telegram"], { limit: 10, perRecipient: 3 })).toEqual([]);
  });

  it("does not let a slow staff room hold up a technician's private message while the loop runs", async () => {
    const built = await setup();
    const { core, worker, sender } = built;
    await built.addStaff("Zhao", "technician", { telegram: "7001" });
    const supervisor = await built.addStaff("Qian", "supervisor", { telegram: "7002" });
    const { ticket } = await core.intake({ ...REPORT, channel: "portal" });
    // The staff room answers only when the test opens the gate (a group at Telegram's limit).
    let open = () => {};
    sender.gate = new Promise<void>((resolve) => (open = resolve));
    worker.start();
    await core.assign(ticket.number, "Zhao", supervisor);
    worker.kick();
    await vi.waitFor(() => expect(sender.deliveries).toContainEqual(expect.objectContaining({ to: "staff:Zhao", kind: "staff.assigned_to_you" })), { timeout: 20_000, interval: 20 });
    expect(sender.deliveries.some((delivery) => delivery.to === "room")).toBe(false);
    open();
    await vi.waitFor(() => expect(sender.deliveries).toContainEqual(expect.objectContaining({ to: "room", kind: "staff.new_ticket" })), { timeout: 20_000, interval: 20 });
    await worker.stop();
  }, 60_000);

  it("settles the posts a digest carries: sent with it, or failed with it and recorded on each ticket", async () => {
    const built = await setup({ digestThreshold: 2 });
    const { core, worker, sender, db, stores } = built;
    const tickets = [];
    for (let index = 0; index < 4; index++) tickets.push((await core.intake({ ...REPORT, channel: "portal" })).ticket);
    // The staff chat refuses the digest for good (the bot was removed from the group).
    Object.assign(sender, { send: async () => ({ status: "failed", reason: "403: bot was kicked from the group chat" }) });
    await worker.runOnce();
    const rows = await db.outboxMessage.findMany({ where: { recipientKind: "staff_room" }, orderBy: { id: "asc" } });
    const digest = rows.find((row) => row.payload.includes("staff.digest"));
    expect(digest).toMatchObject({ status: "failed" });
    expect(rows.filter((row) => row.mergedInto === digest?.id).map((row) => row.status)).toEqual(["failed", "failed", "failed", "failed"]);
    for (const ticket of tickets) {
      expect((await stores.tickets.events(ticket.id)).at(-1)).toMatchObject({ type: "notification_failed", data: { recipient: "staff_room", notification: "staff.new_ticket" } });
    }

    // Sent: the carried posts keep `merged` and get the digest's send time.
    const more = [];
    for (let index = 0; index < 3; index++) more.push((await core.intake({ ...REPORT, channel: "portal" })).ticket);
    const fresh = recordingSender();
    Object.assign(sender, { send: fresh.send });
    await worker.runOnce();
    const carried = await db.outboxMessage.findMany({ where: { ticketId: { in: more.map((ticket) => ticket.id) }, recipientKind: "staff_room" } });
    expect(carried.map((row) => [row.status, row.sentAt?.toISOString()])).toEqual(carried.map(() => ["merged", built.clock.now().toISOString()]));
    expect(fresh.deliveries.map((delivery) => [delivery.kind, delivery.numbers])).toEqual([["staff.digest", more.map((ticket) => ticket.number)]]);
  });
});
