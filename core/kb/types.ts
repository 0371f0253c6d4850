import type { Category, Language } from "../tickets/types.ts";

/** One language version of a knowledge-base (FAQ) article; translations share the slug. */
export type Article = {
  id: string;
  slug: string;
  language: Language;
  title: string;
  summary: string;
  /** Plain text: paragraphs separated by blank lines; lines starting "- " or "1. " are list items. */
  body: string;
  /** Extra search words (synonyms, error codes, brand names) that the text does not contain. */
  tags: string[];
  category?: Category;
  published: boolean;
  /** Order in lists: lower first. */
  position: number;
  createdAt: Date;
  updatedAt: Date;
};

/** An article as written by an editor or the seed; the store keeps id and times. */
export type ArticleDraft = Omit<Article, "id" | "createdAt" | "updatedAt">;

/** The articles table. Implemented with Prisma in db/article-store.ts. */
export type ArticleStore = {
  /** Articles ordered by position then slug; only published ones when `publishedOnly`. */
  list(filter?: { language?: Language; publishedOnly?: boolean }): Promise<Article[]>;
  findBySlug(slug: string, language: Language): Promise<Article | null>;
  /** Inserts, or updates the article with the same (slug, language). */
  upsert(article: ArticleDraft, options: { id: string; at: Date }): Promise<Article>;
  count(): Promise<number>;
};

/** Splits Chinese text into words (jieba in production); core stays free of native modules. */
export type Segmenter = (text: string) => string[];

/** An article in a list or a search result, in the reader's language when it exists. */
export type ArticleSummary = Pick<Article, "slug" | "language" | "title" | "summary" | "category" | "position">;

export type SearchHit = ArticleSummary & { score: number };
