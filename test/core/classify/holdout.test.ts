import { describe, expect, it } from "vitest";
import { classifyReport } from "../../../core/classify/index.ts";
import { evaluateClassifier } from "../../../core/classify/evaluate-classifier.ts";
import { readHoldoutExamples, readTrainingExamples } from "./read-training-files.ts";

describe("held-out part of the dev set", () => {
  const holdout = readHoldoutExamples();
  const evaluation = evaluateClassifier(holdout, classifyReport);
  const urgent = evaluation.urgency.perLabel.find((scores) => scores.label === "urgent");

  it("is a real holdout: about 30% of the dev set, none of it in the training files", () => {
    expect(holdout.length).toBeGreaterThanOrEqual(60);
    const training = readTrainingExamples();
    const trainingIds = new Set(training.map((example) => example.id));
    const trainingTexts = new Set(training.map((example) => example.text));
    for (const example of holdout) {
      expect(trainingIds.has(example.id), example.id).toBe(false);
      expect(trainingTexts.has(example.text), example.id).toBe(false);
    }
  });

  it("reaches category macro-F1 of at least 0.85", () => {
    expect(evaluation.category.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it("finds at least 97% of urgent reports with at least 80% precision", () => {
    expect(urgent?.support).toBeGreaterThan(0);
    expect(urgent?.recall).toBeGreaterThanOrEqual(0.97);
    expect(urgent?.precision).toBeGreaterThanOrEqual(0.8);
  });
});
