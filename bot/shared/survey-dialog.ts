/**
 * The satisfaction survey in chat: one message with 1–5 buttons (sent by the adapter's
 * outbox sender, which stores a {@link SurveyPrompt} under a short key), then an optional
 * comment. The core records one answer per survey and cannot amend it, so a tapped score
 * waits in the prompt row for the comment; "Done", the comment, or — when the customer just
 * walks away — {@link flushPendingSurveys} records it. The score is stored before we answer
 * the tap, so a restart loses nothing.
 */
import { describeError, isAppError, type Core } from "../../core/index.ts";
import { payload } from "./payloads.ts";
import { t } from "./text.ts";
import type { Turn } from "./turn.ts";
import type { BotLogger, SurveyPrompt, SurveyPromptStore } from "./types.ts";

export const DEFAULT_SURVEY_COMMENT_MINUTES = 15;

export async function answerSurveyButton(turn: Turn, key: string, score: number | "done"): Promise<void> {
  const prompt = await turn.deps.surveyPrompts.find(key);
  if (!prompt || prompt.externalId !== turn.msg.sender.id || prompt.channel !== turn.msg.channel) {
    turn.result.toast = t(turn.language, "bot.common.stale_button");
    return;
  }
  turn.result.clearButtons = true;
  if (score === "done") {
    if (prompt.pendingScore === undefined) {
      turn.result.toast = t(turn.language, "bot.common.stale_button");
      return;
    }
    await submit(turn, prompt, prompt.pendingScore);
    return;
  }
  try {
    const survey = await turn.core.readSurvey(prompt.token);
    if (survey.status === "answered" || survey.status === "expired") {
      turn.say(t(turn.language, survey.status === "answered" ? "error.survey_answered" : "error.survey_expired"));
      return;
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    turn.say(describeError(turn.language, error).message);
    return;
  }
  await turn.deps.surveyPrompts.setPending(key, score, turn.now);
  turn.session.dialog = { kind: "survey_comment", promptKey: key };
  turn.say({
    text: t(turn.language, "bot.survey.ask_comment", { score }),
    choices: [[{ label: t(turn.language, "bot.common.done"), payload: payload.surveyDone(key) }]],
  });
}

/** A text while a score waits for its comment. Returns false when there is nothing waiting (handle the text otherwise). */
export async function answerSurveyComment(turn: Turn, promptKey: string): Promise<boolean> {
  const prompt = await turn.deps.surveyPrompts.find(promptKey);
  turn.session.dialog = undefined;
  const comment = turn.msg.text?.trim();
  if (!prompt || prompt.pendingScore === undefined || !comment) return false;
  await submit(turn, prompt, prompt.pendingScore, comment);
  return true;
}

async function submit(turn: Turn, prompt: SurveyPrompt, score: number, comment?: string): Promise<void> {
  turn.session.dialog = undefined;
  try {
    await turn.core.answerSurvey(prompt.token, { score, ...(comment ? { comment: comment.slice(0, 2000) } : {}) }, turn.msg.channel);
    turn.say(t(turn.language, "bot.survey.thanks"));
  } catch (error) {
    if (!isAppError(error)) throw error;
    turn.say(describeError(turn.language, error).message);
  } finally {
    await turn.deps.surveyPrompts.clearPending(prompt.key);
  }
}

/**
 * Records scores whose comment never came. Run it every few minutes; it is idempotent (an
 * answer the core already has is simply forgotten here).
 */
export async function flushPendingSurveys(
  deps: { core: Core; surveyPrompts: SurveyPromptStore; logger: BotLogger },
  options: { now: Date; waitMinutes?: number; limit?: number },
): Promise<number> {
  const before = new Date(options.now.getTime() - (options.waitMinutes ?? DEFAULT_SURVEY_COMMENT_MINUTES) * 60_000);
  const prompts = await deps.surveyPrompts.pendingSince(before, options.limit ?? 50);
  let recorded = 0;
  for (const prompt of prompts) {
    if (prompt.pendingScore === undefined) continue;
    try {
      await deps.core.answerSurvey(prompt.token, { score: prompt.pendingScore }, prompt.channel);
      recorded++;
    } catch (error) {
      if (!isAppError(error)) {
        deps.logger.error({ err: error, surveyId: prompt.surveyId }, "recording a pending survey score failed");
        continue;
      }
    }
    await deps.surveyPrompts.clearPending(prompt.key);
  }
  return recorded;
}
