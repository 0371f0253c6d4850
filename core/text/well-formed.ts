import { AppError } from "../errors.ts";

/**
 * With the `u` flag a surrogate pair is one code point, so this matches only a lone half of
 * one: text that is not well-formed UTF-16 and has no UTF-8 form. The store cannot write it
 * (SQLite and Prisma need UTF-8) and no reader could read it back.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** True when the text is well-formed UTF-16 (no lone surrogate). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

/** The path of every string inside `value` (nested objects and arrays) that is ill-formed. */
function illFormedPaths(value: unknown, path: string, found: string[], depth: number): void {
  if (typeof value === "string") {
    if (!isWellFormedText(value)) found.push(path || "body");
    return;
  }
  if (depth > 8 || value === null || typeof value !== "object" || value instanceof Date) return;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    if (!isWellFormedText(key)) found.push(path || "body");
    else illFormedPaths(item, path ? `${path}.${key}` : key, found, depth + 1);
  }
}

/**
 * The one text guard of the core's operations: every operation that takes text from outside
 * passes its inputs here first, named as the caller knows them (`{ text }`, a report's own
 * fields), and ill-formed text is a `validation` error naming each field with the problem
 * `ill_formed_text`, never a failed write.
 */
export function requireWellFormedText(inputs: Readonly<Record<string, unknown>>): void {
  const found: string[] = [];
  for (const [name, value] of Object.entries(inputs)) illFormedPaths(value, name, found, 0);
  if (found.length === 0) return;
  const fields = [...new Set(found)];
  throw new AppError("validation", {
    params: { fields, issues: fields.map((field) => ({ field, problem: { kind: "ill_formed_text" } })) },
    detail: `ill-formed text (lone surrogate) in ${fields.join(", ")}`,
  });
}
