import { describe, expect, it } from "vitest";
import type { ArticleDraft } from "../../core/index.ts";
import { AT, minutesAfter, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores } from "./stores-under-test.ts";

const draft = (fields: Partial<ArticleDraft> = {}): ArticleDraft => ({
  slug: unique.text("article"),
  language: "zh-Hans",
  title: "空调不制冷",
  summary: "先检查滤网",
  body: "清洗滤网。\n\n- 断电\n- 取出滤网",
  tags: ["空调", "E1"],
  category: "repair",
  published: true,
  position: 10,
  ...fields,
});

/** What every ArticleStore promises: one article per (slug, language), listed by position then slug. */
export function describeArticleStoreContract(name: string, makeStores: MakeStores): void {
  describe(`ArticleStore contract: ${name}`, () => {
    const current = storesPerDescribe(makeStores);

    it("inserts an article with its id and times, found by slug and language", async () => {
      const { articles } = current().stores;
      const article = draft();
      const stored = await articles.upsert(article, { id: unique.text("id"), at: AT });
      expect(stored).toEqual({ ...article, id: expect.any(String), createdAt: AT, updatedAt: AT });
      expect(await articles.findBySlug(article.slug, "zh-Hans")).toEqual(stored);
      expect(await articles.findBySlug(article.slug, "en")).toBeNull();
    });

    it("updates the article with the same slug and language, keeping its id and creation time", async () => {
      const { articles } = current().stores;
      const article = draft();
      const first = await articles.upsert(article, { id: unique.text("id"), at: AT });
      const later = minutesAfter(AT, 60);
      const { category: _category, ...withoutCategory } = article;
      const second = await articles.upsert({ ...withoutCategory, title: "空调不冷", tags: [], published: false }, { id: unique.text("id"), at: later });
      expect(second).toEqual({ ...withoutCategory, title: "空调不冷", tags: [], published: false, id: first.id, createdAt: AT, updatedAt: later });
      expect(await articles.findBySlug(article.slug, "zh-Hans")).toEqual(second);
    });

    it("keeps each language of a slug apart and counts every article", async () => {
      const { articles } = current().stores;
      const before = await articles.count();
      const slug = unique.text("article");
      const zh = await articles.upsert(draft({ slug }), { id: unique.text("id"), at: AT });
      const en = await articles.upsert(draft({ slug, language: "en", title: "Not cooling" }), { id: unique.text("id"), at: AT });
      expect(en.id).not.toBe(zh.id);
      expect(await articles.findBySlug(slug, "en")).toMatchObject({ title: "Not cooling" });
      expect(await articles.count()).toBe(before + 2);
    });

    it("lists by position, then slug, then language; by language and published only when asked", async () => {
      const { articles } = current().stores;
      const prefix = unique.text("list");
      const upsert = (fields: Partial<ArticleDraft>) => articles.upsert(draft(fields), { id: unique.text("id"), at: AT });
      await upsert({ slug: `${prefix}-b`, position: 1 });
      await upsert({ slug: `${prefix}-b`, position: 1, language: "en" });
      await upsert({ slug: `${prefix}-a`, position: 2 });
      await upsert({ slug: `${prefix}-a`, position: 1, language: "zh-Hant" });
      await upsert({ slug: `${prefix}-c`, position: 0, published: false });
      const ours = async (filter?: Parameters<typeof articles.list>[0]) =>
        (await articles.list(filter)).filter((article) => article.slug.startsWith(prefix)).map((article) => `${article.slug.slice(prefix.length + 1)}:${article.language}`);
      expect(await ours()).toEqual(["c:zh-Hans", "a:zh-Hant", "b:en", "b:zh-Hans", "a:zh-Hans"]);
      expect(await ours({ language: "zh-Hans" })).toEqual(["c:zh-Hans", "b:zh-Hans", "a:zh-Hans"]);
      expect(await ours({ publishedOnly: true })).toEqual(["a:zh-Hant", "b:en", "b:zh-Hans", "a:zh-Hans"]);
      expect(await ours({ language: "zh-Hans", publishedOnly: true })).toEqual(["b:zh-Hans", "a:zh-Hans"]);
    });
  });
}
