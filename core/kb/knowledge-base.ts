import type { Clock } from "../ports.ts";
import type { Language } from "../tickets/types.ts";
import { buildSearchIndex, searchArticles, type SearchIndex } from "./search.ts";
import type { Article, ArticleStore, ArticleSummary, SearchHit, Segmenter } from "./types.ts";

/**
 * Which stored language to show a reader, best first. Traditional-Chinese readers get the
 * Simplified text when no Traditional one was written (readable, and better than English).
 */
export const CONTENT_LANGUAGES: { readonly [L in Language]: readonly Language[] } = {
  "zh-Hans": ["zh-Hans", "zh-Hant", "en"],
  "zh-Hant": ["zh-Hant", "zh-Hans", "en"],
  en: ["en", "zh-Hans", "zh-Hant"],
};

/** Search hits scoring below this share of the best hit are noise. */
const RELEVANCE_FLOOR = 0.2;

export type KnowledgeBaseDeps = {
  store: ArticleStore;
  clock: Clock;
  segment?: Segmenter;
  /** The published articles are cached this long; edits by another process show up after it. */
  cacheSeconds?: number;
};

export type ArticlePage = { article: Article; languages: Language[] };

/** The self-service FAQ: lists, article pages and search, in the reader's language. */
export function createKnowledgeBase(deps: KnowledgeBaseDeps) {
  const cacheMs = (deps.cacheSeconds ?? 60) * 1000;
  let cache: { at: number; articles: Article[]; index: SearchIndex } | undefined;

  async function published(): Promise<{ articles: Article[]; index: SearchIndex }> {
    const now = deps.clock.now().getTime();
    if (!cache || now - cache.at > cacheMs || now < cache.at) {
      const articles = await deps.store.list({ publishedOnly: true });
      cache = { at: now, articles, index: buildSearchIndex(articles, deps.segment) };
    }
    return cache;
  }

  /** For each slug, the version in the reader's best language. */
  function pickPerSlug(articles: readonly Article[], language: Language): Map<string, Article> {
    const preference = CONTENT_LANGUAGES[language];
    const bySlug = new Map<string, Article>();
    for (const article of articles) {
      const current = bySlug.get(article.slug);
      if (!current || preference.indexOf(article.language) < preference.indexOf(current.language)) bySlug.set(article.slug, article);
    }
    return bySlug;
  }

  return {
    async list(language: Language): Promise<ArticleSummary[]> {
      const { articles } = await published();
      return [...pickPerSlug(articles, language).values()]
        .sort((left, right) => left.position - right.position || left.slug.localeCompare(right.slug))
        .map(summaryOf);
    },

    async get(slug: string, language: Language): Promise<ArticlePage | null> {
      const { articles } = await published();
      const versions = articles.filter((article) => article.slug === slug);
      const article = pickPerSlug(versions, language).get(slug);
      return article ? { article, languages: versions.map((version) => version.language) } : null;
    },

    /**
     * Searches every language at once, so a Chinese query finds an article while the page
     * is in English and the other way round; each article is then shown in the reader's
     * language.
     */
    async search(query: string, language: Language, limit = 10): Promise<SearchHit[]> {
      const trimmed = query.trim().slice(0, 200);
      if (!trimmed) return [];
      const { articles, index } = await published();
      const bestBySlug = new Map<string, number>();
      const hits = searchArticles(index, trimmed, index.documents.length);
      // Articles that share one common word with the query trail far behind; leave them out.
      const floor = (hits[0]?.score ?? 0) * RELEVANCE_FLOOR;
      for (const hit of hits) {
        if (hit.score >= floor && !bestBySlug.has(hit.article.slug)) bestBySlug.set(hit.article.slug, hit.score);
      }
      const shown = pickPerSlug(articles, language);
      return [...bestBySlug.entries()]
        .slice(0, limit)
        .flatMap(([slug, score]) => {
          const article = shown.get(slug);
          return article ? [{ ...summaryOf(article), score }] : [];
        });
    },

    /** Drops the cache after an edit in this process. */
    invalidate(): void {
      cache = undefined;
    },
  };
}

export type KnowledgeBase = ReturnType<typeof createKnowledgeBase>;

function summaryOf(article: Article): ArticleSummary {
  return {
    slug: article.slug,
    language: article.language,
    title: article.title,
    summary: article.summary,
    position: article.position,
    ...(article.category ? { category: article.category } : {}),
  };
}
