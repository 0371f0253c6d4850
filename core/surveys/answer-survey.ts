import { z } from "zod";
import { AppError } from "../errors.ts";
import type { CoreDeps, Survey } from "../ports.ts";
import type { Channel } from "../tickets/types.ts";
import { validationError } from "../tickets/report.ts";
import { alertSupervisors } from "../notifications/alert-supervisors.ts";
import { newEvent } from "../tickets/ticket-event.ts";

/** Scores below this open a supervisor follow-up (1–2 dissatisfied, 3 neutral). */
export const LOW_SCORE_BELOW = 3;
const FOLLOW_UP_HOURS = 24;
/** The longest survey comment, given with the score or after it. */
export const SURVEY_COMMENT_MAX_LENGTH = 2000;

/** Where a customer answers a survey from (the system never does). */
export type SurveyChannel = Exclude<Channel, "system">;

/**
 * A score is a whole number 1–5, given as a number: nothing is coerced (`true`, `[5]`, `"5"`
 * or `5.5` are refused). Channels that read a score as text use {@link parseSurveyScore}.
 */
export const surveyAnswerSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(SURVEY_COMMENT_MAX_LENGTH).optional().transform((value) => (value ? value : undefined)),
});

/** A score as a person types or taps it: exactly one digit 1–5 (not "5.0", " 5", "0x5" or "5e0"). */
export function parseSurveyScore(text: string): number | null {
  return /^[1-5]$/.test(text) ? Number(text) : null;
}

export type SurveyView = {
  ticketNumber: string;
  status: Survey["status"];
  expiresAt: string;
  score: number | null;
};

/** Resolves a signed survey token to its survey; a forged or unknown token is `not_found`. */
export async function surveyFromToken(deps: CoreDeps, token: string): Promise<Survey> {
  const surveyId = deps.signer.verify(token);
  const survey = surveyId ? await deps.surveys.findById(surveyId) : null;
  if (!survey) throw new AppError("not_found", { detail: "unknown survey token" });
  return survey;
}

function effectiveStatus(survey: Survey, now: Date): Survey["status"] {
  if (survey.status !== "answered" && now.getTime() > survey.expiresAt.getTime()) return "expired";
  return survey.status;
}

export async function readSurvey(deps: CoreDeps, token: string): Promise<SurveyView> {
  const survey = await surveyFromToken(deps, token);
  const ticket = await deps.tickets.findById(survey.ticketId);
  if (!ticket) throw new AppError("not_found");
  return {
    ticketNumber: ticket.number,
    status: effectiveStatus(survey, deps.clock.now()),
    expiresAt: survey.expiresAt.toISOString(),
    score: survey.score ?? null,
  };
}

/**
 * Records the customer's 1–5 rating once, with an optional comment. A second answer (a double
 * tap, a reused link) is refused with `survey_answered`; a late one with `survey_expired`. The
 * answer also lands on the ticket's timeline so staff see it next to the work. A score given
 * alone (a chat button) may get its comment afterwards: see `addSurveyComment`.
 */
export async function answerSurvey(
  deps: CoreDeps,
  options: { token: string; answer: unknown; channel: SurveyChannel },
): Promise<{ score: number; comment?: string }> {
  const parsed = surveyAnswerSchema.safeParse(options.answer);
  if (!parsed.success) throw validationError(parsed.error);
  const survey = await surveyFromToken(deps, options.token);
  const now = deps.clock.now();
  const status = effectiveStatus(survey, now);
  if (status === "answered") throw new AppError("survey_answered");
  if (status === "expired") throw new AppError("survey_expired");
  const { score, comment } = parsed.data;
  const ticket = await deps.tickets.findById(survey.ticketId);
  if (!ticket) throw new AppError("not_found");
  const event = newEvent("survey_answered", { actor: { kind: "customer", id: ticket.customerId }, channel: options.channel }, now, {
    data: { score, surveyId: survey.id, ...(comment ? { comment } : {}) },
  });
  // 1–2 is dissatisfied: a supervisor gets a follow-up task due within a day (domain.md).
  const isLow = score < LOW_SCORE_BELOW;
  const followUpDueAt = new Date(now.getTime() + FOLLOW_UP_HOURS * 3600_000);
  const followUp = isLow
    ? { id: deps.newId(), kind: "low_score" as const, ticketId: ticket.id, role: "supervisor" as const, dueAt: followUpDueAt, createdAt: now, ...(comment ? { note: comment } : {}) }
    : undefined;
  const outbox = isLow
    ? (await alertSupervisors(deps, { includeStaffRoom: true }))(ticket.id, {
        kind: "staff.low_score",
        number: ticket.number,
        score,
        comment: comment ?? "",
        dueAt: followUpDueAt,
      })
    : [];
  // The conditional write is the guard against two answers racing: only one can record.
  const recorded = await deps.surveys.answer(survey.id, { score, at: now, ...(comment ? { comment } : {}) }, { event, outbox, ...(followUp ? { followUp } : {}) });
  if (!recorded) throw new AppError("survey_answered");
  return { score, ...(comment ? { comment } : {}) };
}
