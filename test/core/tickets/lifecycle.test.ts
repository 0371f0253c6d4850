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
  return { ...fixture, agent, tech, supervisor, customer, number: ticket.number, ticketId: ticket.id };
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

describe("dispatch", () => {
  it("assigns one holder, then transfers keeping the status, all on the timeline", async () => {
    const { core, stores, agent, tech, supervisor, number, ticketId } = await setup();
    let ticket = await core.assign(number, "Zhao", agent);
    expect(ticket).toMatchObject({ status: "assigned", assigneeId: tech.actor.kind === "staff" ? tech.actor.id : "" });
    expect(ticket.firstResponseAt).toBeInstanceOf(Date);
    ticket = await core.changeStatus({ number, status: "in_progress", initiator: tech });
    ticket = await core.assign(number, "Chen", agent);
    expect(ticket.status).toBe("in_progress");
    expect(ticket.assigneeId).toBe(supervisor.actor.kind === "staff" ? supervisor.actor.id : "");
    const types = (await stores.tickets.events(ticketId)).map((event) => event.type);
    expect(types).toEqual(["created", "assigned", "status_changed", "status_changed", "transferred"]);
  });

  it("lets a technician take a ticket but not hand it to someone else", async () => {
    const { core, tech, number } = await setup();
    const taken = await core.take(number, tech);
    expect(taken.status).toBe("assigned");
    expect(await errorOf(core.assign(number, "Lin", tech))).toMatchObject({ code: "forbidden" });
  });

  it("tells the customer and the new holder", async () => {
    const { core, stores, agent, number } = await setup();
    stores.outbox.length = 0;
    await core.assign(number, "Zhao", agent);
    expect(stores.outbox.map((intent) => [intent.recipient.kind, intent.notification.kind])).toEqual([
      ["customer", "customer.assigned"],
      ["staff", "staff.assigned_to_you"],
    ]);
    expect(stores.outbox[0]?.notification).toMatchObject({ number, assigneeName: "Zhao" });
  });

  it("refuses an unknown assignee", async () => {
    const { core, agent, number } = await setup();
    expect(await errorOf(core.assign(number, "nobody", agent))).toMatchObject({ code: "validation" });
  });
});

describe("status changes", () => {
  it("names the current status and the allowed next ones on an illegal move", async () => {
    const { core, agent, number } = await setup();
    const error = await errorOf(core.changeStatus({ number, status: "in_progress", initiator: agent }));
    expect(error).toMatchObject({ code: "illegal_transition", params: { from: "new", to: "in_progress" } });
    expect(error?.params.allowed).toContain("accepted");
  });

  it("remembers where a pending ticket was and records the clock pause", async () => {
    const { core, stores, agent, tech, number, ticketId } = await setup();
    await core.assign(number, "Zhao", agent);
    await core.changeStatus({ number, status: "in_progress", initiator: tech });
    let ticket = await core.changeStatus({ number, status: "pending", note: "waiting for parts", initiator: tech });
    expect(ticket.statusBeforePending).toBe("in_progress");
    ticket = await core.changeStatus({ number, status: "in_progress", initiator: tech });
    expect(ticket.statusBeforePending).toBeUndefined();
    const types = (await stores.tickets.events(ticketId)).map((event) => event.type);
    expect(types).toContain("clock_paused");
    expect(types).toContain("clock_resumed");
  });

  it("sets the appointment when scheduling a visit", async () => {
    const { core, stores, agent, tech, number } = await setup();
    await core.assign(number, "Zhao", agent);
    stores.outbox.length = 0;
    const at = new Date("2026-11-25T06:00:00Z");
    const ticket = await core.changeStatus({ number, status: "scheduled", appointmentAt: at, initiator: tech });
    expect(ticket.appointmentAt).toEqual(at);
    expect(stores.outbox.map((intent) => intent.notification.kind)).toEqual(["customer.scheduled"]);
  });

  it("clears the assignee when a ticket goes back to the desk", async () => {
    const { core, agent, tech, number } = await setup();
    await core.assign(number, "Zhao", agent);
    expect((await core.show(number)).assigneeName).toBe("Zhao");
    const back = await core.changeStatus({ number, status: "accepted", note: "wrong skill", initiator: tech });
    expect(back.status).toBe("accepted");
    expect(back.assigneeId).toBeUndefined();
    expect((await core.show(number)).assigneeName).toBeNull();
  });

  it("refuses an appointment that has already passed, saying which field and why", async () => {
    const { core, agent, tech, number } = await setup();
    await core.assign(number, "Zhao", agent);
    const past = new Date("2026-11-23T06:00:00Z");
    const error = await errorOf(core.changeStatus({ number, status: "scheduled", appointmentAt: past, initiator: tech }));
    expect(error).toMatchObject({ code: "validation", params: { fields: ["appointmentAt"], issues: [{ field: "appointmentAt", problem: { kind: "in_past" } }] } });
    expect((await core.show(number)).status).toBe("assigned");
  });

  it("refuses staff commands from customers", async () => {
    const { core, customer, number } = await setup();
    expect(await errorOf(core.changeStatus({ number, status: "accepted", initiator: customer }))).toMatchObject({ code: "forbidden" });
    expect(await errorOf(core.close(number, customer))).toMatchObject({ code: "forbidden" });
  });

  it("answers not_found for unknown and malformed numbers", async () => {
    const { core, agent } = await setup();
    expect(await errorOf(core.take("SR209901010001", agent))).toMatchObject({ code: "not_found" });
    expect(await errorOf(core.take("garbage", agent))).toMatchObject({ code: "not_found" });
  });
});

