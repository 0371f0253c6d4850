import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatPhone } from "../../../core/index.ts";
import { portalZhHans } from "../../../core/i18n/portal-zh-hans.ts";
import { portalZhHant } from "../../../core/i18n/portal-zh-hant.ts";
import { zhHans } from "../../../core/i18n/zh-hans.ts";
import { zhHant } from "../../../core/i18n/zh-hant.ts";

/** A CJK character (ideographs, CJK punctuation, full-width forms) beside an ASCII : ( ) , ? ! */
const CJK = "[\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef]";
const ASCII_BESIDE_CJK = new RegExp(`${CJK}[:(),?!]|[:(),?!]${CJK}`, "u");

describe("Chinese text uses full-width punctuation", () => {
  it("has no ASCII : ( ) , ? ! next to a Chinese character in the Chinese catalogs", () => {
    const catalogs = { zhHans, zhHant, portalZhHans, portalZhHant };
    const offending = Object.entries(catalogs).flatMap(([name, catalog]) =>
      Object.entries(catalog)
        .filter(([, text]) => ASCII_BESIDE_CJK.test(text))
        .map(([key, text]) => `${name} ${key}: ${text}`),
    );
    expect(offending).toEqual([]);
  });

  it("catches what it is for", () => {
    for (const bad of ["当前状态:", "(选填)", "好的,谢谢", "您好!", "是吗?"]) expect(ASCII_BESIDE_CJK.test(bad), bad).toBe(true);
    for (const good of ["当前状态：", "（选填）", "SR202611240001 (test)", "09:00–10:00", "/visit <单号> reached|unreached"]) expect(ASCII_BESIDE_CJK.test(good), good).toBe(false);
  });

  it("glues no ASCII punctuation to a translated text in the portal's pages", () => {
    const root = join(import.meta.dirname, "../../../portal/src");
    const pages = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".astro"));
    expect(pages.length).toBeGreaterThan(5);
    const offending = pages.flatMap((file) =>
      readFileSync(join(root, file), "utf8")
        .split("\n")
        // `{t("…")}:` or `({t("…")})`: the punctuation belongs in the catalog, in each language's form.
        .filter((line) => /\{t\([^{}]*\)\}[:,?!)]|[(]\{t\(/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});

describe("phones shown in full", () => {
  it("are grouped in fours from the right", () => {
    expect(formatPhone("13800138000")).toBe("138 0013 8000");
    expect(formatPhone("02161234567")).toBe("021 6123 4567");
    expect(formatPhone("85291234567")).toBe("852 9123 4567");
    expect(formatPhone("1234567")).toBe("123 4567");
    expect(formatPhone("not a phone")).toBe("not a phone");
  });
});
