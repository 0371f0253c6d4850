import { tokenize } from "./tokenize.ts";
import type { Article, Segmenter } from "./types.ts";

/**
 * A small in-memory BM25 index. A desk has tens to a few hundred articles, so the whole
 * index is rebuilt from the store in milliseconds and no search engine is needed.
 */
export type SearchIndex = {
  documents: { article: Article; length: number; frequencies: Map<string, number> }[];
  documentFrequency: Map<string, number>;
  averageLength: number;
  segment?: Segmenter;
};

/** Where a word appears matters: a title match says more than one deep in the body. */
const FIELD_WEIGHTS = { title: 3, tags: 2, summary: 1.5, body: 1 } as const;
const K1 = 1.2;
const B = 0.75;

export function buildSearchIndex(articles: readonly Article[], segment?: Segmenter): SearchIndex {
  const documentFrequency = new Map<string, number>();
  const documents = articles.map((article) => {
    const frequencies = new Map<string, number>();
    let length = 0;
    const fields: [string, number][] = [
      [article.title, FIELD_WEIGHTS.title],
      [article.tags.join(" "), FIELD_WEIGHTS.tags],
      [article.summary, FIELD_WEIGHTS.summary],
      [article.body, FIELD_WEIGHTS.body],
    ];
    for (const [text, weight] of fields) {
      for (const token of tokenize(text, segment)) {
        frequencies.set(token, (frequencies.get(token) ?? 0) + weight);
        length += weight;
      }
    }
    for (const token of frequencies.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    return { article, length, frequencies };
  });
  const averageLength = documents.reduce((sum, document) => sum + document.length, 0) / Math.max(1, documents.length);
  return { documents, documentFrequency, averageLength, ...(segment ? { segment } : {}) };
}

/**
 * Ranks the indexed articles for a query, best first; articles matching no query token are
 * left out. Each distinct query token counts once, so repeating a word does not skew it.
 */
export function searchArticles(index: SearchIndex, query: string, limit = 10): { article: Article; score: number }[] {
  const tokens = [...new Set(tokenize(query, index.segment))];
  if (tokens.length === 0) return [];
  const total = index.documents.length;
  const scored = index.documents.map((document) => {
    let score = 0;
    let matched = 0;
    for (const token of tokens) {
      const frequency = document.frequencies.get(token);
      if (!frequency) continue;
      matched++;
      const documentFrequency = index.documentFrequency.get(token) ?? 0;
      const idf = Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
      score += (idf * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * document.length) / index.averageLength));
    }
    // Documents that cover more of the query rank above ones that repeat a single word.
    return { article: document.article, score: matched === 0 ? 0 : score * (0.5 + (0.5 * matched) / tokens.length) };
  });
  return scored
    .filter((hit) => hit.score > 0)
    .sort((left, right) => right.score - left.score || left.article.position - right.article.position)
    .slice(0, limit);
}
