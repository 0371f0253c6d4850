/** Per-label and overall scores for one prediction task (category or urgency). */
export type LabelScores = { label: string; precision: number; recall: number; f1: number; support: number; predicted: number };

export type TaskMetrics = {
  accuracy: number;
  macroF1: number;
  perLabel: LabelScores[];
  /** confusion[gold][predicted] = count */
  confusion: Record<string, Record<string, number>>;
};

/**
 * Accuracy, per-label precision/recall/F1 and macro-F1 over `labels` (labels with no gold
 * and no predicted item still count in the macro average as 0, so absent classes are visible).
 */
export function computeTaskMetrics(pairs: ReadonlyArray<{ gold: string; predicted: string }>, labels: readonly string[]): TaskMetrics {
  const confusion: Record<string, Record<string, number>> = {};
  for (const gold of labels) confusion[gold] = Object.fromEntries(labels.map((label) => [label, 0]));
  for (const { gold, predicted } of pairs) {
    const row = (confusion[gold] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
  }
  const perLabel = labels.map((label) => {
    const truePositives = pairs.filter((pair) => pair.gold === label && pair.predicted === label).length;
    const support = pairs.filter((pair) => pair.gold === label).length;
    const predicted = pairs.filter((pair) => pair.predicted === label).length;
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support, predicted };
  });
  const correct = pairs.filter((pair) => pair.gold === pair.predicted).length;
  return {
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    macroF1: perLabel.reduce((sum, scores) => sum + scores.f1, 0) / Math.max(perLabel.length, 1),
    perLabel,
    confusion,
  };
}
