import { createReportClassifier } from "./classify-report.ts";
import { jiebaSegmenter } from "./jieba-segmenter.ts";
import bundledModel from "./model.json" with { type: "json" };
import { parseClassifierModel } from "./parse-model.ts";
import type { Classification, ClassifierModel } from "./types.ts";

let classify: ((text: string) => Classification) | undefined;
let model: ClassifierModel | undefined;

/** The model trained by `npm run classify:train`, validated once on first use. */
export function getBundledModel(): ClassifierModel {
  model ??= parseClassifierModel(bundledModel);
  return model;
}

/**
 * Classifies one customer report with the bundled model and jieba segmentation (the
 * segmenter the model was trained with). Build your own with `createReportClassifier` to
 * inject another model or segmenter.
 */
export function classifyReport(text: string): Classification {
  if (!classify) {
    const loaded = getBundledModel();
    classify = createReportClassifier({ model: loaded, segment: loaded.segmenter === "jieba" ? jiebaSegmenter : undefined });
  }
  return classify(text);
}
