import type { SurveyStore } from "../core/ports.ts";
import type { Database } from "./open-database.ts";
import { toEventRow, toSurvey } from "./row-mappers.ts";

export function createSurveyStore(db: Database): SurveyStore {
  return {
    async findById(id) {
      const row = await db.survey.findUnique({ where: { id } });
      return row ? toSurvey(row) : null;
    },
    async findByTicket(ticketId) {
      const row = await db.survey.findUnique({ where: { ticketId } });
      return row ? toSurvey(row) : null;
    },
    async answer(id, answer, event) {
      return db.$transaction(async (tx) => {
        // Conditional update: of two answers racing, only one finds it unanswered.
        const { count } = await tx.survey.updateMany({
          where: { id, answeredAt: null },
          data: { status: "answered", answeredAt: answer.at, score: answer.score, comment: answer.comment ?? null },
        });
        if (count === 0) return false;
        const survey = await tx.survey.findUniqueOrThrow({ where: { id } });
        await tx.ticketEvent.create({ data: toEventRow(survey.ticketId, event) });
        return true;
      });
    },
  };
}
