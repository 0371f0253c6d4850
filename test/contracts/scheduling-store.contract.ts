import { beforeAll, describe, expect, it } from "vitest";
import type { OutboxIntent, Survey, Ticket } from "../../core/index.ts";
import { newEvent } from "../../core/tickets/ticket-event.ts";
import { AT, daysAfter, minutesAfter, ticketCommand, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores, type StoresUnderTest } from "./stores-under-test.ts";
import { answeredEvent, closedWithSurvey } from "./survey-store.contract.ts";

const reminder = (ticket: Ticket, surveyId: string): OutboxIntent => ({
  channel: "portal",
  recipient: { kind: "customer", customerId: ticket.customerId },
  ticketId: ticket.id,
  notification: { kind: "customer.survey_reminder", number: ticket.number, surveyId, surveyToken: "token" },
});

const visitDue = (ticket: Ticket): OutboxIntent => ({
  channel: "telegram",
  recipient: { kind: "staff_room" },
  ticketId: ticket.id,
  notification: { kind: "staff.return_visit_due", number: ticket.number, name: ticket.contactName },
});

const staffNote = (note: string, at: Date) => newEvent("note", { actor: { kind: "staff", id: "staff-1", name: "Lin" }, channel: "api" }, at, { note });

/** A resolved (or closed) ticket, resolved at `resolvedAt`. */
async function resolvedTicket(under: StoresUnderTest, resolvedAt: Date, status: "resolved" | "closed" = "resolved"): Promise<Ticket> {
  const { ticket } = await under.stores.tickets.create(ticketCommand({ at: daysAfter(resolvedAt, -1) }));
  return under.stores.tickets.update({ ticketId: ticket.id, expectedVersion: 0, patch: { status, resolvedAt }, events: [], outbox: [] });
}

/**
 * What every SchedulingStore promises: due work found by time, and each action claimed once
 * with the messages it announces, so two passes (or processes) never fire it twice.
 */
