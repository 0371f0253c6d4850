import { CONTENT_LANGUAGES, parseArticleBody } from "../../core/index.ts";
import type { PortalApi } from "../../portal/src/portal-api.ts";
import type { PortalDeps, RequestContext } from "./request-context.ts";

/** The knowledge base in the reader's language: the list, search, and one article. */
export function faqService(context: RequestContext, deps: Pick<PortalDeps, "core">): Pick<PortalApi, "faq"> {
  const { knowledgeBase } = deps.core;
  const { language } = context;
  return {
    faq: {
      list: () => knowledgeBase.list(language),
      search: (query) => knowledgeBase.search(query, language),
      async get(slug) {
        if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
        const page = await knowledgeBase.get(slug, language);
        if (!page) return null;
        // Simplified text for a Traditional-Chinese reader is readable, so no notice for it.
        const acceptable = language === "zh-Hant" ? ["zh-Hant", "zh-Hans"] : [CONTENT_LANGUAGES[language][0]];
        return { article: page.article, blocks: parseArticleBody(page.article.body), otherLanguage: !acceptable.includes(page.article.language) };
      },
    },
  };
}
