import { analyzeText } from "./analyze-text.ts";
import { toFeatureVector } from "./linear-model.ts";
import { DEFAULT_LINEAR_TRAINING, trainLinearModel } from "./train-linear-model.ts";
import type { LinearTrainingOptions } from "./train-linear-model.ts";
import { CATEGORIES, URGENCIES } from "./types.ts";
import type { ClassifierModel, LabeledExample, Segmenter } from "./types.ts";

export type TrainClassifierOptions = {
  segment?: Segmenter;
  /** Recorded in the model so a loader can tell whether word features are expected. */
  segmenterName: ClassifierModel["segmenter"];
  /** File names the examples came from, recorded for traceability. */
  sources: string[];
  category?: Partial<LinearTrainingOptions>;
  urgency?: Partial<LinearTrainingOptions>;
};

/**
 * Chosen by 5-fold cross-validation on the training files (never on the holdout): categories
 * are fairly balanced by weighting, urgency keeps a softer balance because "normal" really is
 * the common case.
 */
export const CATEGORY_TRAINING: LinearTrainingOptions = { ...DEFAULT_LINEAR_TRAINING, classBalance: 1, l2: 0.0005 };
export const URGENCY_TRAINING: LinearTrainingOptions = { ...DEFAULT_LINEAR_TRAINING, classBalance: 0.5, l2: 0.0001 };

/**
 * Trains the category and urgency models on the same features. Pure and deterministic:
 * the same examples in the same order give a byte-identical model.
 */
export function trainClassifier(examples: readonly LabeledExample[], options: TrainClassifierOptions): ClassifierModel {
  const vectors = examples.map((example) => toFeatureVector(analyzeText(example.text, options.segment).features));
  return {
    version: 1,
    segmenter: options.segmenterName,
    trainedOn: { examples: examples.length, sources: [...options.sources] },
    category: trainLinearModel(
      vectors,
      examples.map((example) => example.category),
      CATEGORIES,
      { ...CATEGORY_TRAINING, ...options.category },
    ),
    urgency: trainLinearModel(
      vectors,
      examples.map((example) => example.urgency),
      URGENCIES,
      { ...URGENCY_TRAINING, ...options.urgency },
    ),
  };
}
