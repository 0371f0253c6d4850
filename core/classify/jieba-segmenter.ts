import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import type { Segmenter } from "./types.ts";

// One jieba (and one ~30 MB dictionary) for the whole process: the classifier and the
// knowledge-base search share it. Built on first use (~0.2 s), not at import.
let jieba: Jieba | undefined;
const instance = (): Jieba => (jieba ??= Jieba.withDict(dict));

/** Jieba word segmentation (dictionary only, no HMM guessing, so output is stable): the classifier's. */
export const jiebaSegmenter: Segmenter = (text) => instance().cut(text, false);

/**
 * Search-mode segmentation for the knowledge base: long words also yield their shorter
 * dictionary words (洗衣机 → 洗衣, 衣机, 洗衣机), which is what a search index wants.
 */
export const jiebaSearchSegmenter: Segmenter = (text) => instance().cutForSearch(text, false);
