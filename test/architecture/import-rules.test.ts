import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The import rules of ARCHITECTURE.md, proven: probe files that do not exist are linted with the
 * project's own eslint.config.js, and each forbidden import or call must fail with the expected
 * rule while the allowed ones pass. Core's one door is forced on here, whether or not
 * eslint.config.js enforces it yet (CORE_DOOR_ENFORCED).
 */
const root = fileURLToPath(new URL("../../", import.meta.url));

const IMPORTS = "no-restricted-imports";
const CORE_DOOR = "@typescript-eslint/no-restricted-imports";
const GLOBALS = "no-restricted-globals";
const SYNTAX = "no-restricted-syntax";

let eslint: ESLint;

beforeAll(async () => {
  // Imported by URL: eslint.config.js is plain JavaScript without type declarations.
  const config = (await import(pathToFileURL(`${root}eslint.config.js`).href)) as { coreDoor: Linter.Config[] };
  eslint = new ESLint({ cwd: root, overrideConfig: config.coreDoor });
  // ESLint's first run loads the config and parsers: seconds on a loaded machine.
  await eslint.lintText("export {};\n", { filePath: "core/warm-up.ts" });
}, 120_000);

/** The rules a probe file breaks, each once, in order. */
async function brokenRules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath, warnIgnored: true });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  for (const message of result.messages) {
    if (message.fatal || message.ruleId === null) throw new Error(`${filePath}: ${message.message}`);
  }
  return [...new Set(result.messages.map((message) => message.ruleId ?? ""))];
}

const forbidden = (file: string, cases: [code: string, rule: string][]) =>
  it.each(cases)(`${file}: \`%s\` fails %s`, async (code, rule) => {
    expect(await brokenRules(file, code)).toEqual([rule]);
  });

const allowed = (file: string, cases: string[]) =>
  it.each(cases)(`${file}: \`%s\` passes`, async (code) => {
    expect(await brokenRules(file, code)).toEqual([]);
  });

describe("core/ imports no adapter, no Prisma, no chat or web library, no Node I/O", () => {
  const file = "core/tickets/probe.ts";
  forbidden(file, [
    ['import "../../db/ticket-store.ts";', IMPORTS],
    ['import "../../server/app.ts";', IMPORTS],
    ['import "../../bot/shared/types.ts";', IMPORTS],
    ['import "../../bot/telegram/index.ts";', IMPORTS],
    ['import "../../portal/src/middleware.ts";', IMPORTS],
    ['import "../../generated/prisma/client.ts";', IMPORTS],
    ['export type { Store } from "../../db/index.ts";', IMPORTS],
    ['export * from "../../server/compose.ts";', IMPORTS],
    ['import "@prisma/client";', IMPORTS],
    ['import "prisma";', IMPORTS],
    ['import "grammy";', IMPORTS],
    ['import "@grammyjs/auto-retry";', IMPORTS],
    ['import "wechaty";', IMPORTS],
    ['import "wechaty-puppet-mock";', IMPORTS],
    ['import "hono";', IMPORTS],
    ['import "hono/html";', IMPORTS],
    ['import "@hono/node-server";', IMPORTS],
    ['import "astro";', IMPORTS],
    ['import "astro:middleware";', IMPORTS],
    ['import "@astrojs/node";', IMPORTS],
    ['import "node:fs";', IMPORTS],
    ['import "node:fs/promises";', IMPORTS],
    ['import "node:http";', IMPORTS],
    ['import "node:https";', IMPORTS],
    ['import "node:net";', IMPORTS],
    ['import "node:child_process";', IMPORTS],
    ['import "node:crypto";', IMPORTS],
    ['import "node:perf_hooks";', IMPORTS],
    ['import "fs";', IMPORTS],
    ['import "fs/promises";', IMPORTS],
    ['import "http";', IMPORTS],
    ['import "crypto";', IMPORTS],
  ]);
  allowed(file, [
    'export type { Ticket } from "./types.ts";',
    'export { AppError } from "../errors.ts";',
    'export * from "../index.ts";',
    'export { join } from "node:path";',
    'export { z } from "zod";',
    'export { DateTime } from "luxon";',
    // Names that merely contain an adapter's name are not adapters.
    'export * from "./server-time.ts";',
    'export * from "../bot-names/index.ts";',
  ]);
});

describe("core/ reads no process state, clock or randomness except through its ports", () => {
  const file = "core/sla/probe.ts";
  forbidden(file, [
    ["export const level = process.env.LOG_LEVEL;", GLOBALS],
    ["export const now = new Date();", SYNTAX],
    ["export const now = Date();", SYNTAX],
    ["export const now = Date.now();", SYNTAX],
    ["export const clock = Date.now;", SYNTAX],
    ["export const now = performance.now();", SYNTAX],
    ["export const now = Temporal.Now.instant();", SYNTAX],
    ["export const id = crypto.randomUUID();", SYNTAX],
    ["export const bytes = crypto.getRandomValues(new Uint8Array(8));", SYNTAX],
    ["export const dice = Math.random();", SYNTAX],
    ['import { DateTime } from "luxon";\nexport const now = DateTime.now();', SYNTAX],
    ['import { DateTime } from "luxon";\nexport const now = DateTime.local();', SYNTAX],
    ['import { DateTime } from "luxon";\nexport const now = DateTime.utc();', SYNTAX],
    ['export const lazy = await import("./types.ts");', SYNTAX],
  ]);
  allowed(file, [
    "export const at = (iso: string) => new Date(iso);",
    "export const copy = (date: Date) => new Date(date.getTime());",
    "export const order = (a: Date, b: Date) => a.getTime() - b.getTime();",
    'import { DateTime } from "luxon";\nexport const start = DateTime.local(2026, 1, 5, { zone: "Asia/Shanghai" });',
  ]);
});

