import { randomBytes } from "node:crypto";
import { AppError, CATEGORIES, isAppError, REPORT_LIMITS } from "../../core/index.ts";
import { isDiskFull, MAX_ATTACHMENT_LABEL } from "../attachments.ts";
import type { PortalApi } from "../../portal/src/portal-api.ts";
import { EMPTY_REPORT, FORM_ID_PATTERN, readReportValues, submitReport } from "./report-form.ts";
import type { PortalDeps, RequestContext } from "./request-context.ts";
import { phoneProofDigits } from "./ticket-proofs.ts";

const newFormId = () => randomBytes(18).toString("base64url");

/**
 * The report page: the form's choices and limits, a blank form, and its POST. A created
 * ticket is remembered as proven, so the reporter can open it without typing the number.
 */
export function reportService(context: RequestContext, deps: Pick<PortalDeps, "core" | "attachments" | "limits">): Pick<PortalApi, "report" | "attachmentLimits" | "categories" | "emailUpdates"> {
  const { core, limits } = deps;
  const { t } = context;
  return {
    emailUpdates: deps.core.settings().contactChannels.email.length > 0,
    attachmentLimits: { maxPhotos: REPORT_LIMITS.attachments, maxPhotoBytes: REPORT_LIMITS.attachmentBytes, maxPhotoSize: MAX_ATTACHMENT_LABEL },
    categories: CATEGORIES.map((value) => ({ value, label: t(`category.${value}`) })),
    report: {
      blank() {
        return { kind: "form", status: 200, values: { ...EMPTY_REPORT }, errors: {}, formId: newFormId() };
      },
      async submit(form) {
        const formIdInput = form.get("formId");
        const formId = typeof formIdInput === "string" && FORM_ID_PATTERN.test(formIdInput) ? formIdInput : "";
        if (!context.isGenuineForm(form) || !formId) {
          return { kind: "form", status: 403, values: readReportValues(form), errors: { form: [t("portal.form.error.expired")] }, formId: formId || newFormId() };
        }
        try {
          await limits.checkReport(context.clientAddress);
        } catch (error) {
          // Not a form to correct: the page says the limit was reached and when to come back, the entries kept.
          if (!isAppError(error) || error.code !== "rate_limited") throw error;
          const retryAt = new Date(core.now().getTime() + Number(error.params.retryAfterSeconds ?? 0) * 1000).toISOString();
          return { kind: "limited", status: 429, values: readReportValues(form), formId, retryAt };
        }
        let state: Awaited<ReturnType<typeof submitReport>>;
        try {
          // A photo that could not even be written (a full disk) is the same refusal as a ticket that could not.
          if (context.spooled?.writeFailure !== undefined) {
            throw isDiskFull(context.spooled.writeFailure)
              ? new AppError("unavailable", { params: { reason: "storage_full" }, cause: context.spooled.writeFailure })
              : context.spooled.writeFailure;
          }
          state = await submitReport({ core, attachments: deps.attachments, t, language: context.language }, form, formId, context.spooled);
        } catch (error) {
          // The desk cannot write (a full disk): the customer's words stay in the form, with
          // what happened and what to do; nothing was stored (submitReport removed the photos).
          if (!isAppError(error) || error.code !== "unavailable") throw error;
          return { kind: "form", status: 503, values: readReportValues(form), errors: { form: [t("error.unavailable")] }, formId };
        } finally {
          // Before the page answers: whatever was not stored with a ticket is gone when the customer reads the page.
          await context.spooled?.discard();
        }
        if (state.kind === "created") {
          // Only a report that made a ticket counts against the limit, not one sent back for corrections.
          await limits.recordReport(context.clientAddress);
          context.ticketProofs.remember(state.ticket.number, phoneProofDigits(String(form.get("phone") ?? "")).slice(-4));
        }
        return state.kind === "form" && !state.formId ? { ...state, formId: newFormId() } : state;
      },
    },
  };
}
