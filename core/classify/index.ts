/** Public surface of report classification: category, urgency, confidence and reasons. */
export { classifyReport, getBundledModel } from "./default-classifier.ts";
export { createReportClassifier } from "./classify-report.ts";
export type { ReportClassifierOptions } from "./classify-report.ts";
export { trainClassifier } from "./train-classifier.ts";
export type { TrainClassifierOptions } from "./train-classifier.ts";
export { parseLabeledJsonl } from "./parse-labeled-jsonl.ts";
export type { LabeledParseResult } from "./parse-labeled-jsonl.ts";
export { parseClassifierModel } from "./parse-model.ts";
export { splitExamples } from "./split-examples.ts";
export { computeTaskMetrics } from "./evaluation-metrics.ts";
export type { LabelScores, TaskMetrics } from "./evaluation-metrics.ts";
export { jiebaSearchSegmenter, jiebaSegmenter } from "./jieba-segmenter.ts";
export { SAFETY_CUES } from "./safety-cues.ts";
export { CATEGORIES, URGENCIES } from "./types.ts";
export type { Category, Classification, ClassifierModel, LabeledExample, Segmenter, Urgency } from "./types.ts";