describe("bot/shared/ is channel-neutral and never reaches the store or the server", () => {
  const file = "bot/shared/probe.ts";
  forbidden(file, [
    ['import "../telegram/index.ts";', IMPORTS],
    ['import "../wechat/index.ts";', IMPORTS],
    ['import "../../bot/telegram/render.ts";', IMPORTS],
    ['import "../../server/outbox/channel-sender.ts";', IMPORTS],
    ['import "../../db/index.ts";', IMPORTS],
    ['import "../../generated/prisma/client.ts";', IMPORTS],
    ['import "@prisma/client";', IMPORTS],
    ['import "grammy";', IMPORTS],
    ['import "@grammyjs/runner";', IMPORTS],
    ['import "wechaty";', IMPORTS],
  ]);
  allowed(file, ['export * from "./types.ts";', 'export * from "../../core/index.ts";', 'export { DateTime } from "luxon";']);
});

describe("a chat adapter imports neither another adapter nor the server nor the store", () => {
  forbidden("bot/telegram/probe.ts", [
    ['import "../wechat/index.ts";', IMPORTS],
    ['import "../../bot/wechat/index.ts";', IMPORTS],
    ['import "../../server/outbox/channel-sender.ts";', IMPORTS],
    ['import type { ChannelSender } from "../../server/outbox/channel-sender.ts";\nexport type Sender = ChannelSender;', IMPORTS],
    ['import "../../db/index.ts";', IMPORTS],
    ['import "@prisma/client";', IMPORTS],
  ]);
  allowed("bot/telegram/probe.ts", [
    'export * from "../shared/index.ts";',
    'export * from "../../core/index.ts";',
    'export { Bot } from "grammy";',
    'export { autoRetry } from "@grammyjs/auto-retry";',
    'export { createHash } from "node:crypto";',
  ]);
  forbidden("bot/wechat/probe.ts", [
    ['import "../telegram/index.ts";', IMPORTS],
    ['import "../../server/app.ts";', IMPORTS],
  ]);
  allowed("bot/wechat/probe.ts", ['export * from "../shared/index.ts";', 'export { WechatyBuilder } from "wechaty";']);
});

describe("portal/ never reaches the store or the server", () => {
  const file = "portal/src/probe.ts";
  forbidden(file, [
    ['import type { PortalLocals } from "../../server/portal/locals.ts";\nexport type Locals = PortalLocals;', IMPORTS],
    ['import "../../db/index.ts";', IMPORTS],
    ['import "../../generated/prisma/client.ts";', IMPORTS],
    ['import "@prisma/client";', IMPORTS],
  ]);
  allowed(file, ['export { defineMiddleware } from "astro:middleware";', 'export * from "../../core/index.ts";']);
});

describe("only db/ imports the Prisma client", () => {
  for (const file of ["server/probe.ts", "scripts/probe.ts", "bench/probe.ts"]) {
    forbidden(file, [
      ['import "../generated/prisma/client.ts";', IMPORTS],
      ['import "@prisma/client";', IMPORTS],
    ]);
  }
});

describe("db/ imports no adapter", () => {
  const file = "db/probe.ts";
  forbidden(file, [
    ['import "../server/config.ts";', IMPORTS],
    ['import "../bot/shared/index.ts";', IMPORTS],
    ['import "../portal/src/middleware.ts";', IMPORTS],
  ]);
  allowed(file, ['export * from "../generated/prisma/client.ts";', 'export * from "@prisma/client";', 'export * from "../core/index.ts";']);
});

describe("core's one door: outside core/, code imports core/index.ts and nothing deeper", () => {
  forbidden("server/probe.ts", [
    ['import "../core/tickets/types.ts";', CORE_DOOR],
    ['import type { Store } from "../core/ports.ts";\nexport type S = Store;', CORE_DOOR],
    ['export * from "../core/classify/index.ts";', CORE_DOOR],
  ]);
  forbidden("server/http/probe.ts", [['import "../../core/errors.ts";', CORE_DOOR]]);
  forbidden("bot/shared/probe.ts", [['import "../../core/i18n/index.ts";', CORE_DOOR]]);
  forbidden("bot/telegram/probe.ts", [['import "../../core/errors.ts";', CORE_DOOR]]);
  forbidden("portal/src/probe.ts", [['import "../../core/kb/types.ts";', CORE_DOOR]]);
  forbidden("db/probe.ts", [['import "../core/ports.ts";', CORE_DOOR]]);
  forbidden("scripts/probe.ts", [['import "../core/classify/index.ts";', CORE_DOOR]]);
  forbidden("bench/probe.ts", [['import "../core/tickets/types.ts";', CORE_DOOR]]);
  allowed("server/probe.ts", [
    'export * from "../core/index.ts";',
    'export * from "./core-settings.ts";',
    'export * from "../db/index.ts";',
    'export * from "../bot/telegram/index.ts";',
    'export { readFile } from "node:fs/promises";',
  ]);
  // Tests may reach into core/ to test its parts.
  allowed("test/core/probe.test.ts", ['export * from "../../core/tickets/types.ts";']);
});
