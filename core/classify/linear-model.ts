import type { LinearModel } from "./types.ts";

/** A document as feature weights; features absent from the model are ignored. */
export type FeatureVector = ReadonlyArray<readonly [feature: string, value: number]>;

/**
 * Binary features scaled by n^-1/4: long messages should not outvote short ones just by
 * having more n-grams, but full unit-length scaling (n^-1/2) drowned the few strong words
 * of long, rambling reports (chosen by cross-validation on the training files).
 */
export function toFeatureVector(features: readonly string[]): FeatureVector {
  const value = features.length === 0 ? 0 : 1 / Math.pow(features.length, 0.25);
  return features.map((feature) => [feature, value] as const);
}

/** Softmax over labels; stable against large scores. */
export function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}

/** Raw per-label scores (bias + weighted features). */
export function scoreLinear<Label extends string>(model: LinearModel<Label>, vector: FeatureVector): number[] {
  const scores = [...model.bias];
  for (const [feature, value] of vector) {
    const weights = model.weights[feature];
    if (!weights) continue;
    for (let label = 0; label < scores.length; label++) scores[label] = (scores[label] ?? 0) + (weights[label] ?? 0) * value;
  }
  return scores;
}

/** Probability of each label, in the order of `model.labels`. */
export function predictLinear<Label extends string>(model: LinearModel<Label>, vector: FeatureVector): number[] {
  return softmax(scoreLinear(model, vector));
}

/**
 * Features that pushed `labelIndex` up the most relative to the other labels, strongest first.
 * Used for the "model: top words …" reason.
 */
export function topContributions<Label extends string>(
  model: LinearModel<Label>,
  vector: FeatureVector,
  labelIndex: number,
  limit: number,
): string[] {
  const contributions: Array<[string, number]> = [];
  for (const [feature, value] of vector) {
    const weights = model.weights[feature];
    if (!weights) continue;
    const own = weights[labelIndex] ?? 0;
    const mean = weights.reduce((sum, weight) => sum + weight, 0) / weights.length;
    const lift = (own - mean) * value;
    if (lift > 0) contributions.push([feature, lift]);
  }
  contributions.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return contributions.slice(0, limit).map(([feature]) => feature);
}
