/**
 * Commands as users type them on any channel: `/take SR202611240001`, `/take@desk_bot …`,
 * or (customers, mainly on WeChat) the Chinese keywords 报修 · 查询 · 催单 · 常见问题 at the
 * start of a message.
 */
export type ParsedCommand = {
  /** Lower-case command name without slash or bot mention (`take`). */
  name: string;
  /** Words after the command. */
  args: string[];
  /** Everything after the command, as typed (for free-text arguments such as notes). */
  rest: string;
  /** The `@bot` suffix, if any: adapters ignore commands meant for another bot. */
  mention?: string;
};

const KEYWORDS: readonly { words: readonly string[]; name: string; exact?: boolean }[] = [
  { words: ["报修", "報修"], name: "report" },
  { words: ["查询", "查詢"], name: "status" },
  { words: ["催单", "催單"], name: "chase" },
  { words: ["常见问题", "常見問題"], name: "faq" },
  // The answers to "is it fixed?" and cancelling a ticket. Only the words alone (or with a
  // ticket number) are the keyword: "还是不制冷，没修好" is a message, and a message on a
  // resolved ticket is an objection anyway (core/tickets/add-customer-message.ts).
  { words: ["没修好", "沒修好", "没有修好", "沒有修好", "not fixed", "still broken"], name: "notfixed", exact: true },
  { words: ["已修好", "修好了", "fixed", "it works"], name: "fixed", exact: true },
  { words: ["取消工单", "取消工單", "取消"], name: "cancel", exact: true },
];

export function parseCommand(text: string | undefined): ParsedCommand | null {
  if (!text) return null;
  const trimmed = text.trim();
  const slash = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?=\s|$)/.exec(trimmed);
  if (slash) {
    const rest = trimmed.slice(slash[0].length).trim();
    return {
      name: (slash[1] ?? "").toLowerCase(),
      args: splitWords(rest),
      rest,
      ...(slash[2] ? { mention: slash[2] } : {}),
    };
  }
  for (const keyword of KEYWORDS) {
    for (const word of keyword.words) {
      if (!trimmed.toLowerCase().startsWith(word)) continue;
      const after = trimmed.slice(word.length);
      if (keyword.exact && !/^[\s:：,，]*(?:[A-Za-z]{1,6}[\s-]*[\d\s-]{8,20})?[\s。.!！]*$/.test(after)) continue;
      // "报修的师傅什么时候来" is a question, not the keyword: the keyword must stand alone,
      // or be followed by a separator or (for 查询/催单) a ticket number.
      if (after !== "" && !/^[\s:：,，]/.test(after) && !/^[A-Za-z]{1,6}[\s-]*\d/.test(after)) continue;
      const rest = after.replace(/^[\s:：,，]+/, "").trim();
      return { name: keyword.name, args: splitWords(rest), rest };
    }
  }
  return null;
}

export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The text after the first `count` words of `rest` (keeps the user's spacing of the remainder). */
export function textAfterWords(rest: string, count: number): string {
  let remaining = rest.trim();
  for (let index = 0; index < count; index++) {
    remaining = remaining.replace(/^\S+\s*/, "");
  }
  return remaining.trim();
}
