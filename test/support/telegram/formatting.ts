import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.ts";

/**
 * Applies `parse_mode` the way Telegram does before storing a message: markup
 * is removed from the text and becomes entities, and malformed markup is a 400
 * "can't parse entities" error. Reproducing the error matters more than the
 * entities: an unescaped `<` or `.` in customer text is the classic way a bot
 * reply fails in production.
 */

/** Text as Telegram stores it: plain text plus formatting entities. */
export type FormattedText = { text: string; entities: MessageEntity[] };

/**
 * Parses `text` according to `parseMode` ("HTML", "MarkdownV2", "Markdown" or
 * none). Without a parse mode, explicitly passed `entities` are kept as they are.
 *
 * @throws TelegramApiError 400 "Bad Request: can't parse entities: ..." for malformed markup
 */
export function applyParseMode(text: string, parseMode: unknown, entities: unknown): FormattedText {
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : "";
  if (mode === "html") return parseHtml(text);
  if (mode === "markdownv2") return parseMarkdownV2(text);
  if (mode === "markdown") return parseLegacyMarkdown(text);
  if (mode !== "") throw badRequest(`unsupported parse_mode`);
  return { text, entities: Array.isArray(entities) ? (entities as MessageEntity[]) : [] };
}

function entityError(reason: string): Error {
  return badRequest(`can't parse entities: ${reason}`);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

// ---------------------------------------------------------------------------
// HTML

type SimpleEntityType = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code" | "pre" | "blockquote";

const HTML_TAGS: Record<string, SimpleEntityType | "text_link" | "custom_emoji"> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  span: "spoiler",
  "tg-spoiler": "spoiler",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  a: "text_link",
  "tg-emoji": "custom_emoji",
};

const NAMED_HTML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

type OpenTag = { tag: string; start: number; attributes: Map<string, string> };