describe("notes", () => {
  it("keeps internal notes from the customer's view and sends replies to them", async () => {
    const { core, stores, agent, number } = await setup();
    stores.outbox.length = 0;
    await core.note(number, "customer sounded upset", agent);
    await core.reply(number, "A technician will call you today.", agent);
    const view = await core.lookup(number, "8000");
    expect(view.timeline.map((entry) => entry.text).filter(Boolean)).toEqual(["A technician will call you today."]);
    expect(stores.outbox.map((intent) => intent.notification.kind)).toEqual(["customer.reply"]);
    const staffView = await core.show(number);
    expect(staffView.timeline.map((event) => event.note).filter(Boolean)).toEqual(["customer sounded upset", "A technician will call you today."]);
  });
});

describe("chase", () => {
  it("records chases, limits customers to one an hour and raises urgency on the second", async () => {
    const { core, clock, customer, number } = await setup();
    let ticket = await core.chase(number, customer);
    expect(ticket).toMatchObject({ chaseCount: 1, urgency: "normal" });
    expect(await errorOf(core.chase(number, customer))).toMatchObject({ code: "rate_limited" });
    clock.advance(61);
    ticket = await core.chase(number, customer);
    expect(ticket).toMatchObject({ chaseCount: 2, urgency: "high" });
  });

  it("hides other customers' tickets behind not_found", async () => {
    const { core, number } = await setup();
    const stranger: Initiator = { actor: { kind: "customer", id: "someone-else" }, channel: "telegram" };
    expect(await errorOf(core.chase(number, stranger))).toMatchObject({ code: "not_found" });
  });
});

describe("approval", () => {
  it("lets only supervisors decide, and a rejection needs a reason", async () => {
    const { core, agent, supervisor, number } = await setup();
    await core.changeStatus({ number, status: "awaiting_approval", note: "quote 300 CNY", initiator: agent });
    expect(await errorOf(core.approve(number, agent))).toMatchObject({ code: "forbidden" });
    expect(await errorOf(core.reject(number, " ", supervisor))).toMatchObject({ code: "validation" });
    const ticket = await core.approve(number, supervisor);
    expect(ticket.status).toBe("approved");
    expect(await errorOf(core.approve(number, supervisor))).toMatchObject({ code: "illegal_transition" });
  });
});

