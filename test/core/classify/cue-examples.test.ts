import { describe, expect, it } from "vitest";
import { scanCues, type Cue } from "../../../core/classify/cue.ts";
import { INTENT_CUES } from "../../../core/classify/intent-cues.ts";
import { normalizeText } from "../../../core/classify/normalize-text.ts";
import { parseCueFile } from "../../../core/classify/parse-cue-file.ts";
import { PRIORITY_CUES } from "../../../core/classify/priority-cues.ts";
import { SAFETY_CUES } from "../../../core/classify/safety-cues.ts";

/** Each cue alone, on each of its examples, as the classifier runs it (normalized text). */
function wrongExamples(cue: Cue): string[] {
  const finds = (text: string) => scanCues(normalizeText(text), [cue]).matches.length > 0;
  return [
    ...cue.examples.match.filter((text) => !finds(text)).map((text) => `should match: ${text}`),
    ...cue.examples.noMatch.filter((text) => finds(text)).map((text) => `should not match: ${text}`),
  ];
}

describe.each([
  ["safety", SAFETY_CUES],
  ["priority", PRIORITY_CUES],
  ["intent", INTENT_CUES],
])("%s cues, each on its own examples", (_file, cues) => {
  it.each(cues.map((cue) => [cue.id, cue] as const))("%s", (_id, cue) => {
    expect(wrongExamples(cue)).toEqual([]);
  });
});

describe("the cue files", () => {
  it("give every cue a unique id across files", () => {
    const ids = [...SAFETY_CUES, ...PRIORITY_CUES, ...INTENT_CUES].map((cue) => cue.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SAFETY_CUES.filter((cue) => cue.level === "urgent").length).toBeGreaterThanOrEqual(50);
  });
});

describe("parseCueFile", () => {
  const examples = { match: ["a"], noMatch: ["b"] };
  const file = (cue: Record<string, unknown>, fragments: Record<string, string[]> = {}) => ({ fragments, cues: [{ id: "c", level: "hint", label: "l", examples, ...cue }] });

  it("expands word lists and clause gaps and joins pattern lines", () => {
    const [cue] = parseCueFile(file({ pattern: ["{{WORDS}}{{gap 3}}", "烟|\\bx\\b"] }, { BASE: ["a", "b"], WORDS: ["{{BASE}}", "c"] }), "test.json");
    expect(cue?.pattern.source).toBe("(?:(?:a|b)|c)[^,.!?;。\\n]{0,3}烟|\\bx\\b");
    expect(cue?.pattern.flags).toBe("u");
    expect(cue?.examples).toEqual(examples);
  });

  it.each([
    ["an unknown fragment", file({ pattern: "{{NOPE}}" }), /test\.json cue c: unknown fragment \{\{NOPE\}\}/],
    ["a malformed placeholder", file({ pattern: "{{gap x}}" }), /malformed placeholder/],
    ["an invalid expression", file({ pattern: "(a" }), /test\.json cue c: Invalid regular expression/],
    ["a cue without examples that must not match", file({ pattern: "a", examples: { match: ["a"], noMatch: [] } }), /noMatch/],
    ["an unknown level", file({ pattern: "a", level: "critical" }), /level/],
  ])("rejects %s, naming the file and cue", (_case, raw, message) => {
    expect(() => parseCueFile(raw, "test.json")).toThrow(message);
  });

  it("rejects an id used twice", () => {
    const cue = { id: "c", level: "hint", label: "l", pattern: "a", examples };
    expect(() => parseCueFile({ cues: [cue, cue] }, "test.json")).toThrow(/cue c: the id is used twice/);
  });
});
