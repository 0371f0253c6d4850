import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import type { Segmenter } from "./types.ts";

let jieba: Jieba | undefined;

/**
 * Jieba word segmentation (dictionary only, no HMM guessing, so output is stable).
 * The dictionary is built on first use (~0.2 s), not at import.
 */
export const jiebaSegmenter: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, false);
};
