import { describe, expect, it } from "vitest";
import { CATEGORIES, URGENCIES, classifyReport, createReportClassifier, trainClassifier } from "../../../core/classify/index.ts";
import type { LabeledExample } from "../../../core/classify/index.ts";

describe("classifyReport", () => {
  it("returns labels from the closed sets, confidences in 0..1 and readable reasons", () => {
    for (const text of ["洗衣机不排水了", "I want a refund for the blender", "發票開錯了", "hello", "🙂", "   "]) {
      const result = classifyReport(text);
      expect(CATEGORIES).toContain(result.category);
      expect(URGENCIES).toContain(result.urgency);
      for (const value of [result.confidence, result.categoryConfidence, result.urgencyConfidence]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(result.confidence).toBeLessThanOrEqual(Math.min(result.categoryConfidence, result.urgencyConfidence) + 1e-9);
      expect(result.reasons.length).toBeGreaterThan(0);
    }
  });

  it("quotes the danger cue it matched", () => {
    const result = classifyReport("空调室内机在冒烟，已经拔了电源");
    expect(result.urgency).toBe("urgent");
    expect(result.reasons[0]).toBe('safety cue: "冒烟" (smoke)');
    expect(result.reasons.some((reason) => reason.startsWith("model: category repair"))).toBe(true);
  });

  it("makes a dangerous return or parcel urgent without changing its category", () => {
    const parcel = classifyReport("快递刚送到，箱子里在冒烟，里面是锂电池");
    expect(parcel.urgency).toBe("urgent");
    expect(parcel.category).toBe("logistics");
  });

  it("lifts a repeated fault report to high and says why", () => {
    const result = classifyReport("第二次报修了，洗衣机还是不排水，上次说来结果没人来");
    expect(result.urgency).toBe("high");
    expect(result.reasons.some((reason) => reason.startsWith("priority cue:"))).toBe(true);
  });

  it("treats an empty message as other/low", () => {
    expect(classifyReport("")).toMatchObject({ category: "other", urgency: "low" });
  });

  it("works with an injected model and segmenter", () => {
    const examples: LabeledExample[] = [
      { id: "a", text: "fridge broken not cooling", category: "repair", urgency: "normal" },
      { id: "b", text: "fridge broken again not cooling", category: "repair", urgency: "normal" },
      { id: "c", text: "refund please return the blender", category: "return_exchange", urgency: "normal" },
      { id: "d", text: "return the toaster refund please", category: "return_exchange", urgency: "normal" },
    ];
    const splitOnSpaces = (text: string): string[] => text.split(" ");
    const model = trainClassifier(examples, { segment: splitOnSpaces, segmenterName: "none", sources: ["inline"] });
    const classify = createReportClassifier({ model, segment: splitOnSpaces });
    expect(classify("please refund the kettle").category).toBe("return_exchange");
    expect(classify("the fridge is broken").category).toBe("repair");
  });
});
