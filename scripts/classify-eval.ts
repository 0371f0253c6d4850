/**
 * Scores the bundled classifier on a labeled JSONL file ({"id","text","category","urgency"}):
 * accuracy, macro-F1 and per-category F1, urgency accuracy with per-urgency precision/recall,
 * the most frequent confusions, and the average time per message.
 *
 *   npm run classify:eval -- FILE.jsonl [--mistakes]
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import {
  classifyReport,
  evaluateClassifier,
  parseLabeledJsonl,
  type ClassifierEvaluation,
  type LabeledExample,
  type TaskMetrics,
} from "../core/index.ts";

const percent = (value: number): string => value.toFixed(3);

function topConfusions(metrics: TaskMetrics, limit: number): string[] {
  const cells: Array<[string, number]> = [];
  for (const [gold, row] of Object.entries(metrics.confusion)) {
    for (const [predicted, count] of Object.entries(row)) if (gold !== predicted && count > 0) cells.push([`${gold} → ${predicted}`, count]);
  }
  return cells
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([pair, count]) => `  ${pair}: ${count}`);
}

/** Human-readable report lines. */
export function formatEvaluation(evaluation: ClassifierEvaluation, timing: Timing): string[] {
  const lines = [`messages: ${evaluation.count}   both labels right: ${percent(evaluation.exactMatch)}`, ""];
  lines.push(`category accuracy: ${percent(evaluation.category.accuracy)}   macro-F1: ${percent(evaluation.category.macroF1)}`);
  for (const scores of evaluation.category.perLabel) {
    lines.push(`  ${scores.label.padEnd(16)} F1 ${percent(scores.f1)}  P ${percent(scores.precision)}  R ${percent(scores.recall)}  n=${scores.support}`);
  }
  lines.push("", `urgency accuracy: ${percent(evaluation.urgency.accuracy)}   macro-F1: ${percent(evaluation.urgency.macroF1)}`);
  for (const scores of evaluation.urgency.perLabel) {
    lines.push(`  ${scores.label.padEnd(16)} P ${percent(scores.precision)}  R ${percent(scores.recall)}  F1 ${percent(scores.f1)}  n=${scores.support}  predicted=${scores.predicted}`);
  }
  lines.push("", "most frequent category confusions (gold → predicted):", ...topConfusions(evaluation.category, 8));
  lines.push("most frequent urgency confusions (gold → predicted):", ...topConfusions(evaluation.urgency, 6));
  lines.push(
    "",
    `time: ${timing.warmMs.toFixed(3)} ms per message on average (wall, warm), ${timing.cpuMs.toFixed(3)} ms CPU; ` +
      `first call ${timing.coldMs.toFixed(0)} ms (loads model and jieba dictionary)`,
  );
  return lines;
}

export type Timing = { warmMs: number; cpuMs: number; coldMs: number };

/**
 * Times the classifier: one cold call, one untimed pass so the JIT settles, then timed passes.
 * CPU time is reported next to wall time because on a shared machine wall time mostly
 * measures the neighbours.
 */
export function measureTiming(examples: readonly LabeledExample[]): Timing {
  const coldStart = performance.now();
  classifyReport(examples[0]?.text ?? "warm-up");
  const coldMs = performance.now() - coldStart;
  for (const example of examples) classifyReport(example.text);
  const passes = 5;
  const calls = Math.max(examples.length * passes, 1);
  const cpuStart = process.cpuUsage();
  const warmStart = performance.now();
  for (let pass = 0; pass < passes; pass++) for (const example of examples) classifyReport(example.text);
  const warmMs = (performance.now() - warmStart) / calls;
  const cpu = process.cpuUsage(cpuStart);
  return { warmMs, cpuMs: (cpu.user + cpu.system) / 1000 / calls, coldMs };
}

/** CLI entry; returns the process exit code. */
export function main(argv: readonly string[]): number {
  const file = argv.find((argument) => !argument.startsWith("--"));
  if (!file) {
    console.error("usage: npm run classify:eval -- FILE.jsonl [--mistakes]");
    return 2;
  }
  const { examples, problems } = parseLabeledJsonl(readFileSync(file, "utf8"), file);
  for (const problem of problems) console.error(`skipped ${problem}`);
  const timing = measureTiming(examples);
  const evaluation = evaluateClassifier(examples, classifyReport);
  for (const line of formatEvaluation(evaluation, timing)) console.log(line);
  if (argv.includes("--mistakes")) {
    console.log("", "mistakes (gold → predicted):");
    for (const mistake of evaluation.mistakes) console.log(`  ${mistake.id} ${mistake.gold} → ${mistake.predicted} | ${mistake.text} | ${mistake.reasons.join("; ")}`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
