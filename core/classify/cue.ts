/** Explicit, human-written cues that complement the statistical model (the lists: cues/*.json). */

/**
 * urgent: danger or mass outage, forces urgency "urgent".
 * high: real impact, chases, serious complaints; lifts urgency to at least "high".
 * hint: evidence only, given to the model as a feature (e.g. cosmetic issue, "no rush").
 */
export type CueLevel = "urgent" | "high" | "hint";

export type Cue = {
  id: string;
  level: CueLevel;
  /** Short English description shown to staff, e.g. "smoke". */
  label: string;
  /** Matched against the normalized text (Simplified, lower case, NFKC). */
  pattern: RegExp;
  /** When this matches the clause around a hit, the hit is ignored (e.g. "smoke-grey"). */
  unless?: RegExp;
  /** Where `unless` looks: the clause of the hit (default) or the whole message. */
  unlessScope?: "clause" | "text";
  /** Set for cues that only make sense together with another finding (see `requires`). */
  requires?: RegExp;
  /** Raw messages (any language, before normalization) this cue alone must and must not find. */
  examples: CueExamples;
};

export type CueExamples = { match: readonly string[]; noMatch: readonly string[] };

export type CueMatch = {
  cue: Cue;
  /** The matched text as it appears in the normalized message. */
  matched: string;
};

/** Characters that end a clause; negation and `unless` look only inside the clause of a hit. */
const CLAUSE_BREAK = /[,.!?;。~\n、…]/;

const NEGATION_BEFORE = new RegExp(
  [
    // Chinese, right before the cue: "没有冒烟", "没闻到焦味", "并无任何火花", "不是漏电".
    // Only adjacent negations count, so "没多久就冒烟了" stays a hit and "会不会炸" stays a worry.
    // "有没有吞下去" and "是不是漏电" are worried questions, not negations.
    "(?:(?<!有)没有|(?<!有)没|无|并无|未|并未|(?<!是)不是|不像)(?:看到|看见|闻到|发现|听到|见到|见|有|出现|任何|什么|再)?$",
    // English, negation at most two words before: "no smoke", "doesn't smell like gas", "without any sparks".
    "\\b(?:no|not|never|without|nor|isn't|wasn't|aren't|don't|doesn't|didn't|haven't|hasn't)\\b(?:\\s+\\S+){0,2}\\s*$",
  ].join("|"),
);

function clauseAround(text: string, start: number, end: number): { before: string; clause: string } {
  let clauseStart = start;
  while (clauseStart > 0 && !CLAUSE_BREAK.test(text.charAt(clauseStart - 1))) clauseStart--;
  let clauseEnd = end;
  while (clauseEnd < text.length && !CLAUSE_BREAK.test(text.charAt(clauseEnd))) clauseEnd++;
  return { before: text.slice(clauseStart, start), clause: text.slice(clauseStart, clauseEnd) };
}

const GLOBAL_PATTERNS = new WeakMap<Cue, RegExp>();

/** matchAll needs the g flag; compiled once per cue, not once per message. */
function globalPattern(cue: Cue): RegExp {
  let compiled = GLOBAL_PATTERNS.get(cue);
  if (!compiled) {
    const flags = cue.pattern.flags.includes("g") ? cue.pattern.flags : `${cue.pattern.flags}g`;
    compiled = new RegExp(cue.pattern.source, flags);
    GLOBAL_PATTERNS.set(cue, compiled);
  }
  return compiled;
}

export type CueScan = {
  matches: CueMatch[];
  /** [start, end) of hits dropped because they were negated ("没有冒烟", "no smoke"). */
  negatedSpans: Array<readonly [number, number]>;
};

/**
 * Finds every cue of `cues` in `normalized` text, at most one match per cue. A hit is dropped
 * when its clause is negated just before it ("没有冒烟", "no smoke") or matches the cue's
 * `unless`; a cue with `requires` counts only when that pattern occurs anywhere in the text.
 * Negated hits are returned as spans so the model can be kept from reading them as danger.
 */
export function scanCues(normalized: string, cues: readonly Cue[]): CueScan {
  const matches: CueMatch[] = [];
  const negatedSpans: Array<readonly [number, number]> = [];
  for (const cue of cues) {
    if (cue.requires && !cue.requires.test(normalized)) continue;
    for (const hit of normalized.matchAll(globalPattern(cue))) {
      const start = hit.index;
      const end = start + hit[0].length;
      const { before, clause } = clauseAround(normalized, start, end);
      if (NEGATION_BEFORE.test(before)) {
        negatedSpans.push([start, end]);
        continue;
      }
      if (cue.unless && cue.unless.test(cue.unlessScope === "text" ? normalized : clause)) continue;
      matches.push({ cue, matched: hit[0].trim() });
      break;
    }
  }
  return { matches, negatedSpans };
}

/** The cues found in `normalized` text (see `scanCues`). */
export function detectCues(normalized: string, cues: readonly Cue[]): CueMatch[] {
  return scanCues(normalized, cues).matches;
}

/** Replaces the given spans by a neutral word, so "no smoke" does not feed the n-gram "smoke". */
export function maskSpans(text: string, spans: ReadonlyArray<readonly [number, number]>): string {
  if (spans.length === 0) return text;
  const ordered = [...spans].sort((a, b) => a[0] - b[0]);
  let masked = "";
  let cursor = 0;
  for (const [start, end] of ordered) {
    if (start < cursor) continue;
    masked += `${text.slice(cursor, start)} negx `;
    cursor = end;
  }
  return masked + text.slice(cursor);
}
