import { detectCues } from "../classify/cue.ts";
import { normalizeText } from "../classify/normalize-text.ts";
import { SAFETY_CUES } from "../classify/safety-cues.ts";
import type { Clock, IdGenerator } from "../ports.ts";
import { LANGUAGES, type Language } from "../tickets/types.ts";
import { parseArticleBody, type ArticleBlock } from "./article-body.ts";
import type { KnowledgeBase } from "./knowledge-base.ts";
import type { ArticleDraft, ArticleStore } from "./types.ts";

/** The dangers a customer gets advice for at once, before any further question. */
export const HAZARDS = ["gas", "smoke_fire", "water_electric", "trapped"] as const;
export type Hazard = (typeof HAZARDS)[number];

/**
 * Which knowledge-base article (content/kb/<slug>) holds the advice for each danger: the one
 * place this is decided. Every channel (portal confirmation page, API intake response, chat
 * dialog) shows the article of this table in the reader's language.
 */
export const HAZARD_ARTICLES: { readonly [H in Hazard]: string } = {
  gas: "gas-smell-smoke-or-sparks",
  smoke_fire: "gas-smell-smoke-or-sparks",
  water_electric: "water-near-electricity",
  trapped: "someone-trapped-in-a-lift",
};

/** Safety cues (core/classify/cues/safety.json) by the danger they describe. */
const CUE_HAZARDS: Readonly<Record<string, Hazard>> = {
  gas: "gas",
  "gas-en": "gas",
  "gas-container-leak-en": "gas",
  smoke: "smoke_fire",
  "smoke-en": "smoke_fire",
  "smoke-smell": "smoke_fire",
  "smoke-alarm": "smoke_fire",
  "burning-smell": "smoke_fire",
  "burning-smell-en": "smoke_fire",
  "odd-smell-electrical-en": "smoke_fire",
  fire: "smoke_fire",
  "fire-en": "smoke_fire",
  sparks: "smoke_fire",
  "sparks-en": "smoke_fire",
  "appliance-in-water": "water_electric",
  trapped: "trapped",
  "trapped-en": "trapped",
  "elevator-danger": "trapped",
};

/** Cues about water that become "water near electricity" when the text also names something live. */
const WATER_CUES = new Set(["flooding", "flooding-en", "electric-leak", "electric-shock-en"]);
const WATER = /水|淹|\b(?:water|flood\w*|leak\w*|wet|soaked|drip\w*)\b/u;
const ELECTRIC =
  /插座|插头|插排|插板|插线板|接线板|电线|电闸|电箱|电表|配电|开关|电源|电器|漏电|带电|触电|灯|\b(?:socket|outlet|plug|wiring|wires?|cables?|electric\w*|power|fuse ?box|breaker|switch|lights?|appliance)s?\b/u;

/** The dangers a report's text describes (safety cues; negated mentions such as "没有冒烟" do not count). */
export function detectHazards(text: string): Hazard[] {
  const normalized = normalizeText(text);
  const found = new Set<Hazard>();
  for (const { cue } of detectCues(normalized, SAFETY_CUES)) {
    const hazard = CUE_HAZARDS[cue.id];
    if (hazard) found.add(hazard);
    else if (WATER_CUES.has(cue.id) && WATER.test(normalized) && ELECTRIC.test(normalized.replace(/电梯|电话|电视|电脑|电池/gu, ""))) found.add("water_electric");
  }
  return HAZARDS.filter((hazard) => found.has(hazard));
}

/** One piece of safety advice as every channel shows it: the article in the reader's language. */
export type SafetyAdvice = { hazards: Hazard[]; slug: string; language: Language; title: string; summary: string; body: string; blocks: ArticleBlock[] };

/** The advice articles for these dangers in the reader's language, one per article (gas and smoke share one). */
export async function safetyAdviceFor(knowledgeBase: Pick<KnowledgeBase, "get">, hazards: readonly Hazard[], language: Language): Promise<SafetyAdvice[]> {
  const bySlug = new Map<string, Hazard[]>();
  for (const hazard of hazards) bySlug.set(HAZARD_ARTICLES[hazard], [...(bySlug.get(HAZARD_ARTICLES[hazard]) ?? []), hazard]);
  const advice: SafetyAdvice[] = [];
  for (const [slug, covered] of bySlug) {
    const page = await knowledgeBase.get(slug, language);
    if (!page) continue;
    const { article } = page;
    advice.push({ hazards: covered, slug, language: article.language, title: article.title, summary: article.summary, body: article.body, blocks: parseArticleBody(article.body) });
  }
  return advice;
}

/**
 * The safety articles a knowledge base seeded before they existed lacks: drafts of the advice
 * slugs (`HAZARD_ARTICLES`) that have no version in any language yet are added, so every
 * desk can give the advice. A slug an editor already has (in any language) is left as it is.
 */
export async function addMissingSafetyArticles(
  store: ArticleStore,
  articles: readonly ArticleDraft[],
  deps: { clock: Clock; newId: IdGenerator },
): Promise<{ inserted: number }> {
  const at = deps.clock.now();
  let inserted = 0;
  for (const slug of new Set(Object.values(HAZARD_ARTICLES))) {
    const present = await Promise.all(LANGUAGES.map((language) => store.findBySlug(slug, language)));
    if (present.some(Boolean)) continue;
    for (const draft of articles.filter((article) => article.slug === slug)) {
      await store.upsert(draft, { id: deps.newId(), at });
      inserted++;
    }
  }
  return { inserted };
}
