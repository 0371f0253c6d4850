import { afterEach, describe, expect, it } from "vitest";
import { loadArticles } from "../../content/load-articles.ts";
import { buildSearchIndex, createKnowledgeBase, parseArticleBody, searchArticles, seedKnowledgeBase, stemEnglish, tokenize } from "../../core/kb/index.ts";
import type { Article } from "../../core/kb/types.ts";
import { createArticleStore } from "../../db/article-store.ts";
import { jiebaSearchSegmenter } from "../../core/index.ts";
import { FakeClock, sequentialIds } from "../fakes/fake-clock.ts";
import { createTempDatabase } from "../support/temp-database.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const STARTER_ARTICLES = loadArticles();
const starterArticles: Article[] = STARTER_ARTICLES.map((draft, index) => ({ ...draft, id: `a${index}`, createdAt: new Date(0), updatedAt: new Date(0) }));
const index = buildSearchIndex(starterArticles, jiebaSearchSegmenter);
const topSlug = (query: string) => searchArticles(index, query, 1)[0]?.article.slug;

describe("tokenize", () => {
  it("splits Chinese into dictionary words and character bigrams", () => {
    expect(tokenize("洗衣机不脱水")).toEqual(["洗衣", "衣机", "机不", "不脱", "脱水"]);
    const withWords = tokenize("洗衣机不脱水", jiebaSearchSegmenter);
    expect(withWords).toContain("洗衣机");
    expect(withWords).toContain("脱水");
  });

  it("lower-cases, stems and drops English stop words; error codes stay whole", () => {
    expect(tokenize("My washer won't spin; the parcels were delivered")).toEqual(["washer", "won", "spin", "parcel", "were", "deliver"]);
    expect(tokenize("Error E21 on the display")).toEqual(["error", "e21", "display"]);
    expect(stemEnglish("spinning")).toBe("spin");
    expect(stemEnglish("batteries")).toBe("battery");
    expect(stemEnglish("glass")).toBe("glass");
  });

  it("handles mixed text and full-width characters", () => {
    expect(tokenize("海尔ＥＧ100 洗衣机")).toEqual(["海尔", "eg100", "洗衣", "衣机"]);
  });
});

describe("search ranking over the starter articles", () => {
  it.each([
    ["洗衣机不脱水", "washing-machine-not-spinning"],
    ["冰箱不冷了", "refrigerator-not-cold-or-noisy"],
    ["快递一直没到", "parcel-delayed-or-not-updating"],
    ["包裹压坏了怎么赔", "parcel-arrived-damaged"],
    ["闻到煤气味", "gas-smell-smoke-or-sparks"],
    ["七天无理由退货", "returns-and-exchanges"],
    ["空调不凉", "air-conditioner-not-cooling"],
    ["家具少了螺丝", "furniture-damaged-or-missing-parts"],
    ["热水器点不着火", "water-heater-no-hot-water"],
    ["维修多少钱", "repair-fees-and-quotes"],
    ["改约上门时间", "change-or-cancel-appointment"],
  ])("finds the right article for the Chinese query %s", (query, slug) => {
    expect(topSlug(query)).toBe(slug);
  });

  it.each([
    ["洗衣機不脫水", "washing-machine-not-spinning"],
    ["冷氣不涼", "air-conditioner-not-cooling"],
    ["聞到瓦斯味", "gas-smell-smoke-or-sparks"],
    ["包裹壓壞了怎麼賠", "parcel-arrived-damaged"],
    ["保固多久", "warranty-coverage"],
    ["維修多少錢", "repair-fees-and-quotes"],
  ])("finds the right article for the Traditional Chinese query %s", (query, slug) => {
    expect(topSlug(query)).toBe(slug);
  });

  it.each([
    ["washer won't spin", "washing-machine-not-spinning"],
    ["fridge is not cold", "refrigerator-not-cold-or-noisy"],
    ["my parcel is late", "parcel-delayed-or-not-updating"],
    ["damaged package claim", "parcel-arrived-damaged"],
    ["refund", "returns-and-exchanges"],
    ["how much does a repair cost", "repair-fees-and-quotes"],
    ["smell gas", "gas-smell-smoke-or-sparks"],
    ["reschedule the visit", "change-or-cancel-appointment"],
    ["warranty", "warranty-coverage"],
  ])("finds the right article for the English query %s", (query, slug) => {
    expect(topSlug(query)).toBe(slug);
  });

  it("finds nothing for queries without content words", () => {
    expect(searchArticles(index, "", 5)).toEqual([]);
    expect(searchArticles(index, "the and of", 5)).toEqual([]);
    expect(searchArticles(index, "量子计算机", 5)).toEqual([]);
  });

  it("works without a segmenter, on bigrams alone", () => {
    const bigramsOnly = buildSearchIndex(starterArticles);
    expect(searchArticles(bigramsOnly, "洗衣机不脱水", 1)[0]?.article.slug).toBe("washing-machine-not-spinning");
  });
});

