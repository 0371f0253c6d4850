import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

describe("migrations", () => {
  it("build exactly the schema in prisma/schema.prisma (no change is missing a migration)", () => {
    const dir = mkdtempSync(join(tmpdir(), "desk-migrations-"));
    try {
      const file = join(dir, "app.db");
      const db = new Database(file);
      for (const name of readdirSync("prisma/migrations").filter((entry) => /^\d+_/.test(entry)).sort()) {
        db.exec(readFileSync(join("prisma/migrations", name, "migration.sql"), "utf8"));
      }
      db.close();
      const push = spawnSync(process.execPath, [prismaCli, "db", "push", "--skip-generate"], {
        env: { ...process.env, DATABASE_URL: `file:${file}` },
        encoding: "utf8",
      });
      expect(push.status, push.stderr).toBe(0);
      expect(push.stdout).toContain("already in sync");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