describe("close, survey, reopen, cancel", () => {
  it("resolves then closes a ticket in progress and opens a survey link", async () => {
    const { core, stores, agent, tech, number, ticketId } = await setup();
    await core.assign(number, "Zhao", agent);
    await core.changeStatus({ number, status: "in_progress", initiator: tech });
    stores.outbox.length = 0;
    const ticket = await core.close(number, tech, "replaced the capacitor");
    expect(ticket).toMatchObject({ status: "closed", resolution: "replaced the capacitor", firstContactResolution: false });
    const statuses = (await stores.tickets.events(ticketId)).filter((event) => event.type === "status_changed").map((event) => event.toStatus);
    expect(statuses.slice(-2)).toEqual(["resolved", "closed"]);
    const survey = await stores.surveys.findByTicket(ticketId);
    expect(survey).toMatchObject({ status: "pending" });
    const invite = stores.outbox.find((intent) => intent.notification.kind === "customer.survey");
    expect(invite?.notification).toMatchObject({ surveyToken: expect.stringMatching(/^[\w-]+\.[\w-]+$/) });
  });

  it("marks closing at intake as first-contact resolution", async () => {
    const { core, agent, number } = await setup();
    const ticket = await core.close(number, agent, "explained the remote's child lock");
    expect(ticket.firstContactResolution).toBe(true);
  });

  it("takes one survey answer, refuses a second, and expires after 7 days", async () => {
    const { core, stores, agent, number, ticketId } = await setup();
    await core.close(number, agent, "done");
    const survey = await stores.surveys.findByTicket(ticketId);
    const token = (await import("../../../server/token-signer.ts")).createTokenSigner("test-secret").sign(survey!.id);
    expect(await core.readSurvey(token)).toMatchObject({ ticketNumber: number, status: "pending" });
    expect(await errorOf(core.answerSurvey(token, { score: 9 }, "portal"))).toMatchObject({ code: "validation" });
    await core.answerSurvey(token, { score: 4, comment: "快" }, "portal");
    expect(await errorOf(core.answerSurvey(token, { score: 5 }, "portal"))).toMatchObject({ code: "survey_answered" });
    expect(await errorOf(core.readSurvey(`${token}x`))).toMatchObject({ code: "not_found" });
    const events = await stores.tickets.events(ticketId);
    expect(events.at(-1)).toMatchObject({ type: "survey_answered", data: { score: 4, comment: "快" } });

    const second = await setup();
    await second.core.close(second.number, second.agent, "done");
    const otherSurvey = await second.stores.surveys.findByTicket(second.ticketId);
    const otherToken = (await import("../../../server/token-signer.ts")).createTokenSigner("test-secret").sign(otherSurvey!.id);
    second.clock.advance(7 * 24 * 60 + 1);
    expect(await errorOf(second.core.answerSurvey(otherToken, { score: 5 }, "portal"))).toMatchObject({ code: "survey_expired" });
  });

  it("reopens within the window only", async () => {
    const { core, clock, agent, customer, number } = await setup();
    await core.close(number, agent, "done");
    clock.advance(13 * 24 * 60);
    const reopened = await core.reopen(number, customer, "still broken");
    expect(reopened).toMatchObject({ status: "accepted", closedAt: undefined });
    await core.close(number, agent, "done again");
    clock.advance(15 * 24 * 60);
    expect(await errorOf(core.reopen(number, agent))).toMatchObject({ code: "reopen_window_passed" });
  });

  it("lets the customer cancel their open ticket, and nothing moves a cancelled one", async () => {
    const { core, agent, customer, number } = await setup();
    const ticket = await core.cancel(number, customer, "fixed it myself");
    expect(ticket.status).toBe("cancelled");
    expect(await errorOf(core.take(number, agent))).toMatchObject({ code: "illegal_transition" });
    expect(await errorOf(core.reopen(number, agent))).toMatchObject({ code: "illegal_transition" });
  });

  it("lets exactly one of two simultaneous closes win", async () => {
    const { core, stores, agent, supervisor, number, ticketId } = await setup();
    const results = await Promise.allSettled([core.close(number, agent, "a"), core.close(number, supervisor, "b")]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({ code: "illegal_transition", params: { from: "closed" } });
    const closes = (await stores.tickets.events(ticketId)).filter((event) => event.toStatus === "closed");
    expect(closes).toHaveLength(1);
  });
});

describe("staff corrections", () => {
  it("records category and urgency corrections for training", async () => {
    const { core, stores, agent, number, ticketId } = await setup();
    await core.reclassify(number, { category: "installation", urgency: "urgent" }, agent);
    const corrections = (await stores.tickets.events(ticketId)).flatMap((event) =>
      (event.type === "category_changed" || event.type === "urgency_changed") && event.data.correction ? [[event.type, event.data.from, event.data.to]] : [],
    );
    expect(corrections).toEqual([
      ["category_changed", "repair", "installation"],
      ["urgency_changed", "normal", "urgent"],
    ]);
  });
});
