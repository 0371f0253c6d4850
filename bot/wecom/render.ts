/**
 * The dialog's replies and the outbox's messages as WeCom messages. Choices become a menu
 * message (msgmenu): each item is clickable, and its id (the choice's payload) comes back as
 * the customer's `menu_id`; the items are numbered too, so typing the number works as on
 * other text-only channels. Limits are WeCom's, in UTF-8 bytes: text 2048, a menu's head
 * 1024 and an item 128; a text too long for a menu head goes as numbered lines.
 */
import type { Reply } from "../shared/types.ts";
import type { KfOutgoing } from "./wecom-api.ts";

const TEXT_BYTES = 2048;
const MENU_HEAD_BYTES = 1024;
const MENU_ITEM_BYTES = 128;

export type MenuChoice = { label: string; payload: string };

/** One WeCom message: the text, with the choices as a menu (or numbered lines). */
export function toKfMessage(text: string, choices: readonly MenuChoice[] = []): KfOutgoing {
  if (choices.length === 0) return { msgtype: "text", text: { content: fitBytes(text, TEXT_BYTES) } };
  if (byteLength(text) > MENU_HEAD_BYTES) {
    const lines = choices.map((choice, index) => `${index + 1}. ${choice.label}`).join("\n");
    return { msgtype: "text", text: { content: fitBytes(`${text}\n\n${lines}`, TEXT_BYTES) } };
  }
  return {
    msgtype: "msgmenu",
    msgmenu: {
      head_content: text,
      list: choices.map((choice, index) => ({ type: "click", click: { id: choice.payload, content: fitBytes(`${index + 1}. ${choice.label}`, MENU_ITEM_BYTES) } })),
    },
  };
}

/**
 * One turn's replies as few messages as possible (each spends one of the window's five):
 * the texts joined, with the last reply's choices as the menu (the dialog maps a typed number
 * to the last choices shown). A joined text over WeCom's limit is split at reply boundaries.
 */
export function turnMessages(replies: readonly Reply[]): KfOutgoing[] {
  const withText = replies.filter((reply) => reply.text.trim() || reply.choices?.length);
  if (withText.length === 0) return [];
  const lastWithChoices = [...withText].reverse().find((reply) => reply.choices?.length);
  const groups: string[][] = [[]];
  for (const reply of withText) {
    const current = groups.at(-1) ?? [];
    if (current.length > 0 && byteLength([...current, reply.text].join("\n\n")) > TEXT_BYTES - 200) groups.push([reply.text]);
    else current.push(reply.text);
  }
  const choices = lastWithChoices?.choices?.flat() ?? [];
  return groups.map((texts, index) => toKfMessage(texts.join("\n\n"), index === groups.length - 1 ? choices : []));
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Cut at a character boundary so the UTF-8 form fits `limit` bytes, marking the cut with "…". */
export function fitBytes(text: string, limit: number): string {
  if (byteLength(text) <= limit) return text;
  let out = "";
  let bytes = 0;
  for (const character of text) {
    const size = byteLength(character);
    if (bytes + size > limit - 3) break;
    out += character;
    bytes += size;
  }
  return `${out}…`;
}
