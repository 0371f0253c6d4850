/**
 * Choices on a text-only channel (WeChat): the labels become one line of numbers to reply
 * with, "回复 1 我要报修，2 我的工单", and the dialog maps a typed number back to the choice's
 * payload (dialog.ts, `lastChoices`). Choices that are the numbers themselves (a 1–5 survey)
 * read "请回复数字 1–5".
 */
import type { Language } from "../../core/index.ts";
import { t } from "./text.ts";

export function replyWithNumbers(language: Language, labels: readonly string[]): string {
  if (labels.length === 0) return "";
  if (labels.every((label, index) => label === String(index + 1))) return t(language, "bot.choices.reply_range", { max: labels.length });
  const separator = language === "en" ? ", " : "，";
  return t(language, "bot.choices.reply_numbers", { choices: labels.map((label, index) => `${index + 1} ${label}`).join(separator) });
}

/** A message's text with its choices as the reply line below it. */
export function withNumberedChoices(language: Language, text: string, labels: readonly string[]): string {
  const line = replyWithNumbers(language, labels);
  return line ? `${text}\n\n${line}` : text;
}
