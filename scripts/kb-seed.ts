/**
 * `npm run kb:seed`: fills an empty knowledge base with the starter articles of content/kb
 * (one Markdown file per article and language). The server does the same at start-up; this
 * runs it on its own, e.g. after a migration on a new install. Like the start-up seed it
 * writes nothing once any article exists, so editors' changes and deletions stay.
 * `npm run kb:seed -- --check` only reads and validates the files.
 */
import { randomUUID } from "node:crypto";
import { loadArticles } from "../content/load-articles.ts";
import { seedKnowledgeBase } from "../core/kb/index.ts";
import { createArticleStore } from "../db/article-store.ts";
import { openDatabase } from "../db/index.ts";
import { loadConfig } from "../server/config.ts";

async function main(argv: string[]): Promise<void> {
  const articles = loadArticles();
  const slugs = new Set(articles.map((article) => article.slug)).size;
  if (argv.includes("--check")) {
    console.log(`content/kb: ${articles.length} articles, ${slugs} topics, all valid`);
    return;
  }
  const config = loadConfig(process.env);
  const db = await openDatabase(config.databaseUrl);
  try {
    const { inserted } = await seedKnowledgeBase(createArticleStore(db), articles, { clock: { now: () => new Date() }, newId: randomUUID });
    console.log(inserted > 0 ? `seeded ${inserted} articles (${slugs} topics)` : "the knowledge base already has articles; nothing written");
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
