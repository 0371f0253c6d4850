import { z } from "zod";
import { textLength } from "../tickets/check-report-field.ts";

/** The longest display name, in characters (what customers read in "assigned to …"). */
export const STAFF_NAME_MAX_LENGTH = 100;

/**
 * Characters a name must not hold: control characters (line breaks, tabs, escapes) and the
 * bidirectional overrides that would reorder the text around the name in a message.
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/** A staff member's display name: trimmed, 1 to {@link STAFF_NAME_MAX_LENGTH} characters, no control characters. */
export const staffNameSchema = z
  .string()
  .trim()
  .min(1)
  .refine((name) => textLength(name) <= STAFF_NAME_MAX_LENGTH, { message: `at most ${STAFF_NAME_MAX_LENGTH} characters` })
  .refine((name) => !FORBIDDEN.test(name), { message: "no control characters" });

/** A name from somewhere we do not control (a chat profile) made fit to show: forbidden characters become spaces, cut to the limit. */
export function tidyStaffName(raw: string): string {
  const cleaned = raw.replace(new RegExp(FORBIDDEN.source, "gu"), " ").replace(/\s+/gu, " ").trim();
  return [...cleaned].slice(0, STAFF_NAME_MAX_LENGTH).join("").trim();
}
