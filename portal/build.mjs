#!/usr/bin/env node
/**
 * Builds the portal (`astro build`) into portal/dist. Used by `npm run build:portal`, by
 * `npm install` (postinstall) and by the server when the build is missing.
 *
 * Builds go to a temporary directory and are swapped in at the end, under a lock, so a
 * second process starting at the same time waits instead of building over the first, and a
 * server never loads a half-written build.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

process.env.ASTRO_TELEMETRY_DISABLED = "1";
const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, "dist");
const lock = join(root, ".astro", "build.lock");
const STALE_LOCK_MS = 5 * 60 * 1000;

mkdirSync(join(root, ".astro"), { recursive: true });
const startedAt = Date.now();
for (;;) {
  try {
    mkdirSync(lock);
    break;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (age > STALE_LOCK_MS) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

try {
  // Another process finished a build while this one waited: nothing left to do.
  const entry = statSync(join(dist, "server", "entry.mjs"), { throwIfNoEntry: false });
  if (entry && entry.mtimeMs >= startedAt) {
    console.log(`portal already built into ${dist}`);
  } else {
    const output = join(root, ".astro", `dist-${process.pid}`);
    rmSync(output, { recursive: true, force: true });
    const { build } = await import("astro");
    await build({ root, outDir: output, logLevel: process.env.ASTRO_LOG_LEVEL ?? "warn" });
    const previous = join(root, ".astro", `dist-old-${process.pid}`);
    if (existsSync(dist)) renameSync(dist, previous);
    renameSync(output, dist);
    rmSync(previous, { recursive: true, force: true });
    console.log(`portal built into ${dist}`);
  }
} finally {
  // Never exit inside this block: the lock must go even when there was nothing to build.
  rmSync(lock, { recursive: true, force: true });
}
