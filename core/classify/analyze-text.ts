import { maskSpans, scanCues } from "./cue.ts";
import type { CueMatch } from "./cue.ts";
import { extractFeatures } from "./extract-features.ts";
import { INTENT_CUES } from "./intent-cues.ts";
import { normalizeText } from "./normalize-text.ts";
import { PRIORITY_CUES } from "./priority-cues.ts";
import { SAFETY_CUES } from "./safety-cues.ts";
import type { Segmenter } from "./types.ts";

export type TextAnalysis = {
  normalized: string;
  cues: CueMatch[];
  features: string[];
};

const ALL_CUES = [...SAFETY_CUES, ...PRIORITY_CUES, ...INTENT_CUES];

/**
 * The one path from raw text to model input, shared by training and prediction so the two
 * can never drift apart.
 */
export function analyzeText(text: string, segment?: Segmenter): TextAnalysis {
  const normalized = normalizeText(text);
  const { matches, negatedSpans } = scanCues(normalized, ALL_CUES);
  return { normalized, cues: matches, features: extractFeatures(maskSpans(normalized, negatedSpans), matches, segment) };
}