export function describeSchedulingStoreContract(name: string, makeStores: MakeStores): void {
  describe(`SchedulingStore contract: ${name}`, () => {
    describe("claims", () => {
      const current = storesPerDescribe(makeStores);

      it("claims a survey reminder once, with its message, and not once the survey is answered", async () => {
        const { stores, outboxFor } = current();
        const { ticket, survey } = await closedWithSurvey(current());
        const at = daysAfter(AT, 2);
        expect(await stores.scheduling.claimSurveyReminder(survey.id, at, [reminder(ticket, survey.id)])).toBe(true);
        expect(await stores.scheduling.claimSurveyReminder(survey.id, minutesAfter(at, 1), [reminder(ticket, survey.id)])).toBe(false);
        expect(await stores.surveys.findById(survey.id)).toMatchObject({ status: "pending", remindedAt: at });
        expect(await outboxFor(ticket.id)).toEqual([reminder(ticket, survey.id)]);

        const answered = await closedWithSurvey(current());
        await stores.surveys.answer(answered.survey.id, { score: 4, at }, { event: answeredEvent(answered.survey.id, 4, at), outbox: [] });
        expect(await stores.scheduling.claimSurveyReminder(answered.survey.id, at, [])).toBe(false);
        expect(await stores.scheduling.claimSurveyReminder("no-such-survey", at, [])).toBe(false);
      });

      it("lets exactly one of several racing reminder claims win", async () => {
        const { stores, outboxFor } = current();
        const { ticket, survey } = await closedWithSurvey(current());
        const claims = await Promise.all(Array.from({ length: 5 }, () => stores.scheduling.claimSurveyReminder(survey.id, daysAfter(AT, 2), [reminder(ticket, survey.id)])));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await outboxFor(ticket.id)).toHaveLength(1);
      });

      it("creates one return visit per ticket, found by the ticket", async () => {
        const { scheduling } = current().stores;
        const ticket = await resolvedTicket(current(), AT);
        const visit = { id: unique.text("visit"), ticketId: ticket.id, dueAt: daysAfter(AT, 3), createdAt: AT };
        expect(await scheduling.createReturnVisit(visit)).toBe(true);
        expect(await scheduling.createReturnVisit({ ...visit, id: unique.text("visit") })).toBe(false);
        expect(await scheduling.findReturnVisit(ticket.id)).toEqual({ ...visit, status: "scheduled", attempts: 0 });
        expect(await scheduling.findReturnVisit("no-such-ticket")).toBeNull();
      });

      it("claims a due return visit once, with its message, also when claims race", async () => {
        const { stores, outboxFor } = current();
        const ticket = await resolvedTicket(current(), AT);
        const visit = { id: unique.text("visit"), ticketId: ticket.id, dueAt: daysAfter(AT, 3), createdAt: AT };
        await stores.scheduling.createReturnVisit(visit);
        const claims = await Promise.all(Array.from({ length: 3 }, () => stores.scheduling.claimReturnVisitDue(visit.id, [visitDue(ticket)])));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await stores.scheduling.claimReturnVisitDue(visit.id, [visitDue(ticket)])).toBe(false);
        expect(await stores.scheduling.findReturnVisit(ticket.id)).toMatchObject({ status: "due" });
        expect(await outboxFor(ticket.id)).toEqual([visitDue(ticket)]);
        expect(await stores.scheduling.claimReturnVisitDue("no-such-visit", [])).toBe(false);
      });

      it("records call attempts on the visit and the timeline: unreached schedules the next, reached is done", async () => {
        const { stores } = current();
        const ticket = await resolvedTicket(current(), AT);
        const visit = { id: unique.text("visit"), ticketId: ticket.id, dueAt: daysAfter(AT, 3), createdAt: AT };
        await stores.scheduling.createReturnVisit(visit);
        const firstCall = daysAfter(AT, 3);
        const nextDueAt = daysAfter(AT, 4);
        const unreached = await stores.scheduling.recordReturnVisitAttempt(
          visit.id,
          { outcome: "unreached", note: "no answer", staffId: "staff-1", at: firstCall, nextDueAt },
          staffNote("no answer", firstCall),
        );
        const expectedUnreached = { ...visit, dueAt: nextDueAt, status: "scheduled", attempts: 1, outcome: "unreached", note: "no answer", staffId: "staff-1" };
        expect(unreached).toEqual(expectedUnreached);
        expect(await stores.scheduling.findReturnVisit(ticket.id)).toEqual(expectedUnreached);

        const reached = await stores.scheduling.recordReturnVisitAttempt(
          visit.id,
          { outcome: "reached", staffId: "staff-2", at: nextDueAt },
          staffNote("satisfied", nextDueAt),
        );
        // Each attempt's note replaces the last: an attempt without one leaves none.
        const expectedReached = { ...visit, dueAt: nextDueAt, status: "done", attempts: 2, outcome: "reached", staffId: "staff-2", doneAt: nextDueAt };
        expect(reached).toEqual(expectedReached);
        expect(await stores.scheduling.findReturnVisit(ticket.id)).toEqual(expectedReached);
        expect((await stores.tickets.events(ticket.id)).map((event) => event.note)).toEqual([undefined, "no answer", "satisfied"]);
      });
    });

    describe("due work", () => {
      // These queries read whole tables: the describe gets stores of its own, filled once and only read.
      const own = storesPerDescribe(makeStores);
      const now = daysAfter(AT, 10);
      const ids = {} as Record<"slaLate" | "slaEarly" | "slaMiddle" | "resolvedLong" | "resolvedRecently" | "closedLong" | "visited", string>;
      const surveys = {} as Record<"old" | "fresh" | "reminded" | "answered" | "expired", Survey["id"]>;
      const visits = {} as Record<"overdue" | "due" | "later", string>;

      beforeAll(async () => {
        const under = own();
        const { tickets, scheduling } = under.stores;
        const withSlaCheck = async (slaCheckAt: Date) => (await tickets.create(ticketCommand({ ticket: { slaCheckAt } }))).ticket.id;
        ids.slaLate = await withSlaCheck(minutesAfter(now, -10));
        ids.slaEarly = await withSlaCheck(minutesAfter(now, -30));
        ids.slaMiddle = await withSlaCheck(minutesAfter(now, -20));
        await withSlaCheck(minutesAfter(now, 5));

        ids.resolvedLong = (await resolvedTicket(under, daysAfter(now, -9))).id;
        ids.resolvedRecently = (await resolvedTicket(under, daysAfter(now, -2))).id;
        ids.closedLong = (await resolvedTicket(under, daysAfter(now, -8), "closed")).id;
        ids.visited = (await resolvedTicket(under, daysAfter(now, -7))).id;

        const survey = async (createdAt: Date, expiresAt = daysAfter(createdAt, 7)) => (await closedWithSurvey(under, { at: createdAt, expiresAt })).survey.id;
        surveys.old = await survey(daysAfter(now, -3));
        surveys.fresh = await survey(minutesAfter(now, -60));
        surveys.reminded = await survey(daysAfter(now, -4));
        await scheduling.claimSurveyReminder(surveys.reminded, daysAfter(now, -1), []);
        surveys.answered = await survey(daysAfter(now, -5));
        await under.stores.surveys.answer(surveys.answered, { score: 5, at: daysAfter(now, -4) }, { event: answeredEvent(surveys.answered, 5, now), outbox: [] });
        surveys.expired = await survey(daysAfter(now, -9), daysAfter(now, -2));

        const visit = async (ticketId: string, dueAt: Date) => {
          const id = unique.text("visit");
          await scheduling.createReturnVisit({ id, ticketId, dueAt, createdAt: daysAfter(now, -7) });
          return id;
        };
        visits.due = await visit(ids.visited, minutesAfter(now, -5));
        visits.overdue = await visit((await resolvedTicket(under, daysAfter(now, -30), "closed")).id, daysAfter(now, -1));
        visits.later = await visit((await resolvedTicket(under, daysAfter(now, -20), "closed")).id, daysAfter(now, 1));
      });

      it("finds tickets whose SLA check has come, earliest first, up to the limit", async () => {
        const { scheduling } = own().stores;
        expect((await scheduling.slaCandidates(now, 10)).map((ticket) => ticket.id)).toEqual([ids.slaEarly, ids.slaMiddle, ids.slaLate]);
        expect((await scheduling.slaCandidates(now, 2)).map((ticket) => ticket.id)).toEqual([ids.slaEarly, ids.slaMiddle]);
      });

      it("finds resolved tickets resolved before a moment, longest resolved first, up to the limit", async () => {
        const { scheduling } = own().stores;
        const before = daysAfter(now, -7);
        expect((await scheduling.autoCloseCandidates(before, 10)).map((ticket) => ticket.id)).toEqual([ids.resolvedLong, ids.visited]);
        expect((await scheduling.autoCloseCandidates(before, 1)).map((ticket) => ticket.id)).toEqual([ids.resolvedLong]);
      });

      it("finds surveys to remind: pending, not yet reminded, old enough and not expired, up to the limit", async () => {
        const { scheduling } = own().stores;
        const remind = await scheduling.surveysToRemind(daysAfter(now, -1), now, 10);
        expect(remind.map((survey) => survey.id)).toEqual([surveys.old]);
        expect(await scheduling.surveysToRemind(now, now, 1)).toHaveLength(1);
      });

      it("finds resolved and closed tickets without a return visit, longest resolved first, up to the limit", async () => {
        const { scheduling } = own().stores;
        const needing = (await scheduling.ticketsNeedingReturnVisit(100)).map((ticket) => ticket.id);
        const resolvedOrClosed = [ids.resolvedLong, ids.closedLong, ids.resolvedRecently];
        expect(needing.filter((id) => resolvedOrClosed.includes(id))).toEqual(resolvedOrClosed);
        expect(needing).not.toContain(ids.visited);
        expect(await scheduling.ticketsNeedingReturnVisit(2)).toHaveLength(2);
      });

      it("finds scheduled return visits that are due, earliest first, up to the limit", async () => {
        const { scheduling } = own().stores;
        expect((await scheduling.dueReturnVisits(now, 10)).map((visit) => visit.id)).toEqual([visits.overdue, visits.due]);
        expect((await scheduling.dueReturnVisits(now, 1)).map((visit) => visit.id)).toEqual([visits.overdue]);
      });
    });

    describe("expiry and follow-up tasks", () => {
      const own = storesPerDescribe(makeStores);

      it("expires the unanswered surveys past their expiry and counts them; answered ones stay answered", async () => {
        const under = own();
        const { scheduling, surveys } = under.stores;
        const now = daysAfter(AT, 10);
        const past = await closedWithSurvey(under, { expiresAt: daysAfter(now, -1) });
        const reminded = await closedWithSurvey(under, { expiresAt: now });
        await scheduling.claimSurveyReminder(reminded.survey.id, daysAfter(AT, 2), []);
        const answered = await closedWithSurvey(under, { expiresAt: daysAfter(now, -1) });
        await surveys.answer(answered.survey.id, { score: 3, at: AT }, { event: answeredEvent(answered.survey.id, 3, AT), outbox: [] });
        const open = await closedWithSurvey(under, { expiresAt: daysAfter(now, 1) });

        expect(await scheduling.expireSurveys(now)).toBe(2);
        expect(await scheduling.expireSurveys(now)).toBe(0);
        expect((await surveys.findById(past.survey.id))?.status).toBe("expired");
        expect((await surveys.findById(reminded.survey.id))?.status).toBe("expired");
        expect((await surveys.findById(answered.survey.id))?.status).toBe("answered");
        expect((await surveys.findById(open.survey.id))?.status).toBe("pending");
      });

      it("lists open follow-up tasks soonest due first", async () => {
        const under = own();
        const task = async (dueAt: Date) => {
          const { ticket, survey } = await closedWithSurvey(under);
          const id = unique.text("task");
          const followUp = { id, kind: "low_score" as const, ticketId: ticket.id, role: "supervisor" as const, dueAt, createdAt: AT };
          await under.stores.surveys.answer(survey.id, { score: 1, at: AT }, { event: answeredEvent(survey.id, 1, AT), followUp, outbox: [] });
          return id;
        };
        const later = await task(daysAfter(AT, 2));
        const sooner = await task(daysAfter(AT, 1));
        expect((await under.stores.scheduling.openFollowUpTasks()).map((open) => open.id)).toEqual([sooner, later]);
      });
    });

    describe("follow-up reminders and completion", () => {
      // Reads the whole follow-up table: stores of its own.
      const own = storesPerDescribe(makeStores);

      async function openTask(under: StoresUnderTest, dueAt: Date) {
        const { ticket, survey } = await closedWithSurvey(under);
        const id = unique.text("task");
        const followUp = { id, kind: "low_score" as const, ticketId: ticket.id, role: "supervisor" as const, dueAt, createdAt: AT };
        await under.stores.surveys.answer(survey.id, { score: 1, at: AT }, { event: answeredEvent(survey.id, 1, AT), followUp, outbox: [] });
        return { id, ticket };
      }

      it("offers due, unreminded tasks once, and completes a ticket's open tasks with its event", async () => {
        const under = own();
        const { scheduling, tickets } = under.stores;
        const due = await openTask(under, daysAfter(AT, 1));
        const later = await openTask(under, daysAfter(AT, 3));
        const now = daysAfter(AT, 2);
        expect((await scheduling.followUpsToRemind(now, 10)).map((task) => task.id)).toEqual([due.id]);
        const reminder: OutboxIntent = { channel: "telegram", recipient: { kind: "staff", staffId: "s-1" }, ticketId: due.ticket.id, notification: { kind: "staff.follow_up_due", number: due.ticket.number, dueAt: daysAfter(AT, 1) } };
        expect(await scheduling.claimFollowUpReminder(due.id, now, [reminder])).toBe(true);
        expect(await scheduling.claimFollowUpReminder(due.id, now, [reminder])).toBe(false);
        expect(await under.outboxFor(due.ticket.id)).toEqual([reminder]);
        expect(await scheduling.followUpsToRemind(now, 10)).toEqual([]);
        expect((await scheduling.openFollowUpTasks()).find((task) => task.id === due.id)?.remindedAt).toEqual(now);

        const done = newEvent("follow_up_done", { actor: { kind: "staff", id: "s-1" }, channel: "api" }, now, { visibility: "internal", note: "called", data: { tasks: 1 } });
        expect(await scheduling.completeFollowUps(due.ticket.id, { at: now, staffId: "s-1", note: "called" }, done)).toBe(1);
        expect(await scheduling.completeFollowUps(due.ticket.id, { at: now, staffId: "s-1" }, done)).toBe(0);
        expect((await scheduling.openFollowUpTasks()).map((task) => task.id)).toEqual([later.id]);
        expect((await tickets.events(due.ticket.id)).filter((event) => event.type === "follow_up_done")).toEqual([expect.objectContaining({ note: "called", data: { tasks: 1 } })]);
        // A completed task is never reminded, even once it is due.
        expect((await scheduling.followUpsToRemind(daysAfter(AT, 5), 10)).map((task) => task.id)).toEqual([later.id]);
      });
    });
  });
}
