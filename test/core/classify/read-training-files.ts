import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseLabeledJsonl } from "../../../core/classify/parse-labeled-jsonl.ts";
import type { LabeledExample } from "../../../core/classify/types.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const TRAINING_DIR = join(REPO_ROOT, "training");
export const HOLDOUT_FILE = join(TRAINING_DIR, "holdout", "intake-holdout.jsonl");

/** Every labeled example the model is trained on (training/*.jsonl, not holdout/). */
export function readTrainingExamples(): LabeledExample[] {
  return readdirSync(TRAINING_DIR)
    .filter((name) => name.endsWith(".jsonl"))
    .sort()
    .flatMap((name) => parseLabeledJsonl(readFileSync(join(TRAINING_DIR, name), "utf8"), name).examples);
}

export function readHoldoutExamples(): LabeledExample[] {
  return parseLabeledJsonl(readFileSync(HOLDOUT_FILE, "utf8"), "holdout").examples;
}
