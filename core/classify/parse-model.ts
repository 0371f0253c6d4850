import { z } from "zod";
import { CATEGORIES, URGENCIES } from "./types.ts";
import type { ClassifierModel } from "./types.ts";

const weights = z.record(z.string(), z.array(z.number()));

const modelSchema = z.object({
  version: z.literal(1),
  segmenter: z.enum(["jieba", "none"]),
  trainedOn: z.object({ examples: z.number(), sources: z.array(z.string()) }),
  category: z.object({ labels: z.array(z.enum(CATEGORIES)), bias: z.array(z.number()), weights }),
  urgency: z.object({ labels: z.array(z.enum(URGENCIES)), bias: z.array(z.number()), weights }),
});

/**
 * Checks a loaded model (from model.json or elsewhere) instead of trusting a cast, so a
 * stale or hand-edited file fails loudly at start-up rather than mislabeling tickets.
 */
export function parseClassifierModel(raw: unknown): ClassifierModel {
  const model = modelSchema.parse(raw);
  for (const task of [model.category, model.urgency]) {
    if (task.bias.length !== task.labels.length) throw new Error("classifier model: bias length does not match labels");
  }
  return model;
}
