import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyReport, parseLabeledJsonl } from "../../../core/classify/index.ts";
import { evaluateClassifier } from "../../../core/classify/evaluate-classifier.ts";

/**
 * Regression sets written by hand after the training data, in domains and phrasings the
 * training files do not cover (aquariums, stairlifts, coffee grinders; indirect danger such as
 * "the plug has gone soft and bubbly"). Not blind any more (see README), so the bar is a floor
 * against regressions, not a performance claim.
 */
const load = (name: string) =>
  parseLabeledJsonl(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"), name).examples;

describe.each(["unseen-domains.jsonl", "indirect-danger.jsonl"])("%s", (name) => {
  const evaluation = evaluateClassifier(load(name), classifyReport);

  it("finds every urgent report", () => {
    const urgent = evaluation.urgency.perLabel.find((scores) => scores.label === "urgent");
    expect(urgent?.recall).toBe(1);
  });

  it("keeps category accuracy of at least 0.85", () => {
    expect(evaluation.category.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
