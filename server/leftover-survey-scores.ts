import { isAppError, type Core } from "../core/index.ts";
import { clearLeftoverSurveyScore, leftoverSurveyScores } from "../db/bot-stores.ts";
import type { Database } from "../db/index.ts";
import type { Logger } from "./logger.ts";

/**
 * Scores tapped in chat before the core took survey comments were held in the bot's table
 * (`pendingScore`) for a few minutes, waiting for a comment. A desk upgraded while one was
 * waiting would otherwise never record it: at start-up each leftover score is answered
 * through the core once and cleared. An answer the core refuses (already answered, expired)
 * is cleared too; any other failure keeps the row for the next start.
 */
export async function recordLeftoverSurveyScores(core: Pick<Core, "answerSurvey">, db: Database, logger: Logger): Promise<number> {
  let recorded = 0;
  for (const leftover of await leftoverSurveyScores(db)) {
    try {
      await core.answerSurvey(leftover.token, { score: leftover.score }, "telegram");
      recorded++;
    } catch (error) {
      if (!isAppError(error) || !["survey_answered", "survey_expired", "not_found", "validation"].includes(error.code)) {
        logger.warn({ err: error, prompt: leftover.key }, "a leftover survey score could not be recorded; kept for the next start");
        continue;
      }
    }
    await clearLeftoverSurveyScore(db, leftover.key);
  }
  if (recorded > 0) logger.info({ recorded }, "recorded survey scores left waiting for a comment before the upgrade");
  return recorded;
}
