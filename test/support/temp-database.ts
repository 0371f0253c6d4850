import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../db/index.ts";

/**
 * A migrated SQLite file in a fresh temp directory: a copy of the template that
 * test/support/global-setup.ts migrated once for the whole run (the real `prisma migrate deploy`).
 */
export async function createTempDatabase(options: { dir?: string } = {}): Promise<{ db: Database; dir: string; url: string; cleanup(): Promise<void> }> {
  const template = inject("templateDatabase");
  if (!template) throw new Error("no template database: run the tests through vitest.config.ts, whose globalSetup migrates it");
  // In `options.dir` (a folder the caller owns and removes), else in a fresh temp folder.
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "desk-db-"));
  const file = join(dir, "app.db");
  copyFileSync(template, file);
  const url = `file:${file}`;
  const db = await openDatabase(url);
  return {
    db,
    dir,
    url,
    async cleanup() {
      await db.$disconnect();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