describe("knowledge base over the database", () => {
  async function knowledgeBase() {
    const database = await createTempDatabase();
    cleanups.push(database.cleanup);
    const store = createArticleStore(database.db);
    const clock = new FakeClock();
    return { store, clock, kb: createKnowledgeBase({ store, clock, segment: jiebaSearchSegmenter }) };
  }

  it("seeds the starter set once, in Simplified Chinese, Traditional Chinese and English", async () => {
    const { store, clock } = await knowledgeBase();
    const newId = sequentialIds("article");
    const first = await seedKnowledgeBase(store, STARTER_ARTICLES, { clock, newId });
    expect(first.inserted).toBeGreaterThanOrEqual(36);
    expect(await seedKnowledgeBase(store, STARTER_ARTICLES, { clock, newId })).toEqual({ inserted: 0 });
    const all = await store.list();
    expect(all).toHaveLength(first.inserted);
    const slugs = new Set(all.map((article) => article.slug));
    expect(slugs.size).toBeGreaterThanOrEqual(12);
    for (const slug of slugs) {
      expect(all.filter((article) => article.slug === slug).map((article) => article.language).sort()).toEqual(["en", "zh-Hans", "zh-Hant"]);
    }
    expect(all.every((article) => article.title && article.summary && article.body.length > 120 && article.tags.length > 0)).toBe(true);
  });

  it("does not seed over articles an editor already wrote", async () => {
    const { store, clock } = await knowledgeBase();
    await store.upsert({ slug: "our-own", language: "en", title: "Our own", summary: "s", body: "b", tags: [], published: true, position: 1 }, { id: "x", at: clock.now() });
    expect(await seedKnowledgeBase(store, STARTER_ARTICLES, { clock, newId: sequentialIds() })).toEqual({ inserted: 0 });
  });

  it("lists, shows and searches in the reader's language", async () => {
    const { store, clock, kb } = await knowledgeBase();
    await seedKnowledgeBase(store, STARTER_ARTICLES, { clock, newId: sequentialIds() });

    const english = await kb.list("en");
    expect(english.length).toBeGreaterThanOrEqual(12);
    expect(english.every((article) => article.language === "en")).toBe(true);
    const traditional = await kb.list("zh-Hant");
    expect(traditional.map((article) => article.slug)).toEqual(english.map((article) => article.slug));
    expect(traditional.every((article) => article.language === "zh-Hant")).toBe(true);

    const page = await kb.get("washing-machine-not-spinning", "en");
    expect(page?.article.title).toMatch(/Washing machine/);
    expect(page?.languages.sort()).toEqual(["en", "zh-Hans", "zh-Hant"]);
    const traditionalPage = await kb.get("washing-machine-not-spinning", "zh-Hant");
    expect(traditionalPage?.article).toMatchObject({ language: "zh-Hant", title: "洗衣機不脫水、不排水怎麼辦" });
    expect(await kb.get("no-such-article", "en")).toBeNull();

    // A Chinese query on the English page finds the article and shows it in English.
    const hits = await kb.search("洗衣机不脱水", "en");
    expect(hits[0]).toMatchObject({ slug: "washing-machine-not-spinning", language: "en" });
    const zhHits = await kb.search("washer won't spin", "zh-Hans");
    expect(zhHits[0]).toMatchObject({ slug: "washing-machine-not-spinning", language: "zh-Hans" });
    // A Simplified query on the Traditional page shows the Traditional version, and the other way round.
    expect((await kb.search("洗衣机不脱水", "zh-Hant"))[0]).toMatchObject({ slug: "washing-machine-not-spinning", language: "zh-Hant" });
    expect((await kb.search("洗衣機不脫水", "zh-Hans"))[0]).toMatchObject({ slug: "washing-machine-not-spinning", language: "zh-Hans" });
    expect(await kb.search("   ", "en")).toEqual([]);
  });

  it("gives a Traditional-Chinese reader the Simplified text when no Traditional one exists, then English", async () => {
    const { store, clock, kb } = await knowledgeBase();
    await seedKnowledgeBase(store, STARTER_ARTICLES, { clock, newId: sequentialIds() });
    const at = clock.now();
    await store.upsert({ slug: "dishwasher-tips", language: "zh-Hans", title: "洗碗机使用技巧", summary: "s", body: "洗碗机正文", tags: [], published: true, position: 1 }, { id: "d1", at });
    await store.upsert({ slug: "dishwasher-tips", language: "en", title: "Dishwasher tips", summary: "s", body: "Dishwasher body", tags: [], published: true, position: 1 }, { id: "d2", at });
    await store.upsert({ slug: "english-only", language: "en", title: "Oven tips", summary: "s", body: "Oven body", tags: [], published: true, position: 2 }, { id: "o1", at });

    const traditional = await kb.list("zh-Hant");
    expect(traditional.slice(0, 3).map((article) => [article.slug, article.language])).toEqual([
      ["dishwasher-tips", "zh-Hans"],
      ["english-only", "en"],
      ["how-to-report-a-fault", "zh-Hant"],
    ]);
    const page = await kb.get("dishwasher-tips", "zh-Hant");
    expect(page?.article).toMatchObject({ language: "zh-Hans", title: "洗碗机使用技巧" });
    expect(page?.languages.sort()).toEqual(["en", "zh-Hans"]);
    expect((await kb.search("洗碗机", "zh-Hant"))[0]).toMatchObject({ slug: "dishwasher-tips", language: "zh-Hans" });
  });

  it("hides unpublished articles and sees edits after the cache time", async () => {
    const { store, clock, kb } = await knowledgeBase();
    await store.upsert({ slug: "draft", language: "en", title: "Dishwasher tips", summary: "s", body: "Dishwasher body", tags: [], published: false, position: 1 }, { id: "d", at: clock.now() });
    expect(await kb.search("dishwasher", "en")).toEqual([]);
    await store.upsert({ slug: "draft", language: "en", title: "Dishwasher tips", summary: "s", body: "Dishwasher body", tags: [], published: true, position: 1 }, { id: "d", at: clock.now() });
    expect(await kb.search("dishwasher", "en")).toEqual([]);
    clock.advance(2);
    expect((await kb.search("dishwasher", "en")).map((hit) => hit.slug)).toEqual(["draft"]);
  });
});

describe("parseArticleBody", () => {
  it("turns plain text into paragraphs, headings and lists", () => {
    expect(parseArticleBody("First line\nsame paragraph.\n\n# Steps\n1. one\n2. two\n\n- a\n- b\n\n<script>x</script>")).toEqual([
      { kind: "paragraph", text: "First line same paragraph." },
      { kind: "heading", text: "Steps" },
      { kind: "list", ordered: true, items: ["one", "two"] },
      { kind: "list", ordered: false, items: ["a", "b"] },
      { kind: "paragraph", text: "<script>x</script>" },
    ]);
  });

  it("parses every starter article into paragraphs, most with a list", () => {
    let withList = 0;
    for (const article of STARTER_ARTICLES) {
      const blocks = parseArticleBody(article.body);
      expect(blocks.some((block) => block.kind === "paragraph"), article.slug).toBe(true);
      if (blocks.some((block) => block.kind === "list")) withList++;
    }
    expect(withList).toBeGreaterThan(STARTER_ARTICLES.length * 0.8);
  });
});
