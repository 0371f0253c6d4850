/** The knowledge base (知识库 / FAQ): articles, their search, and seeding the starter set (content/kb). */
export type { Article, ArticleDraft, ArticleStore, ArticleSummary, SearchHit, Segmenter } from "./types.ts";
export { createKnowledgeBase, CONTENT_LANGUAGES, type ArticlePage, type KnowledgeBase, type KnowledgeBaseDeps } from "./knowledge-base.ts";
export { buildSearchIndex, searchArticles, type SearchIndex } from "./search.ts";
export { tokenize } from "./tokenize.ts";
export { stemEnglish } from "../text/stem-english.ts";
export { seedKnowledgeBase } from "./seed.ts";
export { CHAT_CHANNELS_PLACEHOLDER, fillChatChannels, parseArticleBody, type ArticleBlock } from "./article-body.ts";
