import { stemEnglish } from "../text/stem-english.ts";
import type { CueMatch } from "./cue.ts";
import type { Segmenter } from "./types.ts";

/**
 * Feature names carry a prefix so staff-facing reasons can show the surface form and so
 * different kinds never collide: c1/c2/c3 Chinese character n-grams, w jieba word,
 * e English word (lightly stemmed), e2 English bigram, p punctuation/emoji shape, cue an
 * explicit cue. Character n-grams make the model robust to typos (洗衣级) and to words the
 * segmenter splits oddly; words and bigrams add meaning the n-grams miss.
 */
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/gu;
const ENGLISH_CLAUSE_BREAK = /[,.!?;:()[\]"，。！？；：\u3400-\u9fff]+/u;
const ENGLISH_WORD = /[a-z][a-z0-9']*/g;
const EMOJI = /\p{Extended_Pictographic}/gu;

/** Function words: frequent everywhere, so as unigrams they only add noise to a small model. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  "a an the is are was were be been am i me my we our us you your it its this that these those to of in on at for from with and or but so as by if then than there here he she they them his her their do did does done have has had having just also too very can could would will shall should may might must not no".split(" "),
);


function addCharacterNgrams(run: string, features: Set<string>): void {
  const characters = [...run];
  for (let index = 0; index < characters.length; index++) {
    const first = characters[index] ?? "";
    features.add(`c1:${first}`);
    const second = characters[index + 1];
    if (second === undefined) continue;
    features.add(`c2:${first}${second}`);
    const third = characters[index + 2];
    if (third !== undefined) features.add(`c3:${first}${second}${third}`);
  }
}

function addEnglishWords(normalized: string, features: Set<string>): void {
  for (const clause of normalized.split(ENGLISH_CLAUSE_BREAK)) {
    const words = (clause.match(ENGLISH_WORD) ?? []).map(stemEnglish).filter((word) => word.length > 1);
    words.forEach((word, index) => {
      if (!ENGLISH_STOPWORDS.has(word)) features.add(`e:${word}`);
      const next = words[index + 1];
      if (next !== undefined) features.add(`e2:${word}_${next}`);
    });
  }
}

function addShapeFeatures(normalized: string, features: Set<string>): void {
  if (normalized.includes("?")) features.add("p:question");
  if (/!{2,}|!.*!/.test(normalized)) features.add("p:exclaim");
  for (const emoji of normalized.match(EMOJI) ?? []) features.add(`p:emoji:${emoji}`);
  if (normalized.length <= 6) features.add("p:very-short");
  else if (normalized.length >= 120) features.add("p:long");
  if (!/[\u3400-\u9fff]/u.test(normalized)) features.add("p:no-chinese");
}

/**
 * Distinct features of one normalized message. `segment` (e.g. jieba) adds word features
 * for Chinese; without it the model falls back on character n-grams alone.
 */
export function extractFeatures(normalized: string, cues: readonly CueMatch[], segment?: Segmenter): string[] {
  const features = new Set<string>();
  const runs = normalized.match(CJK_RUN) ?? [];
  for (const run of runs) addCharacterNgrams(run, features);
  if (segment) {
    for (const run of runs) {
      for (const word of segment(run)) if ([...word].length >= 2) features.add(`w:${word}`);
    }
  }
  addEnglishWords(normalized, features);
  addShapeFeatures(normalized, features);
  for (const match of cues) {
    // Danger cues decide urgency by rule. Kept out of the model, so the model has to learn
    // danger from the words themselves and stays an independent second detector for the
    // phrasings no rule anticipated.
    if (match.cue.level === "urgent") continue;
    features.add(`cue:${match.cue.id.replace(/-en$/, "")}`);
    if (match.cue.level !== "hint") features.add(`cue-level:${match.cue.level}`);
  }
  return [...features];
}

/** The human-readable part of a feature name, for reasons shown to staff. */
export function describeFeature(feature: string): string {
  const separator = feature.indexOf(":");
  const kind = feature.slice(0, separator);
  const body = feature.slice(separator + 1);
  if (kind === "e2") return body.replace("_", " ");
  return body;
}
