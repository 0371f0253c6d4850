import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

/** Tables with their columns and indexes, in a form two databases can be compared by. */
function shape(db: Database.Database) {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name")
    .all() as { name: string }[];
  return tables.map(({ name }) => ({
    name,
    columns: (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number }[]).map(
      (column) => `${column.name} ${column.type} ${column.notnull ? "NOT NULL" : ""} ${column.pk ? "PK" : ""}`,
    ).sort(), // ALTER TABLE appends columns: order is not part of the schema
    indexes: (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
      .map((index) => `${index.name}${index.unique ? " UNIQUE" : ""}`)
      .sort(),
  }));
}

describe("migrations", () => {
  it("build exactly the schema in prisma/schema.prisma (no change is missing a migration)", { timeout: 60_000 }, () => {
    const migrated = new Database(":memory:");
    for (const name of readdirSync("prisma/migrations").filter((entry) => /^\d+_/.test(entry)).sort()) {
      migrated.exec(readFileSync(join("prisma/migrations", name, "migration.sql"), "utf8"));
    }
    const diff = spawnSync(process.execPath, [prismaCli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], { encoding: "utf8" });
    expect(diff.status, diff.stderr).toBe(0);
    const fromSchema = new Database(":memory:");
    fromSchema.exec(diff.stdout);
    expect(shape(migrated)).toEqual(shape(fromSchema));
  });
});
