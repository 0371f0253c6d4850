import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Simplified-only characters: each is the simplified form of a different traditional one
 * (條 復/覆 為 們 這 說 時 發 過 還 個 對 單 號 應 處 務 機 電 話 網 頁 設 門 問 題) and never
 * written in Traditional Chinese text. Characters both scripts share (理 信 息, and 里 后 with
 * their own traditional meanings) are left out: they are not mistakes.
 */
const SIMPLIFIED_ONLY = /[条复为们这说时发过还个对单号应处务机电话网页设门问题]/u;

const root = join(import.meta.dirname, "../../../core/i18n");
const files = readdirSync(root).filter((file) => file.includes("zh-hant") && file.endsWith(".ts"));

async function catalogTexts(file: string): Promise<[string, string][]> {
  const module = (await import(join(root, file))) as Record<string, unknown>;
  return Object.values(module)
    .filter((value): value is Record<string, unknown> => typeof value === "object" && value !== null)
    .flatMap((catalog) => Object.entries(catalog).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

describe("Traditional Chinese catalogs", () => {
  it("finds the catalogs", () => {
    expect(files).toEqual(expect.arrayContaining(["zh-hant.ts", "console-zh-hant.ts", "portal-zh-hant.ts"]));
  });

  it("use no Simplified-only character", async () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const [key, text] of await catalogTexts(file)) if (SIMPLIFIED_ONLY.test(text)) offending.push(`${file} ${key}: ${text}`);
    }
    expect(offending).toEqual([]);
  });

  it("catches what it is for", () => {
    for (const bad of ["回复客户", "篩選条件", "發送回复"]) expect(SIMPLIFIED_ONLY.test(bad), bad).toBe(true);
    for (const good of ["回覆客戶", "篩選條件", "處理結果", "訊息", "公里"]) expect(SIMPLIFIED_ONLY.test(good), good).toBe(false);
  });
});
