import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger.ts";
import { recordLeftoverSurveyScores } from "../../server/leftover-survey-scores.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("survey scores left waiting for a comment by an older version", () => {
  it("are recorded once at start-up and cleared; a refused one is cleared too", async () => {
    const built = await buildDbCore();
    cleanups.push(built.cleanup);
    const agent = await built.addStaff("Lin", "agent");
    const prompts = [];
    for (const [index, phone] of ["13800138000", "13900139000"].entries()) {
      const { ticket } = await built.core.intake({ ...REPORT, phone, sourceMessageId: `m${index}` });
      await built.core.close(ticket.number, agent, "fixed");
      const survey = await built.stores.surveys.findByTicket(ticket.id);
      const token = built.deps.signer.sign(survey!.id);
      prompts.push({ ticket, survey: survey!, token });
      await built.db.botSurveyPrompt.create({
        data: { key: `k${index}`, channel: "telegram", surveyId: survey!.id, token, ticketNumber: ticket.number, externalId: `u${index}`, pendingScore: 4, pendingAt: built.clock.now(), createdAt: built.clock.now() },
      });
    }
    // The second customer answered on the portal meanwhile: their held score must not override it.
    await built.core.answerSurvey(prompts[1]!.token, { score: 5 }, "portal");

    const logger = createLogger("silent");
    expect(await recordLeftoverSurveyScores(built.core, built.db, logger)).toBe(1);
    expect(await built.stores.surveys.findByTicket(prompts[0]!.ticket.id)).toMatchObject({ status: "answered", score: 4 });
    expect(await built.stores.surveys.findByTicket(prompts[1]!.ticket.id)).toMatchObject({ status: "answered", score: 5 });
    expect(await built.db.botSurveyPrompt.count({ where: { pendingScore: { not: null } } })).toBe(0);
    expect(await recordLeftoverSurveyScores(built.core, built.db, logger)).toBe(0);
  });
});
