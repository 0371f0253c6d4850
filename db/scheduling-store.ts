import type { FollowUpTask, IdGenerator, ReturnVisit, SchedulingStore } from "../core/index.ts";
import { Prisma, type FollowUpTask as FollowUpTaskRow, type ReturnVisit as ReturnVisitRow } from "../generated/prisma/client.ts";
import type { Database } from "./open-database.ts";
import { toEventRow, toSurvey, toTicket } from "./row-mappers.ts";
import { writeOutbox } from "./outbox-rows.ts";

function toReturnVisit(row: ReturnVisitRow): ReturnVisit {
  return {
    id: row.id,
    ticketId: row.ticketId,
    dueAt: row.dueAt,
    status: row.status as ReturnVisit["status"],
    attempts: row.attempts,
    ...(row.outcome ? { outcome: row.outcome as "reached" | "unreached" } : {}),
    ...(row.note ? { note: row.note } : {}),
    ...(row.staffId ? { staffId: row.staffId } : {}),
    createdAt: row.createdAt,
    ...(row.doneAt ? { doneAt: row.doneAt } : {}),
  };
}

function toFollowUpTask(row: FollowUpTaskRow): FollowUpTask {
  return {
    id: row.id,
    kind: row.kind as "low_score",
    ticketId: row.ticketId,
    role: row.role as "supervisor",
    dueAt: row.dueAt,
    status: row.status as "open" | "done",
    ...(row.note ? { note: row.note } : {}),
    createdAt: row.createdAt,
    ...(row.remindedAt ? { remindedAt: row.remindedAt } : {}),
    ...(row.doneAt ? { doneAt: row.doneAt } : {}),
    ...(row.doneBy ? { doneBy: row.doneBy } : {}),
  };
}

export function createSchedulingStore(db: Database, newId: IdGenerator): SchedulingStore {
  const withAttachments = { attachments: true } as const;
  return {
    async slaCandidates(now, limit) {
      const rows = await db.ticket.findMany({
        where: { slaCheckAt: { lte: now } },
        include: withAttachments,
        orderBy: { slaCheckAt: "asc" },
        take: limit,
      });
      return rows.map(toTicket);
    },
    async autoCloseCandidates(resolvedBefore, limit) {
      const rows = await db.ticket.findMany({
        where: { status: "resolved", resolvedAt: { lte: resolvedBefore } },
        include: withAttachments,
        orderBy: { resolvedAt: "asc" },
        take: limit,
      });
      return rows.map(toTicket);
    },
    async surveysToRemind(createdBefore, now, limit) {
      const rows = await db.survey.findMany({
        where: { status: "pending", answeredAt: null, remindedAt: null, createdAt: { lte: createdBefore }, expiresAt: { gt: now } },
        take: limit,
      });
      return rows.map(toSurvey);
    },
    async claimSurveyReminder(surveyId, at, outbox) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.survey.updateMany({ where: { id: surveyId, remindedAt: null, answeredAt: null }, data: { remindedAt: at } });
        if (count === 0) return false;
        await writeOutbox(tx, outbox, { newId, at });
        return true;
      });
    },
    async expireSurveys(now) {
      const { count } = await db.survey.updateMany({ where: { status: "pending", answeredAt: null, expiresAt: { lte: now } }, data: { status: "expired" } });
      return count;
    },
    async ticketsNeedingReturnVisit(limit) {
      const rows = await db.ticket.findMany({
        where: { status: { in: ["resolved", "closed"] }, resolvedAt: { not: null }, returnVisits: { none: {} } },
        include: withAttachments,
        orderBy: { resolvedAt: "asc" },
        take: limit,
      });
      return rows.map(toTicket);
    },
    async createReturnVisit(visit) {
      try {
        await db.returnVisit.create({
          data: { id: visit.id, ticketId: visit.ticketId, dueAt: visit.dueAt, status: "scheduled", attempts: 0, createdAt: visit.createdAt },
        });
        return true;
      } catch (error) {
        // The unique ticketId makes a second scheduling pass (or a racing one) a no-op.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
        throw error;
      }
    },
    async dueReturnVisits(now, limit) {
      const rows = await db.returnVisit.findMany({ where: { status: "scheduled", dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: limit });
      return rows.map(toReturnVisit);
    },
    async claimReturnVisitDue(visitId, outbox) {
      return db.$transaction(async (tx) => {
        const visit = await tx.returnVisit.findUnique({ where: { id: visitId } });
        if (!visit) return false;
        const { count } = await tx.returnVisit.updateMany({ where: { id: visitId, status: "scheduled", dueAt: visit.dueAt }, data: { status: "due" } });
        if (count === 0) return false;
        await writeOutbox(tx, outbox, { newId, at: visit.dueAt });
        return true;
      });
    },
    async findReturnVisit(ticketId) {
      const row = await db.returnVisit.findUnique({ where: { ticketId } });
      return row ? toReturnVisit(row) : null;
    },
    async recordReturnVisitAttempt(visitId, attempt, event) {
      return db.$transaction(async (tx) => {
        const row = await tx.returnVisit.update({
          where: { id: visitId },
          data: {
            attempts: { increment: 1 },
            outcome: attempt.outcome,
            note: attempt.note ?? null,
            staffId: attempt.staffId,
            ...(attempt.outcome === "reached" ? { status: "done", doneAt: attempt.at } : { status: "scheduled", dueAt: attempt.nextDueAt ?? attempt.at }),
          },
        });
        await tx.ticketEvent.create({ data: toEventRow(row.ticketId, event) });
        return toReturnVisit(row);
      });
    },
    async openFollowUpTasks() {
      const rows = await db.followUpTask.findMany({ where: { status: "open" }, orderBy: [{ dueAt: "asc" }, { id: "asc" }] });
      return rows.map(toFollowUpTask);
    },
    async followUpsToRemind(now, limit) {
      const rows = await db.followUpTask.findMany({ where: { status: "open", remindedAt: null, dueAt: { lte: now } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: limit });
      return rows.map(toFollowUpTask);
    },
    async claimFollowUpReminder(taskId, at, outbox) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.followUpTask.updateMany({ where: { id: taskId, status: "open", remindedAt: null }, data: { remindedAt: at } });
        if (count === 0) return false;
        await writeOutbox(tx, outbox, { newId, at });
        return true;
      });
    },
    async completeFollowUps(ticketId, done, event) {
      return db.$transaction(async (tx) => {
        const open = await tx.followUpTask.findMany({ where: { ticketId, status: "open" } });
        if (open.length === 0) return 0;
        const { count } = await tx.followUpTask.updateMany({
          where: { ticketId, status: "open" },
          data: { status: "done", doneAt: done.at, doneBy: done.staffId },
        });
        // The supervisor's note joins the customer's comment rather than replacing it.
        if (done.note) {
          for (const task of open) {
            await tx.followUpTask.update({ where: { id: task.id }, data: { note: task.note ? `${task.note}\n— ${done.note}` : done.note } });
          }
        }
        await tx.ticketEvent.create({ data: toEventRow(ticketId, event) });
        return count;
      });
    },
  };
}
