import type { Article, ArticleStore, Category, Language } from "../core/index.ts";
import type { Article as ArticleRow } from "../generated/prisma/client.ts";
import type { Database } from "./open-database.ts";

/** The knowledge-base articles in the `Article` table; the only code that touches it. */
export function createArticleStore(db: Database): ArticleStore {
  return {
    async list(filter = {}) {
      const rows = await db.article.findMany({
        where: {
          ...(filter.language ? { language: filter.language } : {}),
          ...(filter.publishedOnly ? { published: true } : {}),
        },
        orderBy: [{ position: "asc" }, { slug: "asc" }, { language: "asc" }],
      });
      return rows.map(toArticle);
    },
    async findBySlug(slug, language) {
      const row = await db.article.findUnique({ where: { slug_language: { slug, language } } });
      return row ? toArticle(row) : null;
    },
    async upsert(article, { id, at }) {
      const data = {
        title: article.title,
        summary: article.summary,
        body: article.body,
        tags: JSON.stringify(article.tags),
        category: article.category ?? null,
        published: article.published,
        position: article.position,
        updatedAt: at,
      };
      const row = await db.article.upsert({
        where: { slug_language: { slug: article.slug, language: article.language } },
        create: { id, slug: article.slug, language: article.language, createdAt: at, ...data },
        update: data,
      });
      return toArticle(row);
    },
    async count() {
      return db.article.count();
    },
  };
}

function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    slug: row.slug,
    language: row.language as Language,
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: parseTags(row.tags),
    ...(row.category ? { category: row.category as Category } : {}),
    published: row.published,
    position: row.position,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === "string") : [];
  } catch {
    return [];
  }
}
