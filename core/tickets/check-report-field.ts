import { isWellFormedText } from "../text/well-formed.ts";
import { normalizePhone } from "./phone.ts";
import { CATEGORIES } from "./types.ts";

/** The most a report's fields may hold; every channel shares them (the HTTP layer also caps the raw body). */
export const REPORT_LIMITS = {
  name: 100,
  /** A description shorter than this says nothing a technician can act on. */
  descriptionMin: 2,
  description: 4000,
  product: 200,
  address: 500,
  preferredTime: 200,
  /** An e-mail address (RFC 5321's longest path). */
  email: 254,
  /** A phone as typed, with spaces, dashes and a country code. */
  phoneTyped: 40,
  attachments: 5,
  attachmentBytes: 10 * 1024 * 1024,
} as const;

export type ReportFieldName = "name" | "phone" | "email" | "description" | "product" | "address" | "preferredTime" | "category";

/** What is wrong with one field, for the channel to say in the reader's language beside that field. */
export type ReportFieldProblem =
  | { kind: "required" }
  | { kind: "too_short"; min: number }
  | { kind: "too_long"; max: number }
  | { kind: "phone_invalid" }
  | { kind: "email_invalid" }
  | { kind: "category_invalid" }
  /** A lone UTF-16 surrogate: text no store can write and no reader can read. */
  | { kind: "ill_formed_text" };

const MAX_LENGTH: { readonly [F in ReportFieldName]: number } = {
  name: REPORT_LIMITS.name,
  phone: REPORT_LIMITS.phoneTyped,
  email: REPORT_LIMITS.email,
  description: REPORT_LIMITS.description,
  product: REPORT_LIMITS.product,
  address: REPORT_LIMITS.address,
  preferredTime: REPORT_LIMITS.preferredTime,
  category: 40,
};

const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Characters as a reader counts them: an emoji or a rare CJK character is one, not two. */
export const textLength = (text: string): number => [...text].length;

/**
 * The one check of a report's field (already trimmed; empty means not given), used by the
 * core's report schema, the portal's form and the bots' report steps alike, so a value one
 * channel accepts is never refused by intake.
 */
export function checkReportField(field: ReportFieldName, value: string): ReportFieldProblem | null {
  if (!isWellFormedText(value)) return { kind: "ill_formed_text" };
  const length = textLength(value);
  if (length > MAX_LENGTH[field]) return { kind: "too_long", max: MAX_LENGTH[field] };
  switch (field) {
    case "name":
      return length === 0 ? { kind: "required" } : null;
    case "phone":
      return normalizePhone(value) ? null : length === 0 ? { kind: "required" } : { kind: "phone_invalid" };
    case "email":
      // Optional; when given, one @ with a dotted domain and no spaces: enough to catch a typo, not a full RFC parse.
      return length === 0 || EMAIL_PATTERN.test(value) ? null : { kind: "email_invalid" };
    case "description":
      return length === 0 ? { kind: "required" } : length < REPORT_LIMITS.descriptionMin ? { kind: "too_short", min: REPORT_LIMITS.descriptionMin } : null;
    case "category":
      return length === 0 || (CATEGORIES as readonly string[]).includes(value) ? null : { kind: "category_invalid" };
    case "product":
    case "address":
    case "preferredTime":
      return null;
  }
}
