#!/usr/bin/env node
/**
 * `npm start`: applies pending migrations to the database (creating it on a fresh machine),
 * then runs the server in this same process. Prisma's CLI runs in driver-adapter mode
 * (prisma.config.ts), so migrating needs no network and no native engine.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// An empty DATA_DIR or DATABASE_URL counts as unset (never the filesystem root).
process.env.DATA_DIR = process.env.DATA_DIR?.trim() || "./data";
process.env.DATABASE_URL = process.env.DATABASE_URL?.trim() || `file:${process.env.DATA_DIR}/app.db`;

// An unreadable or read-only database file is named in words (the migration would only say "External error id#0").
if (process.env.DATABASE_URL.startsWith("file:")) {
  const file = resolve(process.env.DATABASE_URL.slice("file:".length));
  const problem = !existsSync(file) ? null : !canAccess(file, constants.R_OK) ? "cannot be read by this user" : !canAccess(file, constants.W_OK) ? "is read-only for this user (the desk must write to it)" : null;
  if (problem) {
    process.stderr.write(`The database ${file} ${problem}: check the permissions of the file and its folder. The server was not started.\n`);
    process.exit(1);
  }
}

function canAccess(file, mode) {
  try {
    accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const migrate = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
  cwd: root,
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  encoding: "utf8",
});
if (migrate.status !== 0) {
  process.stderr.write(migrate.stdout + migrate.stderr);
  process.stderr.write("\nDatabase migration failed; the server was not started.\n");
  process.exit(1);
}

const { register } = await import("tsx/esm/api");
register();
await import("../server/main.ts");
