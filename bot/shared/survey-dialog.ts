/**
 * The satisfaction survey in chat: one message with 1–5 buttons (sent by the adapter's
 * outbox sender, which stores a {@link SurveyPrompt} under a short key). A tapped score is
 * recorded at once; the customer may then write a comment, which the core adds to the answer
 * (`core.addSurveyComment`, once and within a day of the score). "Done" or any other message
 * ends the wait for it.
 */
import { describeError, isAppError, SURVEY_COMMENT_MAX_LENGTH } from "../../core/index.ts";
import { payload } from "./payloads.ts";
import { t } from "./text.ts";
import type { Turn } from "./turn.ts";

export async function answerSurveyButton(turn: Turn, key: string, score: number | "done"): Promise<void> {
  const prompt = await turn.deps.surveyPrompts.find(key);
  if (!prompt || prompt.externalId !== turn.msg.sender.id || prompt.channel !== turn.msg.channel) {
    turn.result.toast = t(turn.language, "bot.common.stale_button");
    return;
  }
  turn.result.clearButtons = true;
  if (score === "done") {
    // The score was recorded when tapped: "Done" only ends the wait for a comment.
    const dialog = turn.session.dialog;
    if (dialog?.kind !== "survey_comment" || dialog.promptKey !== key) {
      turn.result.toast = t(turn.language, "bot.common.stale_button");
      return;
    }
    turn.session.dialog = undefined;
    turn.say(t(turn.language, "bot.survey.thanks"));
    return;
  }
  try {
    await turn.core.answerSurvey(prompt.token, { score }, turn.msg.channel);
  } catch (error) {
    // Answered before (a second tap, a stale keyboard) or expired: one sentence, nothing changes.
    if (!isAppError(error)) throw error;
    turn.say(describeError(turn.language, error).message);
    return;
  }
  turn.session.dialog = { kind: "survey_comment", promptKey: key };
  turn.say({
    text: t(turn.language, "bot.survey.ask_comment", { score }),
    choices: [[{ label: t(turn.language, "bot.common.done"), payload: payload.surveyDone(key) }]],
  });
}

/**
 * A text after a tapped score: the survey's comment. Returns false when it cannot be one (no
 * prompt, no words, or the core refuses: the day has passed, a comment exists); the caller
 * then handles the text as any other message.
 */
export async function answerSurveyComment(turn: Turn, promptKey: string): Promise<boolean> {
  turn.session.dialog = undefined;
  const prompt = await turn.deps.surveyPrompts.find(promptKey);
  const comment = turn.msg.text?.trim();
  if (!prompt || !comment) return false;
  try {
    await turn.core.addSurveyComment(prompt.token, comment.slice(0, SURVEY_COMMENT_MAX_LENGTH), turn.msg.channel);
  } catch (error) {
    if (!isAppError(error)) throw error;
    turn.deps.logger.debug({ code: error.code, detail: error.message }, "survey comment refused; handled as a message");
    return false;
  }
  turn.say(t(turn.language, "bot.survey.thanks"));
  return true;
}
