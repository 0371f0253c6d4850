#!/usr/bin/env node
/**
 * Completes package-lock.json with the other platforms' native binaries.
 *
 * Why: the npm registry mirror these machines reach does not serve every platform build of
 * packages like @rollup/rollup-*, @swc/core-* or @node-rs/jieba-* (only the ones someone
 * installed). npm then writes a lockfile without, say, the darwin builds, and `npm ci`
 * refuses it as "Missing … from lock file". The missing entries are optional and never
 * installed on this platform, so recording them with their os/cpu/libc (derived from the
 * package name, as their authors name them) lets `npm ci` validate and skip them.
 *
 * Run after any `npm install` that changes dependencies: `node scripts/lockfile-platforms.mjs`.
 */
import { readFileSync, writeFileSync } from "node:fs";

const LOCK = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, "utf8"));

const OS = { android: "android", darwin: "darwin", freebsd: "freebsd", linux: "linux", win32: "win32", openbsd: "openbsd", openharmony: "openharmony", sunos: "sunos", aix: "aix", netbsd: "netbsd" };
const CPU = { "arm-eabi": "arm", arm64: "arm64", arm: "arm", x64: "x64", ia32: "ia32", loong64: "loong64", ppc64: "ppc64", riscv64: "riscv64", s390x: "s390x", wasm32: "wasm32" };

/** `rollup-linux-arm-musleabihf` → { os: linux, cpu: arm, libc: musl }. */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const osIndex = parts.findIndex((part) => part in OS);
  if (osIndex < 0) return null;
  const rest = parts.slice(osIndex + 1).join("-");
  const cpuKey = Object.keys(CPU).sort((a, b) => b.length - a.length).find((key) => rest === key || rest.startsWith(`${key}-`));
  if (!cpuKey) return null;
  const abi = rest.slice(cpuKey.length + 1);
  const libc = /musl/.test(abi) ? ["musl"] : /gnu/.test(abi) ? ["glibc"] : undefined;
  return { os: [OS[parts[osIndex]]], cpu: [CPU[cpuKey]], ...(libc ? { libc } : {}) };
}

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  const base = path.includes("node_modules/") ? path.slice(0, path.lastIndexOf("node_modules/")) : "";
  for (const [name, version] of Object.entries(entry.optionalDependencies)) {
    const nested = `${path}/node_modules/${name}`;
    const hoisted = `${base}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[`node_modules/${name}`] = { version, ...platform, ...(entry.dev ? { dev: true } : {}), optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: recorded ${added} platform-specific optional packages`);
