import { describe, expect, it } from "vitest";
import { classifyReport, createReportClassifier, getBundledModel } from "../../../core/classify/index.ts";
import { readTrainingExamples } from "./read-training-files.ts";
import { DANGER_CASES, NON_DANGER_CASES } from "./safety-cases.ts";

describe("safety first", () => {
  it("uses danger phrasings that appear in no training file", () => {
    const trainingTexts = new Set(readTrainingExamples().map((example) => example.text.trim()));
    expect(DANGER_CASES.length).toBeGreaterThanOrEqual(25);
    for (const text of [...DANGER_CASES, ...NON_DANGER_CASES]) expect(trainingTexts.has(text), text).toBe(false);
  });

  it.each(DANGER_CASES)("urgent: %s", (text) => {
    const result = classifyReport(text);
    expect(result.urgency).toBe("urgent");
    expect(result.reasons.some((reason) => reason.startsWith("safety cue:"))).toBe(true);
  });

  it.each(NON_DANGER_CASES)("not urgent: %s", (text) => {
    expect(classifyReport(text).urgency).not.toBe("urgent");
  });

  it("does not depend on the segmenter: danger cues work on character features alone", () => {
    const classify = createReportClassifier({ model: getBundledModel() });
    for (const text of DANGER_CASES) expect(classify(text).urgency, text).toBe("urgent");
  });

  it("ignores negated cues but keeps worried questions", () => {
    expect(classifyReport("空调不制冷，没有冒烟也没有焦味，就是吹热风").urgency).not.toBe("urgent");
    expect(classifyReport("The heater stopped working. No smoke, no burning smell, it just won't turn on.").urgency).not.toBe("urgent");
    expect(classifyReport("手机电池鼓起来了，会不会炸啊").urgency).toBe("urgent");
  });
});
