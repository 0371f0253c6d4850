/**
 * The payload a rendered message's button carries (core's typed `ButtonAction`), the same on
 * every channel: Telegram puts it in callback data, a text-only channel remembers it behind
 * the number the customer replies with. A survey score's signed token is too long for
 * callback data, so its payload holds a short key to a stored prompt, made by `surveyKey`.
 */
import type { ButtonAction } from "../../core/index.ts";
import { payload } from "./payloads.ts";

export type SurveyScoreAction = Extract<ButtonAction, { kind: "survey_score" }>;

export async function actionPayload(action: ButtonAction, surveyKey: (action: SurveyScoreAction) => Promise<string>): Promise<string> {
  switch (action.kind) {
    case "survey_score":
      return payload.survey(await surveyKey(action), action.score);
    case "take":
      return payload.staffTake(action.number);
    case "assign_menu":
      return payload.staffAssignMenu(action.number);
    case "urgency_menu":
      return payload.staffUrgencyMenu(action.number);
    case "fixed":
      return payload.fixed(action.number);
    case "not_fixed":
      return payload.notFixed(action.number);
  }
}
