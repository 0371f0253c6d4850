import { readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Lint rules, including the import rules of ARCHITECTURE.md ("Import rules") as checks.
 * test/architecture/import-rules.test.ts lints probe files against them and expects the errors.
 *
 * `no-restricted-imports` matches the import string as written (gitignore-style globs, so
 * `**\/server/**` also matches `../../server/x.ts`); it does not resolve paths. A later config
 * block that sets the same rule for a file replaces the earlier options instead of adding to
 * them, so each folder gets exactly one block listing everything it may not import.
 */

/**
 * core's one door: outside core/, code imports `core/index.ts` and nothing deeper. Off until
 * every caller complies (issue 9); flip to `true` and the block below joins the config.
 */
export const CORE_DOOR_ENFORCED = true;

const RULES = "ARCHITECTURE.md, import rules";

/** Chat adapters under bot/, beside bot/shared/. Folders that exist are added on their own. */
const CHAT_ADAPTERS = [
  ...new Set([
    "telegram",
    "wechat",
    ...readdirSync(new URL("./bot/", import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "shared")
      .map((entry) => entry.name),
  ]),
];

const forbid = (message, ...group) => ({ group, message: `${message} (${RULES})` });

const store = forbid("Only db/ talks to the database; ask the core.", "**/db/**", "**/generated/**", "@prisma/*", "prisma", "prisma/*");
const server = forbid("server/ is the composition root: it imports the others, never the other way round.", "**/server/**");
const chatAdapters = (message, names) => forbid(message, ...names.map((name) => `**/${name}/**`));
const anyAdapter = "bot/shared/ is channel-neutral: it imports no chat adapter.";
const otherAdapter = "Chat adapters never import each other; what they share lives in bot/shared/.";
/** The chat libraries: only a chat adapter's own folder may import them. */
const CHAT_LIBRARIES = ["grammy", "grammy/*", "@grammyjs/*", "wechaty", "wechaty/*", "wechaty-*"];
const chatLibraries = forbid("bot/shared/ is channel-neutral: no chat library, the adapter translates.", ...CHAT_LIBRARIES);

/** What core/ may not import: no adapter, no Prisma, no chat or web library, no Node I/O. */
const corePatterns = [
  forbid("core/ imports no adapter; adapters call the core through its ports and its facade.", "**/db/**", "**/server/**", "**/bot/**", "**/portal/**", "**/generated/**"),
  forbid("core/ knows no Prisma; the store implements the ports of core/ports.ts.", "@prisma/*", "prisma", "prisma/*"),
  forbid(
    "core/ knows no chat or web library; the adapters translate.",
    ...CHAT_LIBRARIES,
    "hono",
    "hono/*",
    "@hono/*",
    "astro",
    "astro/*",
    "astro:*",
    "@astrojs/*",
  ),
  // Every Node built-in except node:path (pure string work): files, network, processes,
  // randomness (node:crypto: ids come from the IdGenerator port), clocks (node:perf_hooks).
  forbid("core/ does no I/O and reads no clock or randomness: that comes through its ports.", "node:*", "!node:path"),
];
const coreBareBuiltins = builtinModules
  .filter((name) => name !== "path" && !name.startsWith("path/") && !name.startsWith("_"))
  .map((name) => ({ name, message: `core/ does no I/O and reads no clock or randomness: that comes through its ports. (${RULES})` }));

const clock = "time comes from the Clock port";
const randomness = "randomness and ids come from the IdGenerator port";
const coreSyntax = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() reads the clock: ${clock}; new Date(x) is fine.` },
  { selector: "CallExpression[callee.name='Date']", message: `Date() reads the clock: ${clock}.` },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: `Date.now reads the clock: ${clock}.` },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: `performance.now reads the clock: ${clock}.` },
  { selector: "MemberExpression[object.name='Temporal'][property.name='Now']", message: `Temporal.Now reads the clock: ${clock}.` },
  { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']", message: `DateTime.now() reads the clock: ${clock}.` },
  {
    selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]",
    message: `DateTime.local()/utc() without arguments read the clock: ${clock}.`,
  },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: `Math.random: ${randomness}.` },
  { selector: "MemberExpression[object.name='crypto'][property.name=/^(randomUUID|getRandomValues)$/]", message: `crypto: ${randomness}.` },
  { selector: "ImportExpression", message: `core/ imports statically, so the import rules can see what it uses (${RULES}).` },
];

const restrictImports = (...patterns) => ["error", { patterns }];

/** The import rules per folder; one block per folder (see above why). */
const importRules = [
  {
    files: ["core/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: coreBareBuiltins, patterns: corePatterns }],
      "no-restricted-globals": ["error", { name: "process", message: `core takes configuration as parameters (CoreSettings), not from process (${RULES}).` }],
      "no-restricted-syntax": ["error", ...coreSyntax],
    },
  },
  {
    files: ["bot/shared/**"],
    rules: { "no-restricted-imports": restrictImports(store, server, chatAdapters(anyAdapter, CHAT_ADAPTERS), chatLibraries) },
  },
  ...CHAT_ADAPTERS.map((adapter) => ({
    files: [`bot/${adapter}/**`],
    rules: {
      "no-restricted-imports": restrictImports(store, server, chatAdapters(otherAdapter, CHAT_ADAPTERS.filter((other) => other !== adapter))),
    },
  })),
  {
    files: ["portal/**"],
    rules: { "no-restricted-imports": restrictImports(store, server) },
  },
  {
    // The composition root and the tools open the database through db/, never Prisma itself.
    files: ["server/**", "scripts/**", "bench/**"],
    rules: { "no-restricted-imports": restrictImports(forbid("Only db/ imports the Prisma client; go through db/index.ts.", "**/generated/**", "@prisma/*")) },
  },
  {
    files: ["db/**"],
    rules: {
      "no-restricted-imports": restrictImports(forbid("db/ implements core's ports and imports no adapter.", "**/server/**", "**/bot/**", "**/portal/**")),
    },
  },
  {
    // Content loaders read files and hand the core plain data; they know no adapter or store.
    files: ["content/**"],
    rules: {
      "no-restricted-imports": restrictImports(forbid("content/ loads data for the core and imports no adapter or store.", "**/server/**", "**/bot/**", "**/portal/**", "**/db/**", "**/generated/**", "@prisma/*")),
    },
  },
];

// core's one door: outside core/, only core/index.ts (types included). A rule of its own
// (the typescript-eslint twin of no-restricted-imports), so it adds to the folder rules above
// instead of replacing them.
export const coreDoor = [
  {
    files: ["bot/**", "server/**", "portal/**", "db/**", "scripts/**", "bench/**", "content/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [forbid("Outside core/, import the core through core/index.ts only.", "**/core/**", "!**/core/index.ts")] },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ["node_modules/", "generated/", "data/", "dist/", "test-results/", ".astro/", "portal/dist/", "portal/.astro/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  ...importRules,
  ...(CORE_DOOR_ENFORCED ? coreDoor : []),
);
