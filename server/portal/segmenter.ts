import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import type { Segmenter } from "../../core/kb/types.ts";

let jieba: Jieba | undefined;

/**
 * Jieba's search-mode segmentation for the knowledge base: long words also yield their
 * shorter dictionary words (洗衣机 → 洗衣, 衣机, 洗衣机), which is what a search index wants.
 * The dictionary loads on first use (~0.2 s), not at import.
 */
export const jiebaSearchSegmenter: Segmenter = (text) => {
  jieba ??= Jieba.withDict(dict);
  return jieba.cutForSearch(text, false);
};