function parseHtml(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? "";
    if (ch === "&") {
      const match = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(source.slice(i));
      const name = match?.[1];
      if (match !== null && name !== undefined) {
        const decoded = name.startsWith("#x")
          ? String.fromCodePoint(Number.parseInt(name.slice(2), 16))
          : name.startsWith("#")
            ? String.fromCodePoint(Number.parseInt(name.slice(1), 10))
            : NAMED_HTML_ENTITIES[name.toLowerCase()];
        // Telegram leaves unknown named entities in the text verbatim.
        if (decoded !== undefined) {
          text += decoded;
          i += match[0].length;
          continue;
        }
      }
      text += ch;
      i += 1;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i += 1;
      continue;
    }
    const close = source.indexOf(">", i);
    if (close === -1) throw entityError(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
    const inner = source.slice(i + 1, close).trim();
    if (inner.startsWith("/")) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (open === undefined) throw entityError(`Unexpected end tag at byte offset ${byteOffset(source, i)}`);
      if (name !== "" && name !== open.tag) {
        throw entityError(
          `Unmatched end tag at byte offset ${byteOffset(source, i)}, expected "</${open.tag}>", found "</${name}>"`,
        );
      }
      const entity = htmlEntity(open, text.length);
      if (entity !== undefined) entities.push(entity);
    } else {
      const nameMatch = /^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
      const name = nameMatch?.[1]?.toLowerCase() ?? "";
      if (HTML_TAGS[name] === undefined) {
        throw entityError(`Unsupported start tag "${name}" at byte offset ${byteOffset(source, i)}`);
      }
      const attributes = new Map<string, string>();
      for (const attr of inner.slice(name.length).matchAll(/([a-zA-Z-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g)) {
        const key = attr[1];
        if (key !== undefined) attributes.set(key.toLowerCase(), attr[2] ?? attr[3] ?? attr[4] ?? "");
      }
      if (name === "span" && attributes.get("class") !== "tg-spoiler") {
        throw entityError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, i)}`);
      }
      stack.push({ tag: name, start: text.length, attributes });
    }
    i = close + 1;
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) throw entityError(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function htmlEntity(open: OpenTag, end: number): MessageEntity | undefined {
  const length = end - open.start;
  // Telegram drops empty entities instead of failing.
  if (length === 0) return undefined;
  const type = HTML_TAGS[open.tag];
  if (type === "text_link") {
    const url = open.attributes.get("href") ?? "";
    return { type: "text_link", offset: open.start, length, url };
  }
  if (type === "custom_emoji") {
    return { type: "custom_emoji", offset: open.start, length, custom_emoji_id: open.attributes.get("emoji-id") ?? "" };
  }
  if (type === "blockquote" && open.attributes.has("expandable")) {
    return { type: "expandable_blockquote", offset: open.start, length };
  }
  if (type === "pre") return { type: "pre", offset: open.start, length };
  if (type === undefined) return undefined;
  return { type, offset: open.start, length };
}

// ---------------------------------------------------------------------------
// MarkdownV2

const MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!\\";

type MdOpen = { marker: string; type: SimpleEntityType; start: number; sourceIndex: number };

const MD_ENTITY_NAMES: Record<SimpleEntityType, string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  code: "Code",
  pre: "Pre",
  blockquote: "BlockQuote",
};

function parseMarkdownV2(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: MdOpen[] = [];
  let linkStart: { start: number; sourceIndex: number } | undefined;
  let i = 0;
  const toggle = (marker: string, type: SimpleEntityType): void => {
    const top = stack.at(-1);
    if (top !== undefined && top.marker === marker) {
      stack.pop();
      if (text.length > top.start) entities.push({ type, offset: top.start, length: text.length - top.start });
    } else {
      stack.push({ marker, type, start: text.length, sourceIndex: i });
    }
  };
  while (i < source.length) {
    const ch = source[i] ?? "";
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === undefined) throw entityError(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      text += next;
      i += 2;
      continue;
    }
    if (source.startsWith("```", i)) {
      const end = source.indexOf("```", i + 3);
      if (end === -1) throw entityError(`Can't find end of Pre entity at byte offset ${byteOffset(source, i)}`);
      let body = source.slice(i + 3, end);
      let language: string | undefined;
      const newline = body.indexOf("\n");
      if (newline !== -1 && /^[\w+-]+$/.test(body.slice(0, newline))) {
        language = body.slice(0, newline);
        body = body.slice(newline + 1);
      } else if (body.startsWith("\n")) {
        body = body.slice(1);
      }
      const content = body.replace(/\\([`\\])/g, "$1");
      const entity: MessageEntity =
        language === undefined
          ? { type: "pre", offset: text.length, length: content.length }
          : { type: "pre", offset: text.length, length: content.length, language };
      if (content.length > 0) entities.push(entity);
      text += content;
      i = end + 3;
      continue;
    }
    if (ch === "`") {
      const end = source.indexOf("`", i + 1);
      if (end === -1) throw entityError(`Can't find end of Code entity at byte offset ${byteOffset(source, i)}`);
      const content = source.slice(i + 1, end).replace(/\\([`\\])/g, "$1");
      if (content.length > 0) entities.push({ type: "code", offset: text.length, length: content.length });
      text += content;
      i = end + 1;
      continue;
    }
    if (source.startsWith("__", i)) {
      toggle("__", "underline");
      i += 2;
      continue;
    }
    if (source.startsWith("||", i)) {
      toggle("||", "spoiler");
      i += 2;
      continue;
    }
    if (ch === "*" || ch === "_" || ch === "~") {
      toggle(ch, ch === "*" ? "bold" : ch === "_" ? "italic" : "strikethrough");
      i += 1;
      continue;
    }
    if (ch === "[" && linkStart === undefined) {
      linkStart = { start: text.length, sourceIndex: i };
      i += 1;
      continue;
    }
    if (ch === "]" && linkStart !== undefined && source[i + 1] === "(") {
      // Inside the URL only `)` and `\` are escaped, so skip escape pairs while looking for the end.
      let end = i + 2;
      while (end < source.length && source[end] !== ")") end += source[end] === "\\" ? 2 : 1;
      if (end >= source.length) throw entityError(`Can't find end of a url at byte offset ${byteOffset(source, i)}`);
      const url = source.slice(i + 2, end).replace(/\\([)\\])/g, "$1");
      if (text.length > linkStart.start) {
        entities.push({ type: "text_link", offset: linkStart.start, length: text.length - linkStart.start, url });
      }
      linkStart = undefined;
      i = end + 1;
      continue;
    }
    if (ch === ">" && (i === 0 || source[i - 1] === "\n")) {
      // A quote line; the marker itself is not part of the text.
      const lineEnd = source.indexOf("\n", i);
      const start = text.length;
      const line = parseMarkdownV2(source.slice(i + 1, lineEnd === -1 ? source.length : lineEnd));
      entities.push(...line.entities.map((e) => ({ ...e, offset: e.offset + start })));
      text += line.text;
      if (line.text.length > 0) entities.push({ type: "blockquote", offset: start, length: line.text.length });
      i = lineEnd === -1 ? source.length : lineEnd;
      continue;
    }
    if (MARKDOWN_V2_RESERVED.includes(ch)) {
      throw entityError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i += 1;
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) {
    throw entityError(
      `Can't find end of ${MD_ENTITY_NAMES[unclosed.type]} entity at byte offset ${byteOffset(source, unclosed.sourceIndex)}`,
    );
  }
  if (linkStart !== undefined) {
    throw entityError(`Can't find end of TextUrl entity at byte offset ${byteOffset(source, linkStart.sourceIndex)}`);
  }
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

// ---------------------------------------------------------------------------
// Legacy Markdown

function parseLegacyMarkdown(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  const markers: Record<string, SimpleEntityType> = { "*": "bold", _: "italic", "`": "code" };
  while (i < source.length) {
    const ch = source[i] ?? "";
    if (ch === "\\" && i + 1 < source.length && "*_`[".includes(source[i + 1] ?? "")) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    const marker = source.startsWith("```", i) ? "```" : ch in markers ? ch : ch === "[" ? "[" : undefined;
    if (marker === undefined) {
      text += ch;
      i += 1;
      continue;
    }
    const closing = marker === "[" ? "](" : marker;
    const end = source.indexOf(closing, i + marker.length);
    if (end === -1) {
      throw entityError(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
    }
    const content = source.slice(i + marker.length, end);
    const offset = text.length;
    text += content;
    if (marker === "[") {
      const urlEnd = source.indexOf(")", end + 2);
      if (urlEnd === -1) throw entityError(`Can't find end of the entity starting at byte offset ${byteOffset(source, i)}`);
      if (content.length > 0) {
        entities.push({ type: "text_link", offset, length: content.length, url: source.slice(end + 2, urlEnd) });
      }
      i = urlEnd + 1;
      continue;
    }
    const type = marker === "```" ? "pre" : markers[marker];
    if (type !== undefined && content.length > 0) entities.push({ type, offset, length: content.length });
    i = end + closing.length;
  }
  return { text, entities };
}
