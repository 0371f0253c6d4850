/**
 * Trains the report classifier and writes core/classify/model.json.
 *
 *   npm run classify:train                                  every training/*.jsonl
 *   npm run classify:train -- --extra corrections.jsonl     plus staff corrections (repeatable)
 *   npm run classify:train -- --split-dev FILE.jsonl        (re)write the train/holdout split of a labeled dev file first
 *   options: --out PATH (default core/classify/model.json), --no-segmenter (character n-grams only),
 *            --no-corrections (do not read staff corrections from the database)
 *
 * Staff corrections of category/urgency (PATCH /api/staff/tickets/:number, or the bot's
 * urgency buttons) are read from the desk's database (DATABASE_URL, else DATA_DIR/app.db)
 * when it exists, and trained on last, so they override labels of the same ticket.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  jiebaSegmenter,
  parseLabeledJsonl,
  splitExamples,
  trainClassifier,
  type ClassifierModel,
  type LabeledExample,
} from "../core/index.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const TRAINING_DIR = join(ROOT, "training");
export const DEFAULT_MODEL_PATH = join(ROOT, "core", "classify", "model.json");
const HOLDOUT_FRACTION = 0.3;

export type LoadedExamples = {
  examples: LabeledExample[];
  /** Rejected lines, "file:line: why". */
  problems: string[];
  /** Ids seen in more than one source; the later source's label was kept. */
  overridden: string[];
};

/** Every `*.jsonl` directly inside `directory` (sub-folders such as holdout/ are skipped), sorted. */
export function listTrainingFiles(directory: string = TRAINING_DIR): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".jsonl"))
    .map((entry) => join(directory, entry.name))
    .sort();
}

/**
 * Reads labeled JSONL files in order. When an id appears again in a later file the later
 * label wins, so a staff-corrections export passed last overrides the original label.
 */
export function loadTrainingExamples(sources: readonly string[]): LoadedExamples {
  const byId = new Map<string, LabeledExample>();
  const problems: string[] = [];
  const overridden: string[] = [];
  for (const source of sources) {
    const parsed = parseLabeledJsonl(readFileSync(source, "utf8"), relative(ROOT, resolve(source)));
    problems.push(...parsed.problems);
    for (const example of parsed.examples) {
      if (byId.has(example.id)) {
        overridden.push(example.id);
        byId.delete(example.id); // re-insert so the order follows the source that won
      }
      byId.set(example.id, example);
    }
  }
  return { examples: [...byId.values()], problems, overridden };
}

/** Writes the deterministic stratified split of a labeled dev file into training/ and training/holdout/. */
export function writeDevSplit(devFile: string, trainingDir: string = TRAINING_DIR): { train: number; holdout: number } {
  const lines = readFileSync(devFile, "utf8").split(/\r?\n/).filter((line) => line.trim() !== "");
  const rows = lines.map((line) => ({ line, ...(JSON.parse(line) as LabeledExample) }));
  const { train, holdout } = splitExamples(rows, HOLDOUT_FRACTION);
  const stem = basename(devFile, ".jsonl").replace(/-dev$/, "");
  mkdirSync(join(trainingDir, "holdout"), { recursive: true });
  writeFileSync(join(trainingDir, `${stem}-train.jsonl`), train.map((row) => row.line).join("\n") + "\n");
  writeFileSync(join(trainingDir, "holdout", `${stem}-holdout.jsonl`), holdout.map((row) => row.line).join("\n") + "\n");
  return { train: train.length, holdout: holdout.length };
}

/**
 * One weight row per line: small diffs in review, and the file stays byte-identical for the
 * same training data.
 */
export function serializeModel(model: ClassifierModel): string {
  const task = (name: "category" | "urgency"): string => {
    const { labels, bias, weights } = model[name];
    const rows = Object.keys(weights)
      .sort()
      .map((feature) => `${JSON.stringify(feature)}:${JSON.stringify(weights[feature])}`);
    return `"${name}":{"labels":${JSON.stringify(labels)},"bias":${JSON.stringify(bias)},"weights":{\n${rows.join(",\n")}\n}}`;
  };
  const header = `"version":${model.version},"segmenter":${JSON.stringify(model.segmenter)},"trainedOn":${JSON.stringify(model.trainedOn)}`;
  return `{${header},\n${task("category")},\n${task("urgency")}}\n`;
}

