import { describe, expect, it } from "vitest";
import type { FollowUpTask, NewSurvey, OutboxIntent, Ticket } from "../../core/index.ts";
import { newEvent } from "../../core/tickets/ticket-event.ts";
import { AT, daysAfter, minutesAfter, ticketCommand, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores, type StoresUnderTest } from "./stores-under-test.ts";

/** A closed ticket with a survey opened by the closing change, as closeTicket saves it. */
export async function closedWithSurvey(under: StoresUnderTest, options: { at?: Date; expiresAt?: Date } = {}): Promise<{ ticket: Ticket; survey: NewSurvey }> {
  const { tickets } = under.stores;
  const at = options.at ?? AT;
  const created = await tickets.create(ticketCommand({ at }));
  const survey: NewSurvey = { id: unique.text("survey"), ticketId: created.ticket.id, channel: "portal", createdAt: at, expiresAt: options.expiresAt ?? daysAfter(at, 7) };
  const ticket = await tickets.update({
    ticketId: created.ticket.id,
    expectedVersion: 0,
    patch: { status: "closed", closedAt: at, resolvedAt: at },
    events: [],
    outbox: [],
    survey,
  });
  return { ticket, survey };
}

export const answeredEvent = (surveyId: string, score: number, at: Date) =>
  newEvent("survey_answered", { actor: { kind: "customer", id: "customer", name: "王芳" }, channel: "portal" }, at, { data: { surveyId, score } });

/** What every SurveyStore promises: surveys opened with a ticket change, answered exactly once. */
export function describeSurveyStoreContract(name: string, makeStores: MakeStores): void {
  describe(`SurveyStore contract: ${name}`, () => {
    const current = storesPerDescribe(makeStores);

    it("finds a survey opened with a ticket change, pending, by id and by ticket", async () => {
      const { surveys } = current().stores;
      const { ticket, survey } = await closedWithSurvey(current());
      expect(await surveys.findById(survey.id)).toEqual({ ...survey, status: "pending" });
      expect(await surveys.findByTicket(ticket.id)).toEqual({ ...survey, status: "pending" });
      expect(await surveys.findById("no-such-survey")).toBeNull();
      expect(await surveys.findByTicket("no-such-ticket")).toBeNull();
    });

    it("gives the ticket's latest survey when it was closed more than once", async () => {
      const { tickets, surveys } = current().stores;
      const { ticket } = await closedWithSurvey(current());
      const later: NewSurvey = { id: unique.text("survey"), ticketId: ticket.id, assigneeId: undefined, channel: "telegram", createdAt: daysAfter(AT, 1), expiresAt: daysAfter(AT, 8) };
      await tickets.update({ ticketId: ticket.id, expectedVersion: ticket.version, patch: {}, events: [], outbox: [], survey: later });
      expect(await surveys.findByTicket(ticket.id)).toMatchObject({ id: later.id, channel: "telegram", status: "pending" });
    });

    it("records the first answer with its event, follow-up task and messages, and refuses a second", async () => {
      const { stores, outboxFor } = current();
      const { ticket, survey } = await closedWithSurvey(current());
      const at = minutesAfter(AT, 30);
      const followUp: Omit<FollowUpTask, "status"> = { id: unique.text("task"), kind: "low_score", ticketId: ticket.id, role: "supervisor", dueAt: daysAfter(at, 1), note: "cold", createdAt: at };
      const message: OutboxIntent = { channel: "telegram", recipient: { kind: "staff_room" }, ticketId: ticket.id, notification: { kind: "staff.low_score", number: ticket.number, score: 1, comment: "cold", dueAt: daysAfter(at, 1) } };
      const event = answeredEvent(survey.id, 1, at);
      expect(await stores.surveys.answer(survey.id, { score: 1, comment: "cold", at }, { event, followUp, outbox: [message] })).toBe(true);
      expect(await stores.surveys.findById(survey.id)).toEqual({ ...survey, status: "answered", answeredAt: at, score: 1, comment: "cold" });
      expect((await stores.tickets.events(ticket.id)).at(-1)).toEqual({ ...event, id: expect.any(String), ticketId: ticket.id });
      expect((await stores.scheduling.openFollowUpTasks()).filter((task) => task.ticketId === ticket.id)).toEqual([{ ...followUp, status: "open" }]);
      expect(await outboxFor(ticket.id)).toEqual([message]);

      const second = await stores.surveys.answer(survey.id, { score: 5, at: minutesAfter(at, 1) }, { event: answeredEvent(survey.id, 5, at), outbox: [message] });
      expect(second).toBe(false);
      expect(await stores.surveys.findById(survey.id)).toMatchObject({ score: 1, comment: "cold" });
      expect((await stores.tickets.events(ticket.id)).filter((candidate) => candidate.type === "survey_answered")).toHaveLength(1);
      expect(await outboxFor(ticket.id)).toHaveLength(1);
    });

    it("records an answer without a comment as none", async () => {
      const { surveys } = current().stores;
      const { survey } = await closedWithSurvey(current());
      const at = minutesAfter(AT, 5);
      await surveys.answer(survey.id, { score: 5, at }, { event: answeredEvent(survey.id, 5, at), outbox: [] });
      const answered = await surveys.findById(survey.id);
      expect(answered).toMatchObject({ status: "answered", score: 5 });
      expect(answered).not.toHaveProperty("comment");
    });

    it("records exactly one of several answers racing", async () => {
      const { stores } = current();
      const { ticket, survey } = await closedWithSurvey(current());
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((score) => stores.surveys.answer(survey.id, { score, at: minutesAfter(AT, score) }, { event: answeredEvent(survey.id, score, AT), outbox: [] })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await stores.tickets.events(ticket.id)).filter((event) => event.type === "survey_answered")).toHaveLength(1);
    });

    it("refuses to answer a survey that does not exist", async () => {
      const { surveys } = current().stores;
      expect(await surveys.answer("no-such-survey", { score: 3, at: AT }, { event: answeredEvent("no-such-survey", 3, AT), outbox: [] })).toBe(false);
    });
  });
}
