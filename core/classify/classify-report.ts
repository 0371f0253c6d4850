import { analyzeText } from "./analyze-text.ts";
import type { CueMatch } from "./cue.ts";
import { ENGLISH_STOPWORDS, describeFeature } from "./extract-features.ts";
import { predictLinear, toFeatureVector, topContributions } from "./linear-model.ts";
import type { FeatureVector } from "./linear-model.ts";
import type { Category, Classification, ClassifierModel, LinearModel, Segmenter, Urgency } from "./types.ts";

export type ReportClassifierOptions = {
  model: ClassifierModel;
  /** Must be the segmenter the model was trained with; omit only for a model trained without one. */
  segment?: Segmenter;
  /**
   * The model alone may call a report urgent only above this probability; below it the next
   * label wins. Danger cues always make a report urgent regardless.
   */
  modelUrgentThreshold?: number;
};

/** Categories where "high" floors do not apply: no fault is being reported. */
const NO_FAULT_CATEGORIES: ReadonlySet<Category> = new Set<Category>(["consultation", "other"]);

const MAX_REASONS_PER_KIND = 3;

type Ranked<Label> = { label: Label; probability: number };

function rank<Label extends string>(model: LinearModel<Label>, vector: FeatureVector): Ranked<Label>[] {
  const probabilities = predictLinear(model, vector);
  return model.labels
    .map((label, index) => ({ label, probability: probabilities[index] ?? 0 }))
    .sort((a, b) => b.probability - a.probability);
}

function quoteCue(match: CueMatch): string {
  const kind = match.cue.level === "urgent" ? "safety cue" : "priority cue";
  return `${kind}: "${match.matched}" (${match.cue.label})`;
}

function topWords<Label extends string>(model: LinearModel<Label>, vector: FeatureVector, label: Label): string[] {
  const words: string[] = [];
  for (const feature of topContributions(model, vector, model.labels.indexOf(label), 12)) {
    // Single characters and function words are real evidence for the model but mean nothing to a reader.
    if (feature.startsWith("cue") || feature.startsWith("p:") || feature.startsWith("c1:") || feature.includes("negx")) continue;
    if (feature.startsWith("e2:") && feature.slice(3).split("_").every((part) => ENGLISH_STOPWORDS.has(part))) continue;
    const word = describeFeature(feature);
    // A character n-gram inside a word already listed adds nothing for a reader.
    if (words.some((shown) => shown.includes(word) || word.includes(shown))) continue;
    words.push(word);
    if (words.length === MAX_REASONS_PER_KIND) break;
  }
  return words;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

const probabilityOf = <Label>(ranked: readonly Ranked<Label>[], label: Label): number =>
  ranked.find((entry) => entry.label === label)?.probability ?? 0;

type UrgencyDecision = { urgency: Urgency; confidence: number; cueReasons: string[] };

/**
 * Safety first: a danger cue makes the report urgent whatever the model says. Otherwise the
 * model's urgency stands, except that the model alone needs `urgentThreshold` to call
 * something urgent, and a high-impact cue lifts a fault report to at least "high".
 */
function decideUrgency(
  cues: readonly CueMatch[],
  urgencies: readonly Ranked<Urgency>[],
  category: Category,
  urgentThreshold: number,
): UrgencyDecision {
  const safety = cues.filter((match) => match.cue.level === "urgent");
  const priority = cues.filter((match) => match.cue.level === "high");
  const urgentProbability = probabilityOf(urgencies, "urgent");
  if (safety.length > 0) {
    // A matched danger cue is strong evidence on its own; the model can only add to it.
    return { urgency: "urgent", confidence: 0.9 + 0.1 * urgentProbability, cueReasons: safety.slice(0, MAX_REASONS_PER_KIND).map(quoteCue) };
  }
  const isUrgentVetoed = urgentProbability < urgentThreshold;
  const best = urgencies.find((ranked) => ranked.label !== "urgent" || !isUrgentVetoed) ?? { label: "normal" as Urgency, probability: 0 };
  // Without the vetoed "urgent" mass, confidence is relative to the labels still in play.
  const confidence = isUrgentVetoed ? best.probability / Math.max(1 - urgentProbability, 1e-9) : best.probability;
  const canLift = priority.length > 0 && !NO_FAULT_CATEGORIES.has(category);
  if (canLift && (best.label === "normal" || best.label === "low")) {
    return { urgency: "high", confidence: 0.6 + 0.4 * probabilityOf(urgencies, "high"), cueReasons: priority.slice(0, MAX_REASONS_PER_KIND).map(quoteCue) };
  }
  const cueReasons = best.label === "high" ? priority.slice(0, MAX_REASONS_PER_KIND).map(quoteCue) : [];
  return { urgency: best.label, confidence, cueReasons };
}

function modelReason<Label extends string>(
  task: "category" | "urgency",
  model: LinearModel<Label>,
  vector: FeatureVector,
  label: Label,
  probability: number,
): string {
  const words = topWords(model, vector, label);
  return `model: ${task} ${label} (${round(probability)})` + (words.length > 0 ? `, top words ${words.join(", ")}` : "");
}

/**
 * Builds a classifier from a trained model. The statistical model decides the category and
 * proposes an urgency; explicit cues then apply safety first (see `decideUrgency`).
 */
export function createReportClassifier(options: ReportClassifierOptions): (text: string) => Classification {
  const { model, segment } = options;
  const urgentThreshold = options.modelUrgentThreshold ?? 0.6;

  return (text) => {
    const analysis = analyzeText(text, segment);
    if (analysis.normalized === "") {
      return { category: "other", urgency: "low", confidence: 1, categoryConfidence: 1, urgencyConfidence: 1, reasons: ["empty message"] };
    }
    const vector = toFeatureVector(analysis.features);
    const top = rank(model.category, vector)[0] ?? { label: "other" as Category, probability: 0 };
    const decision = decideUrgency(analysis.cues, rank(model.urgency, vector), top.label, urgentThreshold);

    const reasons = [...decision.cueReasons, modelReason("category", model.category, vector, top.label, top.probability)];
    // When a cue decided the urgency, the cue is the explanation; otherwise show the model's.
    if (decision.cueReasons.length === 0) {
      reasons.push(modelReason("urgency", model.urgency, vector, decision.urgency, decision.confidence));
    }
    const categoryConfidence = round(top.probability);
    const urgencyConfidence = round(decision.confidence);
    return {
      category: top.label,
      urgency: decision.urgency,
      confidence: Math.min(categoryConfidence, urgencyConfidence),
      categoryConfidence,
      urgencyConfidence,
      reasons,
    };
  };
}
