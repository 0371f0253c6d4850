/**
 * Article bodies are plain text, never HTML, so an article can never inject markup into a
 * page. This turns the text into blocks a page renders with its own elements.
 */
export type ArticleBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] };

export function parseArticleBody(body: string): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").map((line) => line.trim()).filter(Boolean);
    if (lines.length === 0) continue;
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
      paragraph = [];
    };
    for (const line of lines) {
      const bullet = /^[-•*]\s+(.*)$/.exec(line);
      const numbered = /^\d+[.)、]\s*(.*)$/.exec(line);
      const heading = /^#{1,3}\s+(.*)$/.exec(line);
      const item = bullet?.[1] ?? numbered?.[1];
      if (heading?.[1]) {
        flush();
        blocks.push({ kind: "heading", text: heading[1] });
      } else if (item !== undefined) {
        flush();
        const ordered = numbered !== null;
        const last = blocks.at(-1);
        if (last?.kind === "list" && last.ordered === ordered) last.items.push(item);
        else blocks.push({ kind: "list", ordered, items: [item] });
      } else {
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

/**
 * Where an article names the desk's chat channels ("send "report" to us on {{chat}}"): the
 * channels are configuration, not content, so an article never advertises one the desk does
 * not run. Any other `{{…}}` is a mistake the loader refuses.
 */
export const CHAT_CHANNELS_PLACEHOLDER = "{{chat}}";

/**
 * Fills {@link CHAT_CHANNELS_PLACEHOLDER} with the configured chat channels, written for the
 * reader (e.g. "Telegram (@desk_bot)"). With none, every paragraph, heading or list item that
 * holds the placeholder is left out (a list left empty goes too), so the article reads as if
 * it only ever spoke of the portal.
 */
export function fillChatChannels(blocks: readonly ArticleBlock[], chatChannels: string | null): ArticleBlock[] {
  const holds = (text: string) => text.includes(CHAT_CHANNELS_PLACEHOLDER);
  const fill = (text: string) => text.split(CHAT_CHANNELS_PLACEHOLDER).join(chatChannels ?? "");
  return blocks.flatMap((block): ArticleBlock[] => {
    if (block.kind === "list") {
      const items = block.items.filter((item) => chatChannels || !holds(item)).map(fill);
      return items.length ? [{ ...block, items }] : [];
    }
    if (holds(block.text) && !chatChannels) return [];
    return [{ ...block, text: fill(block.text) }];
  });
}
