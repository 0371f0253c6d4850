/**
 * `/faq [words]` (常见问题) and the menu's FAQ button: the best knowledge-base articles with
 * their portal links; the fixed FAQ when there are no words, no match, or the search fails.
 */
import { preview, t } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { CustomerCommand } from "./command.ts";

const FAQ_RESULTS = 3;

export const faqCommand = {
  name: "faq",
  help: "bot.help.customer.faq",
  run: ({ turn, command }) => answerFaq(turn, command.rest),
} satisfies CustomerCommand;

export async function answerFaq(turn: Turn, words: string): Promise<void> {
  const language = turn.language;
  const knowledgeBase = turn.deps.knowledgeBase ?? turn.core.knowledgeBase;
  const query = words.trim().slice(0, 200);
  if (!query) {
    turn.say(`${t(language, "bot.faq")}\n\n${t(language, "bot.faq.search_hint")}`);
    return;
  }
  let hits: readonly { slug: string; title: string }[] = [];
  try {
    hits = (await knowledgeBase.search(query, language, FAQ_RESULTS)).slice(0, FAQ_RESULTS);
  } catch (error) {
    turn.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "knowledge base search failed; answering with the fixed FAQ");
  }
  if (hits.length === 0) {
    turn.say(`${t(language, "bot.faq.no_match", { query: preview(query, 60) })}\n\n${t(language, "bot.faq")}`);
    return;
  }
  // Without PUBLIC_URL there is no address a customer can open: titles only, never a localhost link.
  const base = turn.core.settings().publicUrl?.replace(/\/+$/, "");
  const lines = hits.map((hit) => t(language, "bot.faq.result_line", { title: hit.title, link: base ? `${base}/faq/${encodeURIComponent(hit.slug)}` : "" }).trimEnd());
  turn.say(`${t(language, "bot.faq.results", { query: preview(query, 60) })}\n\n${lines.join("\n\n")}`);
}
