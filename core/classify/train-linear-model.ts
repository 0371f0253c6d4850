import type { FeatureVector } from "./linear-model.ts";
import type { LinearModel } from "./types.ts";

export type LinearTrainingOptions = {
  /** Full passes over the data; full-batch updates keep training deterministic. */
  epochs: number;
  learningRate: number;
  /** L2 penalty on weights (not biases); small data needs it to avoid memorizing. */
  l2: number;
  /** Features seen in fewer training messages are dropped (they mostly memorize ids and typos). */
  minDocumentFrequency: number;
  /** 0 = plain, 1 = fully class-balanced sample weights; in between softens rare-class boosts. */
  classBalance: number;
  /** Weights smaller than this in every label are left out of the saved model. */
  pruneBelow: number;
};

export const DEFAULT_LINEAR_TRAINING: LinearTrainingOptions = {
  epochs: 300,
  learningRate: 0.5,
  l2: 0.0005,
  minDocumentFrequency: 2,
  classBalance: 0.5,
  pruneBelow: 0.002,
};

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * Multinomial logistic regression trained by full-batch AdaGrad. Everything iterates in a
 * fixed order (sorted feature names, input order of examples), so the same data gives the
 * same weights on every run.
 */
export function trainLinearModel<Label extends string>(
  vectors: readonly FeatureVector[],
  labels: readonly Label[],
  labelSet: readonly Label[],
  options: LinearTrainingOptions = DEFAULT_LINEAR_TRAINING,
): LinearModel<Label> {
  const labelCount = labelSet.length;
  const documentFrequency = new Map<string, number>();
  for (const vector of vectors) {
    for (const [feature] of vector) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  }
  const featureNames = [...documentFrequency.entries()]
    .filter(([, count]) => count >= options.minDocumentFrequency)
    .map(([feature]) => feature)
    .sort();
  const featureIndex = new Map(featureNames.map((feature, index) => [feature, index]));
  const documents = vectors.map((vector) =>
    vector.flatMap(([feature, value]) => {
      const index = featureIndex.get(feature);
      return index === undefined ? [] : [[index, value] as const];
    }),
  );
  const targets = labels.map((label) => labelSet.indexOf(label));

  const labelCounts = labelSet.map((_, index) => targets.filter((target) => target === index).length);
  const sampleWeights = targets.map((target) => {
    const count = labelCounts[target] ?? 1;
    return Math.pow(vectors.length / (labelCount * Math.max(count, 1)), options.classBalance);
  });
  const weightSum = sampleWeights.reduce((sum, weight) => sum + weight, 0);

  const weights = new Float64Array(featureNames.length * labelCount);
  const bias = new Float64Array(labelCount);
  const squaredGradients = new Float64Array(weights.length);
  const squaredBiasGradients = new Float64Array(labelCount);
  const gradient = new Float64Array(weights.length);
  const biasGradient = new Float64Array(labelCount);
  const scores = new Float64Array(labelCount);

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    gradient.fill(0);
    biasGradient.fill(0);
    documents.forEach((document, documentIndex) => {
      for (let label = 0; label < labelCount; label++) scores[label] = bias[label] ?? 0;
      for (const [feature, value] of document) {
        for (let label = 0; label < labelCount; label++) {
          scores[label] = (scores[label] ?? 0) + (weights[feature * labelCount + label] ?? 0) * value;
        }
      }
      let max = -Infinity;
      for (const score of scores) max = Math.max(max, score);
      let total = 0;
      for (let label = 0; label < labelCount; label++) {
        scores[label] = Math.exp((scores[label] ?? 0) - max);
        total += scores[label] ?? 0;
      }
      const sampleWeight = (sampleWeights[documentIndex] ?? 1) / weightSum;
      for (let label = 0; label < labelCount; label++) {
        const error = ((scores[label] ?? 0) / total - (targets[documentIndex] === label ? 1 : 0)) * sampleWeight;
        biasGradient[label] = (biasGradient[label] ?? 0) + error;
        for (const [feature, value] of document) {
          const slot = feature * labelCount + label;
          gradient[slot] = (gradient[slot] ?? 0) + error * value;
        }
      }
    });
    for (let slot = 0; slot < weights.length; slot++) {
      const step = (gradient[slot] ?? 0) + options.l2 * (weights[slot] ?? 0);
      if (step === 0) continue;
      squaredGradients[slot] = (squaredGradients[slot] ?? 0) + step * step;
      weights[slot] = (weights[slot] ?? 0) - (options.learningRate * step) / (Math.sqrt(squaredGradients[slot] ?? 0) + 1e-8);
    }
    for (let label = 0; label < labelCount; label++) {
      const step = biasGradient[label] ?? 0;
      squaredBiasGradients[label] = (squaredBiasGradients[label] ?? 0) + step * step;
      bias[label] = (bias[label] ?? 0) - (options.learningRate * step) / (Math.sqrt(squaredBiasGradients[label] ?? 0) + 1e-8);
    }
  }

  const savedWeights: Record<string, number[]> = {};
  featureNames.forEach((feature, index) => {
    const row = Array.from(weights.subarray(index * labelCount, (index + 1) * labelCount), round);
    if (row.some((weight) => Math.abs(weight) >= options.pruneBelow)) savedWeights[feature] = row;
  });
  return { labels: [...labelSet], bias: Array.from(bias, round), weights: savedWeights };
}
