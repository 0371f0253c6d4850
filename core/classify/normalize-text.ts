import { toSimplified } from "./traditional-to-simplified.ts";

/**
 * Personal data and identifiers carry no signal about intent, and would make the model
 * memorize individual messages, so they become placeholder words. Order matters: URLs and
 * e-mails contain digits that the phone and number rules would otherwise eat.
 */
const PLACEHOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:https?:\/\/|www\.)\S+/g, " urlx "],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, " emailx "],
  // Mainland mobiles (optional +86, spaces or dashes), international, North American, CN landlines.
  [/(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g, " phonex "],
  [/\+\d{1,3}[\s-]?(?:\(?\d{1,4}\)?[\s.-]?){1,3}\d{3,4}(?!\d)/g, " phonex "],
  [/\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)/g, " phonex "],
  [/\b0\d{2,3}-\d{7,8}(?!\d)/g, " phonex "],
  // Order / ticket / tracking references: letters and digits glued together, or long digit runs.
  [/\b[a-z]{1,4}[-#]?\d[\d-]{4,}[a-z]?\b/gi, " refx "],
  [/#?\d{6,}/g, " refx "],
];

/**
 * Canonical form the features are computed on: full-width → half-width (NFKC), lower case,
 * Traditional → Simplified, identifiers replaced by placeholders, whitespace collapsed.
 */
export function normalizeText(text: string): string {
  let normalized = toSimplified(text.normalize("NFKC").toLowerCase());
  normalized = normalized.replace(/[’‘`]/g, "'");
  for (const [pattern, placeholder] of PLACEHOLDERS) normalized = normalized.replace(pattern, placeholder);
  return normalized.replace(/\s+/g, " ").trim();
}
