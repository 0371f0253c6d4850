import { describe, expect, it } from "vitest";
import { checkSlaClocks } from "../../../core/scheduling/check-sla-clocks.ts";
import { recordReturnVisit } from "../../../core/scheduling/return-visits.ts";
import { nextCallingSlot } from "../../../core/visits/calling-slot.ts";
import { createTokenSigner } from "../../../server/token-signer.ts";
import type { TicketEvent } from "../../../core/tickets/types.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

const TELEGRAM_REPORT = { ...REPORT, channel: "telegram" as const, identity: { channel: "telegram" as const, externalId: "77" } };

async function eventsOf(fixture: ReturnType<typeof buildCore>, number: string) {
  const ticket = await fixture.stores.tickets.findByNumber(number);
  return fixture.stores.tickets.events(ticket!.id);
}

/** The clock an SLA event is about. */
const slaClock = (event: TicketEvent) => (event.type === "sla_warning" || event.type === "sla_breached" ? event.data.clock : undefined);

describe("SLA clocks", () => {
  it("warns at 80% and records the breach once, escalating urgent work to supervisors", async () => {
    // Tue 2026-11-24 10:00 in Shanghai; urgent work is due in 2 wall-clock hours.
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z", classification: { urgency: "urgent" } });
    const supervisor = await fixture.addStaff("Chen", "supervisor", { telegram: "8001" });
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    expect(ticket.firstResponseDueAt).toEqual(new Date("2026-11-24T04:00:00Z"));
    expect(ticket.firstResponseWarnAt).toEqual(new Date("2026-11-24T03:36:00Z"));

    fixture.clock.set("2026-11-24T03:35:00Z");
    expect((await fixture.core.runDueJobs()).slaEvents).toBe(0);
    fixture.clock.set("2026-11-24T03:40:00Z");
    expect((await fixture.core.runDueJobs()).slaEvents).toBe(1);
    expect((await fixture.core.runDueJobs()).slaEvents).toBe(0);

    fixture.clock.set("2026-11-24T04:01:00Z");
    fixture.stores.outbox.length = 0;
    await fixture.core.runDueJobs();
    await fixture.core.runDueJobs();
    const types = (await eventsOf(fixture, ticket.number)).map((event) => event.type);
    expect(types.filter((type) => type === "sla_warning")).toHaveLength(1);
    expect(types.filter((type) => type === "sla_breached")).toHaveLength(1);
    expect(types).toContain("escalated");
    // Who was alerted privately about the breach is on the timeline, as for /escalate.
    expect(types.filter((type) => type === "supervisors_alerted")).toHaveLength(2); // at intake (urgent) and at the breach
    const recipients = fixture.stores.outbox.map((intent) => `${intent.recipient.kind}:${intent.notification.kind}`);
    expect(recipients).toContain("staff_room:staff.sla_breached");
    expect(recipients).toContain("staff:staff.escalated");
    expect(fixture.stores.outbox.find((intent) => intent.recipient.kind === "staff")?.recipient).toEqual({ kind: "staff", staffId: supervisor.actor.kind === "staff" ? supervisor.actor.id : "" });
  });

  it("stops the first-response clock when staff respond", async () => {
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z", classification: { urgency: "urgent" } });
    const agent = await fixture.addStaff("Lin", "agent");
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    fixture.clock.set("2026-11-24T02:30:00Z");
    await fixture.core.take(ticket.number, agent);
    fixture.clock.set("2026-11-24T05:00:00Z"); // first response was due at 04:00, but it was given
    await fixture.core.runDueJobs();
    expect((await eventsOf(fixture, ticket.number)).filter((event) => event.type.startsWith("sla_"))).toEqual([]);
    fixture.clock.set("2026-11-24T08:30:00Z"); // 80% of the 8 h resolution target
    await fixture.core.runDueJobs();
    const slaEvents = (await eventsOf(fixture, ticket.number)).filter((event) => event.type.startsWith("sla_"));
    expect(slaEvents.map((event) => [event.type, slaClock(event)])).toEqual([["sla_warning", "resolution"]]);
  });

  it("does not count time pending on the customer", async () => {
    // Normal urgency: resolution in 7 working days; pending for 10 calendar days pushes it out.
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z" });
    const agent = await fixture.addStaff("Lin", "agent");
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    await fixture.core.changeStatus({ number: ticket.number, status: "pending", note: "waiting for the customer's photos", initiator: agent });
    fixture.clock.set("2026-12-04T02:00:00Z");
    await fixture.core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    fixture.clock.set("2026-12-05T02:00:00Z");
    await fixture.core.runDueJobs();
    const slaEvents = (await eventsOf(fixture, ticket.number)).filter((event) => slaClock(event) === "resolution");
    expect(slaEvents).toEqual([]);
  });
});

