import { describeFieldProblem, isAppError, parseSurveyScore, type FieldIssue } from "../../core/index.ts";
import type { PortalApi, SurveyState } from "../../portal/src/portal-api.ts";
import { PORTAL_TEXT_LIMITS, type PortalDeps, type RequestContext } from "./request-context.ts";

/** The survey page behind a ticket's survey link: one score (1–5) and an optional comment. */
export function surveyService(context: RequestContext, deps: Pick<PortalDeps, "core">): Pick<PortalApi, "survey"> {
  const { core } = deps;
  const { t } = context;

  const read = async (token: string): Promise<SurveyState> => {
    try {
      const survey = await core.readSurvey(token);
      if (survey.status === "answered") return { kind: "answered", status: 409, message: t("error.survey_answered") };
      if (survey.status === "expired") return { kind: "expired", status: 410, message: t("error.survey_expired") };
      return { kind: "open", status: 200, ticketNumber: survey.ticketNumber, values: { score: "", comment: "" }, errors: {} };
    } catch (error) {
      if (isAppError(error) && error.code === "not_found") return { kind: "invalid", status: 404 };
      throw error;
    }
  };

  return {
    survey: {
      read,
      async answer(token, form) {
        const current = await read(token);
        if (current.kind !== "open") return current;
        const values = { score: String(form.get("score") ?? ""), comment: String(form.get("comment") ?? "").trim() };
        if (!context.isGenuineForm(form)) return { ...current, status: 403, values, errors: { form: [t("portal.form.error.expired")] } };
        const score = parseSurveyScore(values.score);
        if (score === null) return { ...current, status: 400, values, errors: { score: [t("portal.form.error.score_required")] } };
        if ([...values.comment].length > PORTAL_TEXT_LIMITS.comment) return { ...current, status: 400, values, errors: { comment: [t("portal.form.error.too_long", { max: PORTAL_TEXT_LIMITS.comment })] } };
        try {
          const answer = await core.answerSurvey(token, { score, ...(values.comment ? { comment: values.comment } : {}) }, "portal");
          return { kind: "thanks", status: 200, score: answer.score };
        } catch (error) {
          if (isAppError(error) && error.code === "survey_answered") return { kind: "answered", status: 409, message: t("error.survey_answered") };
          if (isAppError(error) && error.code === "survey_expired") return { kind: "expired", status: 410, message: t("error.survey_expired") };
          if (isAppError(error) && error.code === "validation") {
            // The core's last word on the comment (e.g. ill-formed text), said beside it.
            const issues = Array.isArray(error.params.issues) ? (error.params.issues as FieldIssue[]) : [];
            const messages = issues.map((issue) => describeFieldProblem(context.language, issue.problem));
            return { ...current, status: 400, values, errors: { comment: messages.length ? messages : [t("portal.form.error.invalid")] } };
          }
          throw error;
        }
      },
    },
  };
}
