import intentCues from "./cues/intent.json" with { type: "json" };
import { parseCueFile } from "./parse-cue-file.ts";

/**
 * Intent lexicons (cues/intent.json), given to the model as features ("hint" cues never
 * decide anything by themselves). They carry knowledge the small training set cannot: that
 * 退款, "money back" and "send it back" mean the same thing in any product domain, so a
 * message about a product the training data never saw still lands near the right category.
 */
export const INTENT_CUES = parseCueFile(intentCues, "cues/intent.json");
