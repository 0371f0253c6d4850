import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../core/i18n/en.ts";
import { isMessageKey } from "../../core/i18n/index.ts";
import { portalEn } from "../../core/i18n/portal-en.ts";
import { portalZhHans } from "../../core/i18n/portal-zh-hans.ts";
import { portalZhHant } from "../../core/i18n/portal-zh-hant.ts";
import { zhHans } from "../../core/i18n/zh-hans.ts";
import { zhHant } from "../../core/i18n/zh-hant.ts";

/**
 * .astro files are not type-checked by `tsc`, so the message keys the pages use are checked
 * here: a typo would otherwise only show as a broken page.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(astro|ts)$/.test(entry) ? [path] : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("portal texts", () => {
  it("uses only keys that exist in the catalogs", () => {
    const used = new Set<string>();
    for (const file of [...sourceFiles("portal/src"), ...sourceFiles("server/portal")]) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([\w.-]+)"/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((key) => !isMessageKey(key))).toEqual([]);
  });

  it("has every portal text in all three languages, with the same placeholders", () => {
    for (const key of Object.keys(portalEn) as (keyof typeof portalEn)[]) {
      for (const catalog of [portalZhHans, portalZhHant]) {
        expect(catalog[key].trim(), key).not.toBe("");
        expect(placeholders(catalog[key]), key).toEqual(placeholders(portalEn[key]));
      }
    }
    // And the whole catalogs, which include the portal's texts.
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhHans[key]), key).toEqual(placeholders(en[key]));
      expect(placeholders(zhHant[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("writes the Traditional catalog in Traditional characters", () => {
    const simplifiedOnly = /[这们么报询备进号过还时发务单话页设选择补处应请说视]/;
    const offenders = Object.entries(portalZhHant).filter(([key, text]) => key !== "portal.lang.zh-Hans" && simplifiedOnly.test(text));
    expect(offenders).toEqual([]);
  });
});
