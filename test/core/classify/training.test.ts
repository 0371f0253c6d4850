import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jiebaSegmenter } from "../../../core/classify/jieba-segmenter.ts";
import { parseClassifierModel } from "../../../core/classify/parse-model.ts";
import { parseLabeledJsonl } from "../../../core/classify/parse-labeled-jsonl.ts";
import { splitExamples } from "../../../core/classify/split-examples.ts";
import { trainClassifier } from "../../../core/classify/train-classifier.ts";
import { getBundledModel } from "../../../core/classify/index.ts";
import { listTrainingFiles, loadTrainingExamples, serializeModel } from "../../../scripts/classify-train.ts";
import { TRAINING_DIR, readTrainingExamples } from "./read-training-files.ts";

const scratch = mkdtempSync(join(tmpdir(), "classify-training-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const line = (id: string, text: string, category: string, urgency: string): string => JSON.stringify({ id, text, category, urgency });

describe("training", () => {
  it("is deterministic: the same examples give a byte-identical model", () => {
    const examples = readTrainingExamples();
    const options = { segment: jiebaSegmenter, segmenterName: "jieba" as const, sources: ["all"] };
    expect(serializeModel(trainClassifier(examples, options))).toBe(serializeModel(trainClassifier(examples, options)));
  });

  it("writes a model that loads back, and the bundled model is well under 1 MB", () => {
    const examples = readTrainingExamples().slice(0, 80);
    const text = serializeModel(trainClassifier(examples, { segmenterName: "none", sources: ["subset"] }));
    expect(parseClassifierModel(JSON.parse(text)).trainedOn.examples).toBe(80);
    const bundled = serializeModel(getBundledModel());
    expect(Buffer.byteLength(bundled)).toBeLessThan(1024 * 1024);
  });

  it("reads every training/*.jsonl but not the holdout folder", () => {
    const files = listTrainingFiles(TRAINING_DIR);
    expect(files.some((file) => file.endsWith("intake-train.jsonl"))).toBe(true);
    expect(files.some((file) => file.includes("holdout"))).toBe(false);
    expect(getBundledModel().trainedOn.sources.every((source) => !source.includes("holdout"))).toBe(true);
  });

  it("takes extra labeled files, lets a later file correct an earlier label, and reports bad lines", () => {
    const base = join(scratch, "base.jsonl");
    const corrections = join(scratch, "corrections.jsonl");
    writeFileSync(base, [line("t1", "洗衣机坏了", "repair", "normal"), line("t2", "发票开错了", "billing", "normal")].join("\n") + "\n");
    writeFileSync(
      corrections,
      [line("t2", "发票开错了", "billing", "low"), "{not json", line("t3", "hello", "greeting", "low"), ""].join("\n"),
    );
    const loaded = loadTrainingExamples([base, corrections]);
    expect(loaded.examples.map((example) => `${example.id}:${example.urgency}`)).toEqual(["t1:normal", "t2:low"]);
    expect(loaded.overridden).toEqual(["t2"]);
    expect(loaded.problems).toHaveLength(2);
    expect(loaded.problems[0]).toMatch(/corrections\.jsonl:2: not valid JSON/);
    expect(loaded.problems[1]).toMatch(/corrections\.jsonl:3: category/);
  });

  it("lists only top-level jsonl files of a training folder", () => {
    const folder = join(scratch, "training");
    mkdirSync(join(folder, "holdout"), { recursive: true });
    writeFileSync(join(folder, "b.jsonl"), "");
    writeFileSync(join(folder, "a.jsonl"), "");
    writeFileSync(join(folder, "notes.md"), "");
    writeFileSync(join(folder, "holdout", "h.jsonl"), "");
    expect(listTrainingFiles(folder).map((file) => file.slice(folder.length + 1))).toEqual(["a.jsonl", "b.jsonl"]);
  });
});

describe("splitExamples", () => {
  const examples = parseLabeledJsonl(
    Array.from({ length: 40 }, (_, index) =>
      line(`e${index}`, `text ${index}`, index % 2 === 0 ? "repair" : "billing", index % 5 === 0 ? "urgent" : "normal"),
    ).join("\n"),
    "generated",
  ).examples;

  it("is deterministic and stratified by category", () => {
    const first = splitExamples(examples, 0.3);
    const second = splitExamples([...examples].reverse(), 0.3);
    expect(first.holdout.map((example) => example.id).sort()).toEqual(second.holdout.map((example) => example.id).sort());
    expect(first.holdout.filter((example) => example.category === "repair")).toHaveLength(6);
    expect(first.holdout.filter((example) => example.category === "billing")).toHaveLength(6);
    expect(first.train.length + first.holdout.length).toBe(40);
  });
});
