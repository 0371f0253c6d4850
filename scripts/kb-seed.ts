/**
 * `npm run kb:seed`: fills an empty knowledge base with the starter articles of content/kb
 * (one Markdown file per article and language). The server does the same at start-up; this
 * runs it on its own, e.g. after a migration on a new install. Like the start-up seed it
 * writes nothing once any article exists, so editors' changes and deletions stay.
 * `npm run kb:seed -- --check` only reads and validates the files.
 */
import { loadArticles } from "../content/load-articles.ts";
import { classifyReport } from "../core/index.ts";
import { composeCore } from "../server/compose-core.ts";
import { loadConfig } from "../server/config.ts";

async function main(argv: string[]): Promise<void> {
  const articles = loadArticles();
  const slugs = new Set(articles.map((article) => article.slug)).size;
  if (argv.includes("--check")) {
    console.log(`content/kb: ${articles.length} articles, ${slugs} topics, all valid`);
    return;
  }
  const config = loadConfig(process.env);
  const { core, db } = await composeCore({ config, classify: classifyReport });
  try {
    const { inserted } = await core.knowledgeBase.seed(articles);
    console.log(inserted > 0 ? `seeded ${inserted} articles (${slugs} topics)` : "the knowledge base already has articles; nothing written");
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
