/** Vocabulary and shapes of the report classifier. */
import type { Category, Urgency } from "../tickets/types.ts";

export type { Category, Urgency };
export { CATEGORIES, URGENCIES } from "../tickets/types.ts";

/** Splits Chinese text into words; injected so core never depends on one segmenter. */
export type Segmenter = (text: string) => string[];

/** One labeled message, as stored one a line in `training/*.jsonl`. */
export type LabeledExample = {
  id: string;
  text: string;
  category: Category;
  urgency: Urgency;
};

/** What the classifier says about one customer report. */
export type Classification = {
  category: Category;
  urgency: Urgency;
  /** The weaker of the two confidences below: low when either prediction is shaky. */
  confidence: number;
  categoryConfidence: number;
  urgencyConfidence: number;
  /** Short English cue descriptions staff can read, strongest first. */
  reasons: string[];
};

/** A linear softmax model over sparse string features. */
export type LinearModel<Label extends string> = {
  labels: readonly Label[];
  bias: number[];
  /** feature → one weight per label (same order as `labels`); features with all-zero weights are left out. */
  weights: Record<string, number[]>;
};

/** The trained artifact written to `model.json`. */
export type ClassifierModel = {
  version: 1;
  /** Which segmenter produced the word features at training time ("none" = char n-grams only). */
  segmenter: "jieba" | "none";
  trainedOn: { examples: number; sources: string[] };
  category: LinearModel<Category>;
  urgency: LinearModel<Urgency>;
};
