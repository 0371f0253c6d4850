import { afterEach, describe, expect, it } from "vitest";
import { createStores, openDatabase } from "../../db/index.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fixture(options?: Parameters<typeof buildDbCore>[0]) {
  const built = await buildDbCore(options);
  cleanups.push(built.cleanup);
  return built;
}

// What each port promises (versions, numbering, idempotency, list filters…) is in
// test/contracts/, run on this store and on the in-memory fakes; these tests drive the store
// through the core: intake end to end, races, a restart.
describe("Prisma ticket store on SQLite", () => {
  it("stores a report with its attachments, customer and first event", async () => {
    const { core, stores, db } = await fixture();
    const { ticket } = await core.intake({
      ...REPORT,
      attachments: [{ fileName: "photo.jpg", mimeType: "image/jpeg", sizeBytes: 1234, storagePath: "uploads/a.jpg" }],
    });
    const found = await stores.tickets.findByNumber(ticket.number);
    expect(found).toMatchObject({ number: "SR202611240001", status: "new", phone: "13800138000", product: REPORT.product });
    expect(found?.attachments).toEqual([expect.objectContaining({ fileName: "photo.jpg", sizeBytes: 1234 })]);
    expect(await stores.customers.findByPhone("13800138000")).toMatchObject({ name: REPORT.name });
    expect(await stores.tickets.events(ticket.id)).toEqual([
      expect.objectContaining({ type: "created", visibility: "public", actor: { kind: "customer", id: ticket.customerId, name: REPORT.name }, channel: "portal" }),
    ]);
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it("gives 50 concurrent creates 50 distinct consecutive numbers", async () => {
    const { core } = await fixture();
    const results = await Promise.all(Array.from({ length: 50 }, (_, index) => core.intake({ ...REPORT, name: `客户${index}` })));
    const numbers = results.map((result) => result.ticket.number).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[0]).toBe("SR202611240001");
    expect(numbers[49]).toBe("SR202611240050");
  });

  it("restarts the sequence on the next local day", async () => {
    const { core, clock } = await fixture({ start: "2026-11-23T15:59:00Z" });
    const before = await core.intake(REPORT);
    clock.advance(2);
    const after = await core.intake(REPORT);
    expect([before.ticket.number, after.ticket.number]).toEqual(["SR202611230001", "SR202611240001"]);
  });

  it("makes one ticket from the same channel message delivered ten times at once", async () => {
    const { core, stores } = await fixture();
    const report = { ...REPORT, channel: "telegram" as const, sourceMessageId: "tg-update-9", identity: { channel: "telegram" as const, externalId: "42" } };
    const results = await Promise.all(Array.from({ length: 10 }, () => core.intake(report)));
    expect(new Set(results.map((result) => result.ticket.number)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect((await stores.tickets.list({})).total).toBe(1);
  });

  it("links one customer across channels by phone", async () => {
    const { core, stores } = await fixture();
    const portal = await core.intake(REPORT);
    const telegram = await core.intake({ ...REPORT, channel: "telegram", phone: "+86 138-0013-8000", identity: { channel: "telegram", externalId: "42", phoneVerified: true } });
    expect(telegram.ticket.customerId).toBe(portal.ticket.customerId);
    expect(await stores.customers.findByIdentity({ channel: "telegram", externalId: "42" })).toMatchObject({ id: portal.ticket.customerId });
  });

  it("stores a ticket sent back to the desk with no assignee", async () => {
    const { core, stores, addStaff } = await fixture();
    const agent = await addStaff("Lin", "agent");
    const tech = await addStaff("Zhao", "technician");
    const { ticket } = await core.intake(REPORT);
    await core.assign(ticket.number, "Zhao", agent);
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: tech });
    expect((await stores.tickets.findById(ticket.id))?.assigneeId).toBeUndefined();
    expect((await stores.tickets.list({ assigneeId: null })).tickets.map((row) => row.number)).toContain(ticket.number);
  });

  it("lets one of two simultaneous closes win and keeps the timeline consistent", async () => {
    const { core, stores, addStaff } = await fixture();
    const agent = await addStaff("Lin", "agent");
    const other = await addStaff("Wu", "agent");
    const { ticket } = await core.intake(REPORT);
    await core.take(ticket.number, agent);
    const results = await Promise.allSettled([core.close(ticket.number, agent, "fixed"), core.close(ticket.number, other, "fixed too")]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const events = await stores.tickets.events(ticket.id);
    expect(events.filter((event) => event.toStatus === "closed")).toHaveLength(1);
    expect(await stores.surveys.findByTicket(ticket.id)).toMatchObject({ status: "pending" });
  });

  it("records one answer of five racing survey answers", async () => {
    const { core, stores, addStaff } = await fixture();
    const agent = await addStaff("Lin", "agent");
    const { ticket } = await core.intake(REPORT);
    await core.close(ticket.number, agent, "answered at intake");
    const survey = await stores.surveys.findByTicket(ticket.id);
    const token = (await import("../../server/token-signer.ts")).createTokenSigner("test-secret").sign(survey!.id);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((score) => core.answerSurvey(token, { score }, "portal")));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const answered = (await stores.tickets.events(ticket.id)).filter((event) => event.type === "survey_answered");
    expect(answered).toHaveLength(1);
  });

  it("adds one comment of three racing after a low score, noting it on the follow-up and for supervisors", async () => {
    const { core, stores, db, addStaff } = await fixture();
    const agent = await addStaff("Lin", "agent");
    const supervisor = await addStaff("Chen", "supervisor", { telegram: "8001" });
    const { ticket } = await core.intake(REPORT);
    await core.close(ticket.number, agent, "answered at intake");
    const survey = await stores.surveys.findByTicket(ticket.id);
    const token = (await import("../../server/token-signer.ts")).createTokenSigner("test-secret").sign(survey!.id);
    await core.answerSurvey(token, { score: 2 }, "telegram");
    expect(await db.followUpTask.findMany({ where: { ticketId: ticket.id } })).toEqual([expect.objectContaining({ status: "open", note: null })]);

    const results = await Promise.allSettled(["late", "rude", "slow"].map((comment) => core.addSurveyComment(token, comment, "telegram")));
    const recorded = results.flatMap((result) => (result.status === "fulfilled" ? [result.value.comment] : []));
    expect(recorded).toHaveLength(1);
    expect(await stores.surveys.findById(survey!.id)).toMatchObject({ score: 2, comment: recorded[0] });
    const commented = (await stores.tickets.events(ticket.id)).filter((event) => event.type === "survey_commented");
    expect(commented).toEqual([expect.objectContaining({ note: recorded[0], data: { surveyId: survey!.id, score: 2 } })]);
    expect(await db.followUpTask.findMany({ where: { ticketId: ticket.id } })).toEqual([expect.objectContaining({ note: recorded[0] })]);
    const alerts = await db.outboxMessage.findMany({ where: { ticketId: ticket.id, payload: { contains: "staff.low_score_comment" } } });
    expect(alerts.map((row) => `${row.recipientKind}:${row.recipientId}`).sort()).toEqual([`staff:${supervisor.actor.id}`, "staff_room:"].sort());
  });

  it("keeps a stored report across a crash before the answer (a new connection finds it)", async () => {
    const { core, db, url } = await fixture();
    const { ticket } = await core.intake(REPORT);
    await db.$disconnect();
    const reopened = await openDatabase(url);
    try {
      const stores = createStores(reopened, () => "unused");
      expect(await stores.tickets.findByNumber(ticket.number)).toMatchObject({ description: REPORT.description });
    } finally {
      await reopened.$disconnect();
    }
  });

  it("keeps an event it cannot read on the timeline as an internal note, and reads older details", async () => {
    const { core, stores, db } = await fixture();
    const { ticket } = await core.intake(REPORT);
    const base = { ticketId: ticket.id, visibility: "public", actorKind: "system", channel: "system", at: new Date("2026-11-24T03:00:00Z") };
    await db.ticketEvent.create({ data: { ...base, type: "teleported", note: "beam me up", data: '{"to":"moon"}' } });
    await db.ticketEvent.create({ data: { ...base, type: "appointment_set", data: '{"appointmentAt":"2026-11-25T06:00:00.000Z"}' } });
    const [, unknown, appointment] = await stores.tickets.events(ticket.id);
    expect(unknown).toMatchObject({ type: "note", visibility: "internal", note: '[teleported] beam me up {"to":"moon"}' });
    expect(appointment).toMatchObject({ type: "appointment_set", visibility: "public", data: { appointmentAt: new Date("2026-11-25T06:00:00Z") } });
    expect((await core.publicView(ticket)).timeline.map((entry) => entry.type)).toEqual(["created", "appointment_set"]);
  });
});
