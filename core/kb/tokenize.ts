import { stemEnglish } from "../text/stem-english.ts";
import type { Segmenter } from "./types.ts";

/**
 * Search tokens for Chinese and English text. Chinese has no spaces between words, so a Han
 * run becomes its dictionary words (when a segmenter is given) plus its character bigrams:
 * the words rank whole-word matches higher, the bigrams still match words the dictionary
 * splits differently (洗衣机 vs 洗衣 + 机). Latin text becomes lower-case words with a light
 * English stemming, so "spinning" finds "spin" and error codes such as "E3" stay whole.
 */
export function tokenize(text: string, segment?: Segmenter): string[] {
  const normalized = text.normalize("NFKC").toLowerCase();
  const tokens: string[] = [];
  for (const match of normalized.matchAll(/(\p{Script=Han}+)|([\p{L}\p{N}]+(?:['’][\p{L}]+)?)/gu)) {
    const [, han, word] = match;
    if (han) tokens.push(...hanTokens(han, segment));
    else if (word) {
      const stemmed = stemEnglish(word.replace(/['’].*$/, ""));
      if (stemmed && !ENGLISH_STOP_WORDS.has(stemmed)) tokens.push(stemmed);
    }
  }
  return tokens;
}

function hanTokens(run: string, segment?: Segmenter): string[] {
  const characters = [...run];
  if (characters.length === 1) return CHINESE_STOP_WORDS.has(run) ? [] : [run];
  const tokens: string[] = [];
  for (let index = 0; index < characters.length - 1; index++) {
    const bigram = characters[index]! + characters[index + 1]!;
    if (!CHINESE_STOP_WORDS.has(bigram)) tokens.push(bigram);
  }
  // Dictionary words count on top of their bigrams, so a real word outweighs the accidental
  // bigram across a word boundary (洗衣机不脱水: 脱水 is a word, 机不 is not).
  for (const word of segment?.(run) ?? []) {
    const trimmed = word.trim();
    if ([...trimmed].length >= 2 && !CHINESE_STOP_WORDS.has(trimmed)) tokens.push(trimmed);
  }
  return tokens;
}


const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  "a an and are as at be but by can do doe for from have how i if in into is it its my me no not of on or our so that the their then there these they this to was we what when where which who why will with you your".split(
    " ",
  ),
);

/** Particles and question words that carry no topic. */
const CHINESE_STOP_WORDS: ReadonlySet<string> = new Set([
  "的", "了", "吗", "呢", "吧", "啊", "是", "我", "你", "在", "和", "有", "也", "就", "都", "要", "怎",
  "怎么", "如何", "什么", "为什", "么办", "怎样", "一下", "我的", "您的", "请问", "可以", "这个", "那个",
]);
