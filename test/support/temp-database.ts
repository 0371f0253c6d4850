import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../db/index.ts";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
let template: string | undefined;

/**
 * A migrated SQLite file in a fresh temp directory. Migrations run once per test process
 * (through the real `prisma migrate deploy`), and each database is a copy of that result.
 */
export async function createTempDatabase(): Promise<{ db: Database; dir: string; url: string; cleanup(): Promise<void> }> {
  if (!template) {
    const templateDir = mkdtempSync(join(tmpdir(), "desk-template-"));
    template = join(templateDir, "app.db");
    const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${template}` },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`migrate deploy failed: ${result.stdout}${result.stderr}`);
  }
  const dir = mkdtempSync(join(tmpdir(), "desk-db-"));
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
