import { describe, expect, it } from "vitest";
import { loadArticles } from "../../../content/load-articles.ts";
import { HAZARD_ARTICLES, HAZARDS, detectHazards } from "../../../core/kb/safety-advice.ts";
import { LANGUAGES } from "../../../core/tickets/types.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";

describe("hazards a report describes", () => {
  it.each([
    ["厨房有很重的煤气味", ["gas"]],
    ["廚房有很重的瓦斯味，燃氣味", ["gas"]],
    ["I can smell gas in the kitchen", ["gas"]],
    ["插座冒烟了，还有焦味", ["smoke_fire"]],
    ["The socket is smoking and smells burnt", ["smoke_fire"]],
    ["卫生间漏水，水流到插座里了", ["water_electric"]],
    ["Water is dripping onto the light fitting and the socket", ["water_electric"]],
    ["电梯困人，我妈被困在电梯里出不来", ["trapped"]],
    ["My father is trapped in the lift between floors", ["trapped"]],
    ["燃气灶漏气，旁边插座还冒烟", ["gas", "smoke_fire"]],
  ])("%s → %j", (text, hazards) => {
    expect(detectHazards(text)).toEqual(hazards);
  });

  it.each(["洗衣机不脱水，显示 E3", "燃气费账单有问题", "没有冒烟，就是不制冷", "The fridge is noisy", "水龙头滴水", "手机掉水里了"])("finds none in %s", (text) => {
    expect(detectHazards(text)).toEqual([]);
  });

  it("has an article for every hazard, in every language, among the starter articles", () => {
    const articles = loadArticles();
    for (const hazard of HAZARDS) {
      const languages = articles.filter((article) => article.slug === HAZARD_ARTICLES[hazard]).map((article) => article.language).sort();
      expect(languages, hazard).toEqual([...LANGUAGES].sort());
    }
  });

  it("gives the advice in the reader's language, one entry per article", async () => {
    const { core } = buildCore();
    await core.knowledgeBase.seed(loadArticles());
    const advice = await core.safetyAdvice("燃气灶漏气，旁边插座还冒烟", "en");
    expect(advice.map(({ slug, hazards, language }) => ({ slug, hazards, language }))).toEqual([
      { slug: "gas-smell-smoke-or-sparks", hazards: ["gas", "smoke_fire"], language: "en" },
    ]);
    expect(advice[0]?.body).toContain("close the main gas valve");
    const trapped = await core.safetyAdvice(["trapped"], "zh-Hant");
    expect(trapped[0]?.title).toContain("電梯");
    expect(await core.safetyAdvice("空调不制冷", "zh-Hans")).toEqual([]);
  });

  it("are added to a knowledge base seeded before they existed, without touching editors' articles", async () => {
    const { core, stores, clock } = buildCore();
    const starter = loadArticles();
    await stores.articles.upsert({ ...starter.find((article) => article.slug === "gas-smell-smoke-or-sparks" && article.language === "en")!, title: "Edited" }, { id: "edited", at: clock.now() });
    const result = await core.knowledgeBase.seed(starter);
    expect(result.inserted).toBe(6); // water-near-electricity and someone-trapped-in-a-lift, three languages each
    expect((await core.safetyAdvice(["gas"], "en"))[0]?.title).toBe("Edited");
    expect((await core.safetyAdvice(["trapped"], "en"))[0]?.slug).toBe("someone-trapped-in-a-lift");
    expect(await core.knowledgeBase.seed(starter)).toEqual({ inserted: 0 });
  });
});
