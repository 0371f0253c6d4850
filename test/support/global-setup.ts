import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of a SQLite file migrated once per run; tests copy it (test/support/temp-database.ts). */
    templateDatabase: string;
  }
}

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

/**
 * Runs the real `prisma migrate deploy` once per vitest run, before any worker starts, and
 * hands the migrated file to the workers. Each migrate costs seconds of CPU (the Prisma CLI
 * and its schema engine), so doing it per test file made it the largest share of the suite.
 */
export function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "desk-template-"));
  const file = join(dir, "app.db");
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`migrate deploy failed: ${result.stdout}${result.stderr}`);
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
