import { stableHash } from "./stable-hash.ts";
import type { LabeledExample } from "./types.ts";

export type SplitResult<T> = { train: T[]; holdout: T[] };

/**
 * Deterministic split stratified by category, and by urgency inside each category, so the
 * held-out part has the same label mix as the whole (the rare urgent cases included).
 * Inside each stratum the order is a hash of the id; every k-th item goes to the holdout.
 */
export function splitExamples<T extends LabeledExample>(
  examples: readonly T[],
  holdoutFraction: number,
): SplitResult<T> {
  const byCategory = new Map<string, T[]>();
  for (const example of examples) {
    const group = byCategory.get(example.category) ?? [];
    group.push(example);
    byCategory.set(example.category, group);
  }
  const holdoutIds = new Set<string>();
  for (const category of [...byCategory.keys()].sort()) {
    const group = (byCategory.get(category) ?? []).slice().sort((a, b) => {
      if (a.urgency !== b.urgency) return a.urgency < b.urgency ? -1 : 1;
      return stableHash(a.id) - stableHash(b.id) || (a.id < b.id ? -1 : 1);
    });
    // Systematic sampling: item i is held out when the running quota crosses an integer.
    group.forEach((example, index) => {
      if (Math.floor((index + 1) * holdoutFraction) > Math.floor(index * holdoutFraction)) {
        holdoutIds.add(example.id);
      }
    });
  }
  return {
    train: examples.filter((example) => !holdoutIds.has(example.id)),
    holdout: examples.filter((example) => holdoutIds.has(example.id)),
  };
}