type CliOptions = { extras: string[]; out: string; splitDev?: string; useSegmenter: boolean };

function parseArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = { extras: [], out: DEFAULT_MODEL_PATH, useSegmenter: true };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const value = argv[index + 1];
    if (argument === "--extra" && value) {
      options.extras.push(value);
      index++;
    } else if (argument === "--out" && value) {
      options.out = value;
      index++;
    } else if (argument === "--split-dev" && value) {
      options.splitDev = value;
      index++;
    } else if (argument === "--no-segmenter") {
      options.useSegmenter = false;
    } else {
      throw new Error(`unknown or incomplete argument: ${argument ?? ""}`);
    }
  }
  return options;
}

function countBy(examples: readonly LabeledExample[], key: "category" | "urgency"): string {
  const counts = new Map<string, number>();
  for (const example of examples) counts.set(example[key], (counts.get(example[key]) ?? 0) + 1);
  return [...counts.entries()]
    .sort()
    .map(([label, count]) => `${label} ${count}`)
    .join(", ");
}

/** CLI entry; returns the process exit code. */
export function main(argv: readonly string[]): number {
  const options = parseArguments(argv);
  if (options.splitDev) {
    const counts = writeDevSplit(options.splitDev);
    console.log(`split ${options.splitDev}: ${counts.train} train, ${counts.holdout} holdout`);
  }
  const sources = [...listTrainingFiles(), ...options.extras];
  const loaded = loadTrainingExamples(sources);
  for (const problem of loaded.problems) console.error(`skipped ${problem}`);
  if (loaded.overridden.length > 0) console.log(`labels overridden by a later source: ${loaded.overridden.length}`);
  if (loaded.examples.length === 0) {
    console.error("no training examples found");
    return 1;
  }
  const model = trainClassifier(loaded.examples, {
    segment: options.useSegmenter ? jiebaSegmenter : undefined,
    segmenterName: options.useSegmenter ? "jieba" : "none",
    sources: sources.map((source) => relative(ROOT, resolve(source))),
  });
  const text = serializeModel(model);
  writeFileSync(options.out, text);
  console.log(`trained on ${loaded.examples.length} examples from ${sources.length} files`);
  console.log(`  category: ${countBy(loaded.examples, "category")}`);
  console.log(`  urgency:  ${countBy(loaded.examples, "urgency")}`);
  console.log(
    `wrote ${relative(ROOT, resolve(options.out))} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ` +
      `${Object.keys(model.category.weights).length} category / ${Object.keys(model.urgency.weights).length} urgency features)`,
  );
  return 0;
}

/** Writes the database's staff corrections to a JSONL file for `--extra`; null when there are none. */
async function exportCorrectionsFile(): Promise<string | null> {
  const databaseUrl = process.env.DATABASE_URL || `file:${process.env.DATA_DIR?.trim() || join(ROOT, "data")}/app.db`;
  if (!databaseUrl.startsWith("file:") || !existsSync(databaseUrl.slice("file:".length))) return null;
  const { openDatabase } = await import("../db/open-database.ts");
  const { exportClassificationCorrections } = await import("../db/classification-corrections.ts");
  const db = await openDatabase(databaseUrl);
  try {
    const corrections = await exportClassificationCorrections(db);
    if (corrections.length === 0) return null;
    const file = join(mkdtempSync(join(tmpdir(), "desk-corrections-")), "corrections.jsonl");
    writeFileSync(file, corrections.map((example) => JSON.stringify(example)).join("\n") + "\n");
    console.log(`staff corrections from the database: ${corrections.length}`);
    return file;
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const argv = process.argv.slice(2);
  const withoutFlag = argv.filter((argument) => argument !== "--no-corrections");
  const corrections = argv.includes("--no-corrections") ? null : await exportCorrectionsFile();
  process.exitCode = main(corrections ? [...withoutFlag, "--extra", corrections] : withoutFlag);
}
