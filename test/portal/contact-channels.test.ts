import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillChatChannels, parseArticleBody } from "../../core/index.ts";
import { loadArticles, parseArticleFile } from "../../content/load-articles.ts";
import { startPortalServer, type PortalServer } from "./support.ts";

/** The footer's part of a page. */
async function footerOf(server: PortalServer, path: string, language = "en"): Promise<string> {
  const html = await (await fetch(`${server.baseUrl}${path}?lang=${language}`)).text();
  return html.slice(html.indexOf('<footer class="site-footer"'), html.indexOf("</footer>"));
}

async function articleText(server: PortalServer, slug: string, language: string): Promise<string> {
  const html = await (await fetch(`${server.baseUrl}/faq/${slug}?lang=${language}`)).text();
  return html.slice(html.indexOf("<main"), html.indexOf("</main>"));
}

const CHANNEL_NAMES = /Telegram|WeChat|微信/;

describe("the chat channels named on the portal are the configured ones", () => {
  describe("with no chat channel", () => {
    let server: PortalServer;
    beforeAll(async () => {
      server = await startPortalServer();
    });
    afterAll(async () => {
      await server?.close();
    });

    it("the footer names no chat channel, in any language", async () => {
      for (const language of ["en", "zh-Hans", "zh-Hant"]) {
        const footer = await footerOf(server, "/", language);
        expect(footer).toContain("site-footer");
        expect(footer).not.toMatch(CHANNEL_NAMES);
        expect(footer).not.toContain("footer-channels");
      }
    });

    it("the FAQ articles that spoke of Telegram and WeChat point at the portal only", async () => {
      for (const slug of ["how-to-report-a-fault", "change-or-cancel-appointment", "satisfaction-survey"]) {
        for (const language of ["en", "zh-Hans", "zh-Hant"]) {
          const text = await articleText(server, slug, language);
          expect(text, `${slug} ${language}`).not.toMatch(CHANNEL_NAMES);
          expect(text, `${slug} ${language}`).not.toContain("{{");
        }
      }
      expect(await articleText(server, "how-to-report-a-fault", "en")).toContain("Report a fault");
    });
  });

  describe("with Telegram (TELEGRAM_BOT_USERNAME)", () => {
    let server: PortalServer;
    beforeAll(async () => {
      // The bot is configured but not started: the username comes from the setting.
      server = await startPortalServer({ env: { TELEGRAM_BOT_TOKEN: "123456:TEST-TOKEN", TELEGRAM_BOT_USERNAME: "@desk_bot" } });
    });
    afterAll(async () => {
      await server?.close();
    });

    it("the footer links the bot by its username and names no other channel", async () => {
      const footer = await footerOf(server, "/faq");
      expect(footer).toContain('href="https://t.me/desk_bot"');
      expect(footer).toContain("Telegram (@desk_bot)");
      expect(footer).not.toMatch(/WeChat|微信/);
      expect(await footerOf(server, "/", "zh-Hans")).toContain("Telegram（@desk_bot）");
    });

    it("the articles name Telegram with its handle where they speak of chat", async () => {
      expect(await articleText(server, "how-to-report-a-fault", "en")).toContain("send &quot;report&quot; to us on Telegram (@desk_bot).");
      expect(await articleText(server, "how-to-report-a-fault", "zh-Hans")).toContain("也可以在Telegram（@desk_bot）上给我们发消息「报修」");
      expect(await articleText(server, "change-or-cancel-appointment", "zh-Hant")).toContain("Telegram（@desk_bot）");
    });
  });
});

describe("the {{chat}} placeholder of articles", () => {
  const blocks = parseArticleBody("Use the site.\n\nOr write to us on {{chat}}.\n\n- On the ticket page\n- Or reply on {{chat}}\n\n- only {{chat}}");

  it("is filled with the channels when there are some", () => {
    expect(fillChatChannels(blocks, "Telegram (@desk_bot)")).toEqual([
      { kind: "paragraph", text: "Use the site." },
      { kind: "paragraph", text: "Or write to us on Telegram (@desk_bot)." },
      { kind: "list", ordered: false, items: ["On the ticket page", "Or reply on Telegram (@desk_bot)", "only Telegram (@desk_bot)"] },
    ]);
  });

  it("takes its paragraph or list item away when there are none", () => {
    expect(fillChatChannels(blocks, null)).toEqual([
      { kind: "paragraph", text: "Use the site." },
      { kind: "list", ordered: false, items: ["On the ticket page"] },
    ]);
  });

  it("is the only placeholder an article may hold, and no starter article names a channel itself", () => {
    expect(() => parseArticleFile("---\ntitle: T\nsummary: S\nposition: 1\ntags: a\n---\nWrite to {{telegram}}.", { slug: "x", language: "en" })).toThrow(/unknown placeholder \{\{telegram\}\}/);
    for (const article of loadArticles()) expect(`${article.title} ${article.summary} ${article.body}`, `${article.slug}/${article.language}`).not.toMatch(CHANNEL_NAMES);
  });
});
