import { computeTaskMetrics } from "./evaluation-metrics.ts";
import type { TaskMetrics } from "./evaluation-metrics.ts";
import { CATEGORIES, URGENCIES } from "./types.ts";
import type { Classification, LabeledExample } from "./types.ts";

export type Misclassification = { id: string; text: string; gold: string; predicted: string; reasons: string[] };

export type ClassifierEvaluation = {
  count: number;
  category: TaskMetrics;
  urgency: TaskMetrics;
  /** Both labels right. */
  exactMatch: number;
  mistakes: Misclassification[];
};

/** Runs `classify` over labeled examples and scores category and urgency separately. */
export function evaluateClassifier(
  examples: readonly LabeledExample[],
  classify: (text: string) => Classification,
): ClassifierEvaluation {
  const categoryPairs: Array<{ gold: string; predicted: string }> = [];
  const urgencyPairs: Array<{ gold: string; predicted: string }> = [];
  const mistakes: Misclassification[] = [];
  let exact = 0;
  for (const example of examples) {
    const result = classify(example.text);
    categoryPairs.push({ gold: example.category, predicted: result.category });
    urgencyPairs.push({ gold: example.urgency, predicted: result.urgency });
    if (result.category === example.category && result.urgency === example.urgency) exact++;
    else {
      mistakes.push({
        id: example.id,
        text: example.text,
        gold: `${example.category}/${example.urgency}`,
        predicted: `${result.category}/${result.urgency}`,
        reasons: result.reasons,
      });
    }
  }
  return {
    count: examples.length,
    category: computeTaskMetrics(categoryPairs, CATEGORIES),
    urgency: computeTaskMetrics(urgencyPairs, URGENCIES),
    exactMatch: examples.length === 0 ? 0 : exact / examples.length,
    mistakes,
  };
}
