import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CATEGORIES, CHAT_CHANNELS_PLACEHOLDER, LANGUAGES, type ArticleDraft, type Language } from "../core/index.ts";

/**
 * Reads the knowledge-base articles kept as Markdown in content/kb/<slug>/<language>.md and
 * hands the core plain drafts. The core never reads files, so seeding at start-up and
 * `npm run kb:seed` both take their articles from here. Paths resolve from this module, not
 * from the working directory, so tests and scripts find the same files.
 */
export const KB_CONTENT_DIR = fileURLToPath(new URL("./kb/", import.meta.url));

/**
 * The front matter: `key: value` lines between two `---` lines. A value is the text after the
 * first colon, taken literally (no quoting, so a title may contain colons and quotes); tags are
 * separated by commas.
 */
const frontMatterSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(1),
  category: z.enum(CATEGORIES).optional(),
  position: z.coerce.number().int().nonnegative(),
  tags: z.string().transform((value) => value.split(",").map((tag) => tag.trim()).filter(Boolean)),
  published: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
});

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n/;

/** One article file's text as a draft; `where` names the file in error messages. */
export function parseArticleFile(text: string, article: { slug: string; language: Language }, where = `${article.slug}/${article.language}.md`): ArticleDraft {
  const normalized = text.replace(/\r\n?/g, "\n");
  const block = FRONT_MATTER.exec(normalized);
  if (!block) throw new Error(`${where}: the file must start with a front matter block between two "---" lines`);
  const fields: Record<string, string> = {};
  for (const line of (block[1] ?? "").split("\n")) {
    if (!line.trim()) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`${where}: front matter line "${line}" is not "key: value"`);
    const key = line.slice(0, colon).trim();
    if (key in fields) throw new Error(`${where}: "${key}" appears twice in the front matter`);
    fields[key] = line.slice(colon + 1).trim();
  }
  const parsed = frontMatterSchema.safeParse(fields);
  if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
  const { category, ...meta } = parsed.data;
  const body = normalized.slice(block[0].length).trim();
  if (!body) throw new Error(`${where}: the article has no body`);
  const unknownPlaceholder = [...body.matchAll(/\{\{[^}]*\}\}/g)].find((match) => match[0] !== CHAT_CHANNELS_PLACEHOLDER);
  if (unknownPlaceholder) throw new Error(`${where}: unknown placeholder ${unknownPlaceholder[0]}: the only one is ${CHAT_CHANNELS_PLACEHOLDER} (the desk's chat channels)`);
  return { slug: article.slug, language: article.language, title: meta.title, summary: meta.summary, body, tags: meta.tags, ...(category ? { category } : {}), published: meta.published, position: meta.position };
}

const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Every article under `directory` (default content/kb), ordered by position, slug and
 * language. Translations of one slug must agree on category and position, so a list looks
 * the same in every language.
 */
export function loadArticles(directory: string = KB_CONTENT_DIR): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const slug = entry.name;
    if (!SLUG.test(slug)) throw new Error(`kb/${slug}: a slug is lower-case words joined by "-"`);
    const versions: ArticleDraft[] = [];
    for (const file of readdirSync(join(directory, slug))) {
      const language = file.replace(/\.md$/, "");
      if (!file.endsWith(".md") || !isLanguage(language)) throw new Error(`kb/${slug}/${file}: expected one of ${LANGUAGES.map((code) => `${code}.md`).join(", ")}`);
      versions.push(parseArticleFile(readFileSync(join(directory, slug, file), "utf8"), { slug, language }, `kb/${slug}/${file}`));
    }
    const [first, ...others] = versions;
    for (const other of others) {
      if (other.category !== first?.category || other.position !== first?.position) {
        throw new Error(`kb/${slug}: ${other.language}.md and ${first?.language}.md disagree on category or position`);
      }
    }
    drafts.push(...versions);
  }
  const languageOrder = (language: Language) => LANGUAGES.indexOf(language);
  return drafts.sort((a, b) => a.position - b.position || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) || languageOrder(a.language) - languageOrder(b.language));
}