describe("SLA candidates drain", () => {
  it("stops looking at settled clocks and keeps newer tickets checked", async () => {
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z", classification: { urgency: "urgent" } });
    const agent = await fixture.addStaff("Lin", "agent");
    // Three tickets resolved on time, one breached without a warning (late pass), one paused.
    const settled: string[] = [];
    for (let index = 0; index < 3; index++) {
      const { ticket } = await fixture.core.intake({ ...TELEGRAM_REPORT, sourceMessageId: `s${index}` });
      await fixture.core.take(ticket.number, agent);
      await fixture.core.changeStatus({ number: ticket.number, status: "resolved", note: "fixed", initiator: agent });
      settled.push(ticket.number);
    }
    const late = await fixture.core.intake({ ...TELEGRAM_REPORT, sourceMessageId: "late" });
    const paused = await fixture.core.intake({ ...TELEGRAM_REPORT, sourceMessageId: "paused" });
    await fixture.core.take(paused.ticket.number, agent);
    await fixture.core.changeStatus({ number: paused.ticket.number, status: "pending", note: "waiting for parts", initiator: agent });

    fixture.clock.set("2026-11-24T12:00:00Z"); // after every urgent due time
    await fixture.core.runDueJobs();
    expect(await fixture.deps.scheduling.slaCandidates(fixture.clock.now(), 100)).toEqual([]);
    const lateTypes = (await eventsOf(fixture, late.ticket.number)).filter((event) => event.type.startsWith("sla_")).map((event) => event.type);
    expect(lateTypes.sort()).toEqual(["sla_breached", "sla_breached"]);

    // A new ticket is still checked even with a limit of one candidate per pass.
    const fresh = await fixture.core.intake({ ...TELEGRAM_REPORT, sourceMessageId: "fresh" });
    fixture.clock.advance(100);
    await checkSlaClocks(fixture.deps, { limit: 1 });
    expect((await eventsOf(fixture, fresh.ticket.number)).some((event) => event.type === "sla_warning")).toBe(true);

    // Resuming the paused ticket re-arms its clock; its breach is recorded at the next pass.
    await fixture.core.changeStatus({ number: paused.ticket.number, status: "in_progress", initiator: agent });
    fixture.clock.advance(9 * 60);
    await fixture.core.runDueJobs();
    const pausedTypes = (await eventsOf(fixture, paused.ticket.number)).map((event) => event.type);
    expect(pausedTypes.filter((type) => type === "clock_resumed")).toHaveLength(1);
    expect(pausedTypes).toContain("sla_breached");
    for (const number of settled) expect((await eventsOf(fixture, number)).some((event) => event.type === "sla_breached" && slaClock(event) === "resolution")).toBe(false);
  });

  it("resumes the clock whichever way a ticket leaves pending, and un-resolves on objection", async () => {
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z" });
    const agent = await fixture.addStaff("Lin", "agent");
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    await fixture.core.changeStatus({ number: ticket.number, status: "pending", note: "waiting for the customer", initiator: agent });
    const assigned = await fixture.core.assign(ticket.number, "Lin", agent);
    expect(assigned).toMatchObject({ status: "assigned", statusBeforePending: undefined });
    const types = (await eventsOf(fixture, ticket.number)).map((event) => event.type);
    expect(types.filter((type) => type === "clock_paused")).toHaveLength(1);
    expect(types.filter((type) => type === "clock_resumed")).toHaveLength(1);

    await fixture.core.changeStatus({ number: ticket.number, status: "in_progress", initiator: agent });
    await fixture.core.changeStatus({ number: ticket.number, status: "resolved", note: "fixed", initiator: agent });
    const objected = await fixture.core.changeStatus({ number: ticket.number, status: "in_progress", note: "customer says it still leaks", initiator: agent });
    expect(objected).toMatchObject({ status: "in_progress", resolvedAt: undefined, resolution: undefined });
  });
});

describe("surveys", () => {
  it("reminds once after a day and expires after seven", async () => {
    const fixture = buildCore();
    const agent = await fixture.addStaff("Lin", "agent");
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    await fixture.core.close(ticket.number, agent, "explained");
    fixture.stores.outbox.length = 0;
    fixture.clock.advance(23 * 60);
    expect((await fixture.core.runDueJobs()).surveysReminded).toBe(0);
    fixture.clock.advance(2 * 60);
    expect((await fixture.core.runDueJobs()).surveysReminded).toBe(1);
    expect((await fixture.core.runDueJobs()).surveysReminded).toBe(0);
    expect(fixture.stores.outbox.filter((intent) => intent.notification.kind === "customer.survey_reminder")).toHaveLength(1);
    fixture.clock.advance(6 * 24 * 60);
    expect((await fixture.core.runDueJobs()).surveysExpired).toBe(1);
    expect((await fixture.stores.surveys.findByTicket(ticket.id))?.status).toBe("expired");
  });

  it("opens a supervisor follow-up due in 24 h for a score below 3", async () => {
    const fixture = buildCore();
    const agent = await fixture.addStaff("Lin", "agent");
    await fixture.addStaff("Chen", "supervisor", { telegram: "8001" });
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    await fixture.core.close(ticket.number, agent, "done");
    const survey = await fixture.stores.surveys.findByTicket(ticket.id);
    fixture.stores.outbox.length = 0;
    await fixture.core.answerSurvey(createTokenSigner("test-secret").sign(survey!.id), { score: 2, comment: "来得太晚" }, "telegram");
    expect(fixture.stores.followUps).toEqual([
      expect.objectContaining({ kind: "low_score", ticketId: ticket.id, role: "supervisor", status: "open", dueAt: new Date(fixture.clock.now().getTime() + 24 * 3600_000) }),
    ]);
    expect(fixture.stores.outbox.map((intent) => `${intent.recipient.kind}:${intent.notification.kind}`)).toEqual(["staff_room:staff.low_score", "staff:staff.low_score"]);
  });
});

