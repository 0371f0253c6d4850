import type { Clock, IdGenerator } from "../ports.ts";
import type { ArticleDraft, ArticleStore } from "./types.ts";

/**
 * Fills an empty knowledge base with the starter articles (content/kb, read by
 * content/load-articles.ts). Runs at every start-up and does nothing once any article exists,
 * so articles that editors changed or removed stay as they left them.
 */
export async function seedKnowledgeBase(
  store: ArticleStore,
  articles: readonly ArticleDraft[],
  deps: { clock: Clock; newId: IdGenerator },
): Promise<{ inserted: number }> {
  if ((await store.count()) > 0) return { inserted: 0 };
  const at = deps.clock.now();
  let inserted = 0;
  for (const draft of articles) {
    await store.upsert(draft, { id: deps.newId(), at });
    inserted++;
  }
  return { inserted };
}
