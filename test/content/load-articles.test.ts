import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadArticles, parseArticleFile } from "../../content/load-articles.ts";

const directories: string[] = [];
afterEach(() => {
  while (directories.length) rmSync(directories.pop()!, { recursive: true, force: true });
});

function contentDirectory(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), "kb-content-"));
  directories.push(directory);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(directory, path, ".."), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
  return directory;
}

const article = (front: string, body = "Body text.") => `---\n${front}\n---\n\n${body}\n`;
const WASHER = { slug: "washer", language: "en" } as const;

describe("parseArticleFile", () => {
  it("reads the front matter literally and keeps the body as written", () => {
    const text = article('title: Error "E21": what it means\nsummary: Short: yes.\ncategory: repair\nposition: 20\ntags: e21, drain ,  pump', "First.\n\n- one\n- two");
    expect(parseArticleFile(text.replace(/\n/g, "\r\n"), WASHER)).toEqual({
      slug: "washer",
      language: "en",
      title: 'Error "E21": what it means',
      summary: "Short: yes.",
      body: "First.\n\n- one\n- two",
      tags: ["e21", "drain", "pump"],
      category: "repair",
      published: true,
      position: 20,
    });
  });

  it("leaves out a missing category and honours published: false", () => {
    const draft = parseArticleFile(article("title: T\nsummary: S\nposition: 1\ntags: a\npublished: false"), WASHER);
    expect(draft).not.toHaveProperty("category");
    expect(draft.published).toBe(false);
  });

  it.each([
    ["no front matter", "title: T\n\nBody", /front matter block/],
    ["an unknown category", article("title: T\nsummary: S\ncategory: cooking\nposition: 1\ntags: a"), /category/],
    ["an unknown key", article("title: T\nsummary: S\nposition: 1\ntags: a\nauthor: me"), /author/],
    ["a missing title", article("summary: S\nposition: 1\ntags: a"), /title/],
    ["a position that is no number", article("title: T\nsummary: S\nposition: first\ntags: a"), /position/],
    ["a line without a key", article("title: T\nsummary: S\nposition: 1\ntags: a\njust words"), /not "key: value"/],
    ["a key given twice", article("title: T\ntitle: U\nsummary: S\nposition: 1\ntags: a"), /twice/],
    ["an empty body", article("title: T\nsummary: S\nposition: 1\ntags: a", ""), /no body/],
  ])("rejects %s, naming the file", (_case, text, message) => {
    expect(() => parseArticleFile(text, WASHER)).toThrow(message);
    expect(() => parseArticleFile(text, WASHER)).toThrow(/washer\/en\.md/);
  });
});

describe("loadArticles", () => {
  it("finds the starter set, in Simplified Chinese, Traditional Chinese and English", () => {
    const articles = loadArticles();
    const slugs = new Set(articles.map((draft) => draft.slug));
    expect(slugs.size).toBeGreaterThanOrEqual(12);
    for (const slug of slugs) expect(articles.filter((draft) => draft.slug === slug).map((draft) => draft.language)).toEqual(["zh-Hans", "zh-Hant", "en"]);
    expect(articles.map((draft) => draft.position)).toEqual([...articles.map((draft) => draft.position)].sort((a, b) => a - b));
  });

  it("orders by position, then slug, then language", () => {
    const directory = contentDirectory({
      "b/en.md": article("title: B\nsummary: S\nposition: 10\ntags: a"),
      "b/zh-Hant.md": article("title: 乙\nsummary: S\nposition: 10\ntags: a"),
      "a/en.md": article("title: A\nsummary: S\nposition: 10\ntags: a"),
      "c/zh-Hans.md": article("title: 丙\nsummary: S\nposition: 5\ntags: a"),
    });
    expect(loadArticles(directory).map((draft) => `${draft.slug}/${draft.language}`)).toEqual(["c/zh-Hans", "a/en", "b/zh-Hant", "b/en"]);
  });

  it("rejects files that are not a language, and translations that disagree", () => {
    expect(() => loadArticles(contentDirectory({ "a/fr.md": article("title: A\nsummary: S\nposition: 1\ntags: a") }))).toThrow(/kb\/a\/fr\.md: expected one of zh-Hans\.md/);
    const disagreeing = contentDirectory({
      "a/en.md": article("title: A\nsummary: S\ncategory: repair\nposition: 1\ntags: a"),
      "a/zh-Hans.md": article("title: 甲\nsummary: S\nposition: 1\ntags: a"),
    });
    expect(() => loadArticles(disagreeing)).toThrow(/kb\/a: .* disagree on category or position/);
  });
});
