import { z } from "zod";
import { AppError } from "../errors.ts";
import { checkReportField, REPORT_LIMITS, type ReportFieldName, type ReportFieldProblem } from "./check-report-field.ts";
import { normalizePhone } from "./phone.ts";
import { CATEGORIES, CHANNELS, LANGUAGES } from "./types.ts";

export { REPORT_LIMITS };

/** A trimmed text field checked by the one field rule (check-report-field.ts). */
const checkedText = (field: ReportFieldName) =>
  z
    .string()
    .trim()
    .superRefine((value, context) => {
      const problem = checkReportField(field, value);
      if (problem) context.addIssue({ code: "custom", message: problem.kind, params: problem });
    });
const optionalText = (field: ReportFieldName) =>
  checkedText(field)
    .optional()
    .transform((value) => (value ? value : undefined));

export const attachmentSchema = z.object({
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(100),
  sizeBytes: z.number().int().nonnegative().max(REPORT_LIMITS.attachmentBytes),
  storagePath: z.string().min(1).max(500),
});

/** A customer's fault report as every channel delivers it to intake. */
export const reportSchema = z.object({
  name: checkedText("name"),
  phone: checkedText("phone").transform((value) => normalizePhone(value) ?? value),
  /** Optional: where the customer wants e-mail updates (portal and API). */
  email: optionalText("email"),
  description: checkedText("description"),
  product: optionalText("product"),
  address: optionalText("address"),
  preferredTime: optionalText("preferredTime"),
  category: z.enum(CATEGORIES).optional(),
  channel: z.enum(CHANNELS),
  /** The channel's own id for the message (Telegram update/message id…): makes intake idempotent. */
  sourceMessageId: z.string().min(1).max(200).optional(),
  language: z.enum(LANGUAGES).optional(),
  /**
   * The sender's chat account. `phoneVerified` is true only when the channel vouches that
   * the phone is the sender's own (Telegram: their own contact card); only then may a new
   * account join an existing customer with that phone — a typed phone must not open
   * someone else's tickets (the rule: core/customers/resolve-customer-link.ts).
   */
  identity: z.object({ channel: z.enum(CHANNELS), externalId: z.string().min(1).max(200), phoneVerified: z.boolean().optional() }).optional(),
  attachments: z.array(attachmentSchema).max(REPORT_LIMITS.attachments).default([]),
});

export type ReportInput = z.input<typeof reportSchema>;
export type Report = z.output<typeof reportSchema>;

/** A field's problem as a transport reports it: the field, what is wrong (a closed set), the limit if any. */
export type FieldIssue = {
  field: string;
  problem:
    | ReportFieldProblem
    | { kind: "invalid" }
    | { kind: "in_past" }
    /** A name or chat account another record holds (a work center's name, a member's Telegram id). */
    | { kind: "taken" }
    /** A call-back time outside the calling windows (core/visits/calling-slot.ts), named as "10:00–18:00". */
    | { kind: "outside_calling_hours"; windows: readonly string[] };
};

/** What one zod issue means for the person who filled the field in. */
function problemOf(issue: z.core.$ZodIssue): FieldIssue["problem"] {
  if (issue.code === "custom" && issue.params && typeof issue.params.kind === "string") return issue.params as ReportFieldProblem;
  if (issue.code === "invalid_type" && issue.input === undefined) return { kind: "required" };
  if (issue.code === "too_big" && typeof issue.maximum === "number") return { kind: "too_long", max: issue.maximum };
  if (issue.code === "too_small" && typeof issue.minimum === "number") return issue.minimum <= 1 ? { kind: "required" } : { kind: "too_short", min: issue.minimum };
  return { kind: "invalid" };
}

/** Field paths of every problem, e.g. ["phone", "description"], and what is wrong with each: what users are told to fix. */
export function validationError(error: z.ZodError): AppError {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join(".") || "body"))];
  const issues: FieldIssue[] = error.issues.map((issue) => ({ field: issue.path.join(".") || "body", problem: problemOf(issue) }));
  return new AppError("validation", { params: { fields, issues }, detail: error.message });
}

export function parseReport(input: unknown): Report {
  const result = reportSchema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}
