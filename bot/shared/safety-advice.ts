import type { Turn } from "./turn.ts";

/**
 * Safety advice first: when a customer's words describe a danger (gas, smoke or fire, water
 * near electricity, someone trapped), the knowledge base's advice for it is said at once,
 * before any further question. Returns whether any was said.
 */
export async function saySafetyAdvice(turn: Turn, text: string): Promise<boolean> {
  if (!text.trim()) return false;
  const advice = await turn.core.safetyAdvice(text, turn.language);
  for (const article of advice) turn.say(`⚠️ ${article.title}\n\n${article.body}`);
  return advice.length > 0;
}
