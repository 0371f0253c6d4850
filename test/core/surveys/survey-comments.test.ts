import { describe, expect, it } from "vitest";
import { isAppError } from "../../../core/errors.ts";
import { SURVEY_COMMENT_WINDOW_HOURS } from "../../../core/surveys/add-survey-comment.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

const TELEGRAM_REPORT = { ...REPORT, channel: "telegram" as const, identity: { channel: "telegram" as const, externalId: "77" } };

/** A closed ticket with its survey open, the survey's token, and a supervisor to alert. */
async function closedTicket() {
  const fixture = buildCore();
  const agent = await fixture.addStaff("Lin", "agent");
  await fixture.addStaff("Chen", "supervisor", { telegram: "8001" });
  const supervisor = await fixture.stores.staff.findByReference("Chen");
  if (!supervisor) throw new Error("no supervisor");
  const { ticket } = await fixture.core.intake(TELEGRAM_REPORT);
  await fixture.core.close(ticket.number, agent, "done");
  const survey = await fixture.stores.surveys.findByTicket(ticket.id);
  if (!survey) throw new Error("closing opened no survey");
  fixture.stores.outbox.length = 0;
  return { ...fixture, ticket, survey, supervisor, token: fixture.deps.signer.sign(survey.id) };
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("a survey comment after the score", () => {
  it("records the score at once and its comment later, once, on the timeline for staff", async () => {
    const { core, stores, clock, ticket, survey, token } = await closedTicket();
    await core.answerSurvey(token, { score: 4 }, "telegram");
    expect(await stores.surveys.findById(survey.id)).toMatchObject({ status: "answered", score: 4 });
    expect((await stores.surveys.findById(survey.id))?.comment).toBeUndefined();

    clock.advance(30);
    expect(await core.addSurveyComment(token, "  Quick and friendly  ", "telegram")).toEqual({ comment: "Quick and friendly" });
    expect(await stores.surveys.findById(survey.id)).toMatchObject({ status: "answered", score: 4, comment: "Quick and friendly" });
    const events = await stores.tickets.events(ticket.id);
    expect(events.at(-1)).toMatchObject({
      type: "survey_commented",
      visibility: "internal",
      actor: { kind: "customer", id: ticket.customerId },
      channel: "telegram",
      note: "Quick and friendly",
      data: { surveyId: survey.id, score: 4 },
      at: clock.now(),
    });
    // A good score's comment alerts nobody.
    expect(stores.outbox).toEqual([]);
    expect(await errorCode(core.addSurveyComment(token, "And another thing", "telegram"))).toBe("survey_answered");
    expect((await stores.tickets.events(ticket.id)).filter((event) => event.type === "survey_commented")).toHaveLength(1);
  });

  it("takes a comment only after a score, within a day of it, and not after one given with the score", async () => {
    const first = await closedTicket();
    expect(await errorCode(first.core.addSurveyComment(first.token, "Too early", "telegram"))).toBe("validation");
    await first.core.answerSurvey(first.token, { score: 5 }, "telegram");
    expect(await errorCode(first.core.addSurveyComment(first.token, "   ", "telegram"))).toBe("validation");
    expect(await errorCode(first.core.addSurveyComment(`${first.token}x`, "Forged", "telegram"))).toBe("not_found");
    first.clock.advance(SURVEY_COMMENT_WINDOW_HOURS * 60);
    await first.core.addSurveyComment(first.token, "Just in time", "telegram");

    const late = await closedTicket();
    await late.core.answerSurvey(late.token, { score: 5 }, "telegram");
    late.clock.advance(SURVEY_COMMENT_WINDOW_HOURS * 60 + 1);
    expect(await errorCode(late.core.addSurveyComment(late.token, "Too late", "telegram"))).toBe("survey_expired");

    const portal = await closedTicket();
    await portal.core.answerSurvey(portal.token, { score: 3, comment: "ok" }, "portal");
    expect(await errorCode(portal.core.addSurveyComment(portal.token, "more", "portal"))).toBe("survey_answered");
    expect(await portal.stores.surveys.findById(portal.survey.id)).toMatchObject({ comment: "ok" });
  });

  it("alerts supervisors at once for a low score, and sends them its comment when it comes", async () => {
    const { core, stores, ticket, supervisor, token } = await closedTicket();
    await core.answerSurvey(token, { score: 1 }, "telegram");
    const addressed = () => stores.outbox.map((intent) => `${intent.recipient.kind === "staff" ? intent.recipient.staffId : intent.recipient.kind}:${intent.notification.kind}`);
    expect(addressed()).toEqual(["staff_room:staff.low_score", `${supervisor.id}:staff.low_score`]);
    expect(stores.outbox[0]?.notification).toMatchObject({ comment: "" });
    expect(stores.followUps).toEqual([expect.objectContaining({ kind: "low_score", ticketId: ticket.id, status: "open" })]);
    expect(stores.followUps[0]?.note).toBeUndefined();

    stores.outbox.length = 0;
    await core.addSurveyComment(token, "来得太晚", "telegram");
    expect(addressed()).toEqual(["staff_room:staff.low_score_comment", `${supervisor.id}:staff.low_score_comment`]);
    expect(stores.outbox[0]?.notification).toEqual({ kind: "staff.low_score_comment", number: ticket.number, score: 1, comment: "来得太晚" });
    expect(stores.followUps[0]?.note).toBe("来得太晚");
  });
});
