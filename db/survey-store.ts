import type { IdGenerator, SurveyStore } from "../core/index.ts";
import { writeOutbox } from "./outbox-rows.ts";
import type { Database } from "./open-database.ts";
import { toEventRow, toSurvey } from "./row-mappers.ts";

export function createSurveyStore(db: Database, newId: IdGenerator): SurveyStore {
  return {
    async findById(id) {
      const row = await db.survey.findUnique({ where: { id } });
      return row ? toSurvey(row) : null;
    },
    async findByTicket(ticketId) {
      const row = await db.survey.findFirst({ where: { ticketId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      return row ? toSurvey(row) : null;
    },
    async answer(id, answer, effects) {
      return db.$transaction(async (tx) => {
        // Conditional update: of two answers racing, only one finds it unanswered.
        const { count } = await tx.survey.updateMany({
          where: { id, answeredAt: null },
          data: { status: "answered", answeredAt: answer.at, score: answer.score, comment: answer.comment ?? null },
        });
        if (count === 0) return false;
        const survey = await tx.survey.findUniqueOrThrow({ where: { id } });
        await tx.ticketEvent.create({ data: toEventRow(survey.ticketId, effects.event) });
        if (effects.followUp) {
          await tx.followUpTask.create({ data: { ...effects.followUp, status: "open", note: effects.followUp.note ?? null } });
        }
        await writeOutbox(tx, effects.outbox, { newId, at: answer.at });
        return true;
      });
    },
    async addComment(id, comment, effects) {
      return db.$transaction(async (tx) => {
        // Conditional update: a comment needs an answer, and of two comments racing only one finds none yet.
        const { count } = await tx.survey.updateMany({ where: { id, answeredAt: { not: null }, comment: null }, data: { comment: comment.text } });
        if (count === 0) return false;
        const survey = await tx.survey.findUniqueOrThrow({ where: { id } });
        await tx.ticketEvent.create({ data: toEventRow(survey.ticketId, effects.event) });
        if (effects.followUpNote) {
          await tx.followUpTask.updateMany({
            where: { ticketId: survey.ticketId, kind: "low_score", status: "open", note: null },
            data: { note: effects.followUpNote },
          });
        }
        await writeOutbox(tx, effects.outbox, { newId, at: comment.at });
        return true;
      });
    },
  };
}
