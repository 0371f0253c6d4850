import { CONTENT_LANGUAGES, fillChatChannels, parseArticleBody } from "../../core/index.ts";
import type { ContactChannel, PortalApi } from "../../portal/src/portal-api.ts";
import type { PortalDeps, RequestContext } from "./request-context.ts";

/** The configured chat channels as words in a sentence ("Telegram (@desk_bot) or WeChat (ID desk)"); null when none. */
export function chatChannelsText(t: RequestContext["t"], channels: readonly ContactChannel[]): string | null {
  const named = channels.map((entry) =>
    entry.channel === "telegram" ? t("portal.channels.telegram", { handle: entry.handle }) : t("portal.channels.wechat", { handle: entry.handle }),
  );
  return named.length ? named.join(t("portal.channels.or")) : null;
}

/**
 * The knowledge base in the reader's language: the list, search, and one article, whose
 * chat-channel placeholder is filled with the channels configured now (or its sentences left out).
 */
export function faqService(context: RequestContext, deps: Pick<PortalDeps, "core"> & { contactChannels: readonly ContactChannel[] }): Pick<PortalApi, "faq"> {
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
        return { article: page.article, blocks: fillChatChannels(parseArticleBody(page.article.body), chatChannelsText(context.t, deps.contactChannels)), otherLanguage: !acceptable.includes(page.article.language) };
      },
    },
  };
}
