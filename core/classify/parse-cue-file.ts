import { z } from "zod";
import type { Cue } from "./cue.ts";

/**
 * The cue lists live in cues/*.json, each cue with the messages it must and must not match
 * (checked cue by cue in test/core/classify/cue-examples.test.ts). A pattern is a regular
 * expression written as a string, or as an array of strings joined without separator so a
 * long one reads line by line. Two placeholders keep them short:
 * - `{{gap N}}`: up to N characters inside one clause (no , . ! ? ; 。 or line break);
 * - `{{NAME}}`: a word list from the file's `fragments`, as a group of alternatives.
 * Fragments may use fragments defined before them. Every pattern gets the `u` flag and is
 * matched against normalized text (Simplified, lower case, NFKC; see normalize-text.ts).
 */
const source = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const cueSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  level: z.enum(["urgent", "high", "hint"]),
  label: z.string().min(1),
  /** Why the cue is shaped the way it is, for the next editor. */
  note: z.string().optional(),
  pattern: source,
  unless: source.optional(),
  unlessScope: z.enum(["clause", "text"]).optional(),
  requires: source.optional(),
  examples: z.strictObject({
    match: z.array(z.string().min(1)).min(1),
    noMatch: z.array(z.string().min(1)).min(1),
  }),
});

const cueFileSchema = z.strictObject({
  fragments: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.array(z.string().min(1)).min(1)).default({}),
  cues: z.array(cueSchema).min(1),
});

const PLACEHOLDER = /\{\{(?:gap (\d+)|([A-Z][A-Z0-9_]*))\}\}/g;

function expand(text: string, fragments: ReadonlyMap<string, string>, where: string): string {
  return text.replace(PLACEHOLDER, (_placeholder, gap: string | undefined, name: string | undefined) => {
    if (gap !== undefined) return `[^,.!?;。\\n]{0,${gap}}`;
    const fragment = fragments.get(name ?? "");
    if (fragment === undefined) throw new Error(`${where}: unknown fragment {{${name}}}`);
    return fragment;
  });
}

function compile(value: string | string[], fragments: ReadonlyMap<string, string>, where: string): RegExp {
  const text = expand(typeof value === "string" ? value : value.join(""), fragments, where);
  if (text.includes("{{")) throw new Error(`${where}: malformed placeholder in ${text}`);
  try {
    return new RegExp(text, "u");
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Validates a cue file (imported JSON) and compiles its patterns; `file` names it in errors. */
export function parseCueFile(raw: unknown, file: string): Cue[] {
  const parsed = cueFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const fragments = new Map<string, string>();
  for (const [name, words] of Object.entries(parsed.data.fragments)) {
    fragments.set(name, `(?:${expand(words.join("|"), fragments, `${file} fragment ${name}`)})`);
  }
  const ids = new Set<string>();
  return parsed.data.cues.map((entry) => {
    const where = `${file} cue ${entry.id}`;
    if (ids.has(entry.id)) throw new Error(`${where}: the id is used twice`);
    ids.add(entry.id);
    const cue: Cue = { id: entry.id, level: entry.level, label: entry.label, pattern: compile(entry.pattern, fragments, where), examples: entry.examples };
    if (entry.unless) cue.unless = compile(entry.unless, fragments, `${where} (unless)`);
    if (entry.unlessScope) cue.unlessScope = entry.unlessScope;
    if (entry.requires) cue.requires = compile(entry.requires, fragments, `${where} (requires)`);
    return cue;
  });
}
