import { describe, expect, it } from "vitest";
import { detectCues } from "../../../core/classify/cue.ts";
import { normalizeText } from "../../../core/classify/normalize-text.ts";
import { SAFETY_CUES } from "../../../core/classify/safety-cues.ts";
import { TRADITIONAL_PAIR_COUNT, toSimplified } from "../../../core/classify/traditional-to-simplified.ts";

describe("normalizeText", () => {
  it("maps Traditional characters and Taiwan/Hong Kong words to mainland forms", () => {
    expect(toSimplified("瓦斯爐旁邊一直聞到瓦斯味")).toBe("燃气炉旁边一直闻到燃气味");
    expect(toSimplified("請問冷氣保固是幾年")).toBe("请问空调保修是几年");
    expect(TRADITIONAL_PAIR_COUNT).toBeGreaterThan(400);
  });

  it("replaces phone numbers, e-mails, URLs and order numbers with placeholders", () => {
    expect(normalizeText("电话 139 1234 5678，邮箱 wang_li@example.com")).toBe("电话 phonex ,邮箱 emailx");
    expect(normalizeText("Order #A77120, see http://x.cn/a")).toBe("order # refx , see urlx");
    expect(normalizeText("单号 SF1234567890123")).toBe("单号 refx");
  });

  it("keeps short numbers that carry meaning, such as the 12315 hotline", () => {
    expect(normalizeText("不然12315见")).toContain("12315");
  });

  it("folds full-width characters and case", () => {
    expect(normalizeText("ＡＢＣ！")).toBe("abc!");
  });
});

describe("danger cues", () => {
  const ids = (text: string): string[] => detectCues(normalizeText(text), SAFETY_CUES).map((match) => match.cue.id);

  it("do not fire on ignition problems, range hoods or a technician smoking", () => {
    expect(ids("热水器打不着火了")).toEqual([]);
    expect(ids("油烟机清洗多少钱")).toEqual([]);
    expect(ids("师傅一直在屋里抽烟，满屋子都是烟味")).toEqual([]);
  });

  it("fire on Traditional input after conversion", () => {
    expect(ids("插座冒煙了")).toContain("smoke");
  });
});
