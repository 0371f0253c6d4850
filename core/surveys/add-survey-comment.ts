import { z } from "zod";
import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { alertSupervisors } from "../notifications/alert-supervisors.ts";
import { validationError } from "../tickets/report.ts";
import { newEvent } from "../tickets/ticket-event.ts";
import { LOW_SCORE_BELOW, SURVEY_COMMENT_MAX_LENGTH, surveyFromToken, type SurveyChannel } from "./answer-survey.ts";

/** A comment may follow the score for this long (a chat customer taps a score, then writes). */
export const SURVEY_COMMENT_WINDOW_HOURS = 24;

const commentSchema = z.object({ comment: z.string().trim().min(1).max(SURVEY_COMMENT_MAX_LENGTH) });

/**
 * Adds the customer's comment to a survey they already scored: once, within
 * {@link SURVEY_COMMENT_WINDOW_HOURS} of the answer. A survey without a score yet is a
 * `validation` error (the score comes first); a second comment, or one with the answer, is
 * refused with `survey_answered`; a late one with `survey_expired`.
 *
 * The comment lands on the timeline as a `survey_commented` event (internal: staff read it,
 * the customer wrote it). A low score was announced to supervisors when it came, without
 * words; its comment follows them in a second message and becomes the note of the
 * follow-up task the score opened.
 */
export async function addSurveyComment(
  deps: CoreDeps,
  options: { token: string; comment: unknown; channel: SurveyChannel },
): Promise<{ comment: string }> {
  const parsed = commentSchema.safeParse({ comment: options.comment });
  if (!parsed.success) throw validationError(parsed.error);
  const { comment } = parsed.data;
  const survey = await surveyFromToken(deps, options.token);
  if (survey.status !== "answered" || survey.score === undefined || !survey.answeredAt) {
    throw new AppError("validation", { params: { fields: ["score"] }, detail: "a survey comment follows its score" });
  }
  if (survey.comment) throw new AppError("survey_answered", { detail: "the survey has its comment" });
  const now = deps.clock.now();
  if (now.getTime() > survey.answeredAt.getTime() + SURVEY_COMMENT_WINDOW_HOURS * 3600_000) {
    throw new AppError("survey_expired", { detail: "the comment window has passed" });
  }
  const ticket = await deps.tickets.findById(survey.ticketId);
  if (!ticket) throw new AppError("not_found");
  const { score } = survey;
  const event = newEvent("survey_commented", { actor: { kind: "customer", id: ticket.customerId }, channel: options.channel }, now, {
    note: comment,
    data: { surveyId: survey.id, score },
  });
  const isLow = score < LOW_SCORE_BELOW;
  const outbox = isLow
    ? (await alertSupervisors(deps, { includeStaffRoom: true }))(ticket.id, { kind: "staff.low_score_comment", number: ticket.number, score, comment })
    : [];
  // Conditional write: of two comments racing, only one is recorded.
  const recorded = await deps.surveys.addComment(survey.id, { text: comment, at: now }, { event, outbox, ...(isLow ? { followUpNote: comment } : {}) });
  if (!recorded) throw new AppError("survey_answered", { detail: "the survey has its comment" });
  return { comment };
}
