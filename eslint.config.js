import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Lint rules, including the import rules of ARCHITECTURE.md as checks: core imports no
 * adapter, no Prisma and no process state; chat adapters and the portal never reach the
 * store directly.
 */
const noAdapters = (...patterns) => ({
  "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message: "See ARCHITECTURE.md: import rules." })) }],
});

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
  {
    files: ["core/**/*.ts"],
    rules: {
      ...noAdapters("**/db/**", "**/server/**", "**/bot/**", "**/portal/**", "**/generated/**", "@prisma/*", "node:fs", "node:fs/*", "node:http", "grammy", "wechaty", "hono"),
      "no-restricted-globals": ["error", { name: "process", message: "core takes configuration as parameters" }],
      "no-restricted-syntax": ["error", { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "time comes from the Clock port" }],
    },
  },
  {
    files: ["bot/**/*.ts", "portal/**/*.ts"],
    rules: noAdapters("**/db/**", "**/generated/**", "@prisma/*"),
  },
  {
    files: ["db/**/*.ts"],
    rules: noAdapters("**/server/**", "**/bot/**", "**/portal/**"),
  },
);
