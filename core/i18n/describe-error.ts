import { AppError } from "../errors.ts";
import type { FieldIssue } from "../tickets/report.ts";
import type { Language, TicketStatus } from "../tickets/types.ts";
import { describeFieldPath } from "./field-names.ts";
import { formatDateTime, formatTime } from "./format-date.ts";
import { translate, type MessageKey } from "./index.ts";

/** One field's problem in the reader's language ("Too long: at most 100 characters."). */
export function describeFieldProblem(language: Language, problem: FieldIssue["problem"]): string {
  switch (problem.kind) {
    case "required":
      return translate(language, "field.problem.required");
    case "too_short":
      return translate(language, "field.problem.too_short", { min: problem.min });
    case "too_long":
      return translate(language, "field.problem.too_long", { max: problem.max });
    case "phone_invalid":
      return translate(language, "field.problem.phone_invalid");
    case "ill_formed_text":
      return translate(language, "field.problem.ill_formed_text");
    case "email_invalid":
      return translate(language, "field.problem.email_invalid");
    case "in_past":
      return translate(language, "field.problem.in_past");
    case "taken":
      return translate(language, "field.problem.taken");
    case "outside_calling_hours":
      return translate(language, "field.problem.outside_calling_hours", { windows: problem.windows.join(language === "en" ? " or " : "或") });
    case "category_invalid":
    case "invalid":
      return translate(language, "field.problem.invalid");
  }
}

/**
 * The user-facing sentence for any error, in the user's language. Transports call this
 * once; anything that is not an AppError is an internal error and its detail stays in logs.
 */
export function describeError(language: Language, error: unknown): { code: AppError["code"]; message: string } {
  if (!(error instanceof AppError)) return { code: "internal", message: translate(language, "error.internal") };
  const params = { ...error.params } as Record<string, unknown>;
  const statusName = (status: unknown) => translate(language, `status.${String(status) as TicketStatus}` as MessageKey);
  if (error.code === "illegal_transition") {
    params.from = statusName(params.from);
    params.to = statusName(params.to);
    params.allowed = Array.isArray(params.allowed) ? params.allowed.map(statusName) : [];
    if ((params.allowed as string[]).length === 0) params.allowed = translate(language, "value.none");
  }
  if (error.code === "ticket_not_open") params.status = statusName(params.status);
  if (error.code === "validation") return describeValidation(language, error);
  // A token the API does not know: say which database it was checked against (its short id).
  if (error.code === "unauthorized" && typeof params.database === "string") {
    return { code: error.code, message: translate(language, "error.unauthorized_token", { database: params.database }) };
  }
  if (error.code === "unsupported_media" && typeof params.expected === "string") {
    // A body in the wrong format (not a photo): say which format the route takes.
    return { code: error.code, message: translate(language, "error.content_type_required", { expected: params.expected }) };
  }
  if (error.code === "rate_limited" && params.reason === "chase_interval" && typeof params.nextChaseAt === "string" && typeof params.timeZone === "string") {
    const show = params.sameDay === true ? formatTime : formatDateTime;
    return { code: error.code, message: translate(language, "error.rate_limited.chase", { time: show(params.nextChaseAt, language, params.timeZone) }) };
  }
  if (error.code === "rate_limited" && params.reason === "chat_intake" && typeof params.nextReportAt === "string" && typeof params.timeZone === "string") {
    const show = params.sameDay === true ? formatTime : formatDateTime;
    return { code: error.code, message: translate(language, "error.rate_limited.chat_intake", { count: String(params.count ?? ""), time: show(params.nextReportAt, language, params.timeZone) }) };
  }
  if (error.code === "forbidden" && (params.reason === "last_admin" || params.reason === "own_account")) {
    return { code: error.code, message: translate(language, `error.forbidden.${params.reason}`) };
  }
  if (error.code === "forbidden" && params.reason === "not_assignee") {
    return { code: error.code, message: translate(language, "error.forbidden.not_assignee", { number: String(params.number ?? "") }) };
  }
  return {
    code: error.code,
    message: translate(language, `error.${error.code}`, params as Record<string, string | readonly string[]>),
  };
}

/**
 * "Some information is missing or not valid: Phone, Visit time." with the fields by their
 * names in the reader's language, then one line per known problem ("Visit time: This time has
 * already passed…"), so a chat user reads what to fix without a form beside the message.
 */
function describeValidation(language: Language, error: AppError): { code: "validation"; message: string } {
  const fields = Array.isArray(error.params.fields) ? (error.params.fields as unknown[]).map(String) : [];
  const names = [...new Set(fields.map((field) => describeFieldPath(language, field)))];
  const summary = translate(language, "error.validation", { fields: names.length ? names : [describeFieldPath(language, "body")] });
  const issues = Array.isArray(error.params.issues) ? (error.params.issues as FieldIssue[]) : [];
  const lines = issues.map((issue) => translate(language, "error.validation.issue", { field: describeFieldPath(language, issue.field), problem: describeFieldProblem(language, issue.problem) }));
  return { code: "validation", message: [summary, ...new Set(lines)].join("\n") };
}
