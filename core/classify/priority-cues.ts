import priorityCues from "./cues/priority.json" with { type: "json" };
import { parseCueFile } from "./parse-cue-file.ts";

/**
 * Cues for "high" (lift urgency to at least high) and hints (features for the model only,
 * never a floor), in cues/priority.json. High means real impact: core function lost where it
 * hurts (heat wave, winter, a shop that cannot take payments, the elderly or an infant
 * affected), second/third chases, and serious complaints (abuse by staff, regulators, lawyers).
 */
export const PRIORITY_CUES = parseCueFile(priorityCues, "cues/priority.json");