describe("return visits and auto-close", () => {
  it("schedules a call-back three days after resolution at a calling hour and announces it once", async () => {
    // Resolved Tue 2026-11-24 10:00 Shanghai → earliest Fri 27th 10:00 → Fri 19:00.
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z" });
    const agent = await fixture.addStaff("Lin", "agent");
    const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
    await fixture.core.take(ticket.number, agent);
    await fixture.core.changeStatus({ number: ticket.number, status: "resolved", note: "fixed", initiator: agent });
    expect((await fixture.core.runDueJobs()).returnVisitsScheduled).toBe(1);
    expect((await fixture.core.runDueJobs()).returnVisitsScheduled).toBe(0);
    const visit = await fixture.deps.scheduling.findReturnVisit(ticket.id);
    expect(visit?.dueAt).toEqual(new Date("2026-11-27T11:00:00Z"));

    fixture.clock.set("2026-11-27T11:05:00Z");
    expect((await fixture.core.runDueJobs()).returnVisitsAnnounced).toBe(1);
    expect((await fixture.core.runDueJobs()).returnVisitsAnnounced).toBe(0);

    const unreached = await recordReturnVisit(fixture.deps, { number: ticket.number, outcome: "unreached", initiator: agent });
    expect(unreached).toMatchObject({ status: "scheduled", attempts: 1, dueAt: new Date("2026-11-28T11:05:00Z") }); // a day later, Sat 19:05
    const reached = await recordReturnVisit(fixture.deps, { number: ticket.number, outcome: "reached", note: "works fine", initiator: agent });
    expect(reached).toMatchObject({ status: "done", attempts: 2, outcome: "reached" });
  });

  it("closes a resolved ticket after seven days without objection, but not a reopened one", async () => {
    const fixture = buildCore();
    const agent = await fixture.addStaff("Lin", "agent");
    const first = await fixture.core.intake(TELEGRAM_REPORT);
    const second = await fixture.core.intake({ ...TELEGRAM_REPORT, sourceMessageId: "m2" });
    for (const { ticket } of [first, second]) {
      await fixture.core.take(ticket.number, agent);
      await fixture.core.changeStatus({ number: ticket.number, status: "resolved", note: "fixed", initiator: agent });
    }
    fixture.clock.advance(3 * 24 * 60);
    await fixture.core.reopen(second.ticket.number, agent, "still noisy");
    fixture.clock.advance(4 * 24 * 60 + 1);
    expect((await fixture.core.runDueJobs()).autoClosed).toBe(1);
    expect((await fixture.core.runDueJobs()).autoClosed).toBe(0);
    // The staff's resolution stays what the customer reads; why it closed is on the timeline.
    expect(await fixture.stores.tickets.findByNumber(first.ticket.number)).toMatchObject({ status: "closed", resolution: "fixed" });
    expect((await fixture.stores.tickets.events(first.ticket.id)).find((event) => event.toStatus === "closed")?.note).toBe("auto-closed after 7 days without objection");
    expect((await fixture.stores.tickets.findByNumber(second.ticket.number))?.status).toBe("accepted");
    expect(await fixture.stores.surveys.findByTicket(first.ticket.id)).toMatchObject({ status: "pending" });
  });
});

describe("calling hours", () => {
  it.each([
    ["2026-11-24T01:30:00Z", "2026-11-24T11:00:00Z"], // Tue 09:30 (avoid 9–10) → Tue 19:00
    ["2026-11-24T11:30:00Z", "2026-11-24T11:30:00Z"], // Tue 19:30 is fine
    ["2026-11-24T13:30:00Z", "2026-11-25T11:00:00Z"], // Tue 21:30 → Wed 19:00
    ["2026-11-27T14:00:00Z", "2026-11-28T06:00:00Z"], // Fri 22:00 → Sat 14:00
    ["2026-11-28T07:00:00Z", "2026-11-28T07:00:00Z"], // Sat 15:00 is fine
    ["2026-11-28T09:30:00Z", "2026-11-28T11:00:00Z"], // Sat 17:30 → Sat 19:00
  ])("%s → %s", (earliest, expected) => {
    expect(nextCallingSlot(new Date(earliest), "Asia/Shanghai").toISOString()).toBe(new Date(expected).toISOString());
  });
});
