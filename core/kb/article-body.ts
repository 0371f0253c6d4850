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
