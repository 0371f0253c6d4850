/**
 * `npm run bench [-- --out FILE]`: the benchmark suite. Every figure is reported next to a
 * baseline measured in the same run on the same machine (these machines are shared and
 * noisy), and as their ratio. Prints a table and writes the JSON report of contracts.md.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { serve } from "@hono/node-server";
import { classifyReport, createCore } from "../core/index.ts";
import { createStores, openDatabase } from "../db/index.ts";
import { createApp } from "../server/app.ts";
import { coreSettings } from "../server/core-settings.ts";
import { createLogger } from "../server/logger.ts";
import { createTokenSigner } from "../server/token-signer.ts";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";

type Result = { name: string; value: number; unit: string; baseline: number; baselineName: string; ratio: number };
const results: Result[] = [];
const record = (name: string, value: number, unit: string, baseline: number, baselineName: string) =>
  results.push({ name, value: round(value), unit, baseline: round(baseline), baselineName, ratio: round(value / baseline, 4) });
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const prismaCli = createRequire(import.meta.url).resolve("prisma/build/index.js");

function migratedDatabase(): { dir: string; url: string } {
  const dir = mkdtempSync(join(tmpdir(), "desk-bench-"));
  const url = `file:${join(dir, "app.db")}`;
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stdout + result.stderr);
  return { dir, url };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Raw better-sqlite3 in WAL: single-row inserts and primary-key reads, the ceiling of the disk + SQLite. */
function rawSqliteBaseline(): { insertsPerSecond: number; readsPerSecond: number } {
  const dir = mkdtempSync(join(tmpdir(), "desk-raw-"));
  const db = new Database(join(dir, "raw.db"));
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, number TEXT UNIQUE, phone TEXT, description TEXT, created_at INTEGER)");
  const insert = db.prepare("INSERT INTO t VALUES (?, ?, ?, ?, ?)");
  const count = 5000;
  let started = performance.now();
  for (let index = 0; index < count; index++) insert.run(randomUUID(), `SR${index}`, "13800138000", "空调不制冷了，外机有异响", Date.now());
  const insertsPerSecond = count / ((performance.now() - started) / 1000);
  const read = db.prepare("SELECT * FROM t WHERE number = ?");
  started = performance.now();
  for (let index = 0; index < 50_000; index++) read.get(`SR${index % count}`);
  const readsPerSecond = 50_000 / ((performance.now() - started) / 1000);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { insertsPerSecond, readsPerSecond };
}

async function benchIntakeAndLookup(raw: { insertsPerSecond: number; readsPerSecond: number }): Promise<void> {
  const { dir, url } = migratedDatabase();
  const db = await openDatabase(url);
  const stores = createStores(db, () => randomUUID());
  const core = createCore({
    ...stores,
    clock: { now: () => new Date() },
    newId: () => randomUUID(),
    signer: createTokenSigner("bench-secret-bench-secret"),
    classify: classifyReport,
    settings: coreSettings({ timeZone: "Asia/Shanghai", publicUrl: "http://localhost", numberPrefix: "SR", staffRoomChannels: ["telegram"] }),
  });
  const count = 600;
  const numbers: string[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    const { ticket } = await core.intake({ name: `客户${index}`, phone: `1380013${String(index).padStart(4, "0")}`, description: "空调不制冷了，外机有异响，麻烦尽快上门", channel: "api" });
    numbers.push(ticket.number);
  }
  const intakePerSecond = count / ((performance.now() - started) / 1000);
  record("intake", intakePerSecond, "tickets/s", raw.insertsPerSecond, "raw better-sqlite3 insert");

  const app = createApp({ core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  const latencies: number[] = [];
  const concurrency = 16;
  const durationMs = 4000;
  const deadline = performance.now() + durationMs;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      let index = worker;
      while (performance.now() < deadline) {
        const number = numbers[index % numbers.length]!;
        const phone = `1380013${String(index % numbers.length).padStart(4, "0")}`;
        const sent = performance.now();
        const response = await fetch(`http://127.0.0.1:${port}/api/tickets/${number}?phone=${phone.slice(-4)}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
        if (response.status !== 200) throw new Error(`lookup answered ${response.status}`);
        done++;
        index += concurrency;
      }
    }),
  );
  const rps = done / (durationMs / 1000);
  record("lookup_rps", rps, "requests/s", raw.readsPerSecond, "raw better-sqlite3 primary-key read");
  const p99 = percentile(latencies, 99);
  record("lookup_p99_ms", p99, "ms", 1000 / raw.readsPerSecond, "raw better-sqlite3 read latency");
  server.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

/** `npm start` on a fresh data directory until /health answers, against a bare `node -e ""`. */
async function benchReady(): Promise<void> {
  const bare = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ["-e", ""]).once("exit", resolve));
  const bareMs = performance.now() - bare;
  const dataDir = mkdtempSync(join(tmpdir(), "desk-ready-"));
  const port = await freePort();
  const started = performance.now();
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env: { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn" }, stdio: "ignore" });
  while (true) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  record("ready_ms", performance.now() - started, "ms", bareMs, "bare node process start");
  const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const bareRss = process.memoryUsage().rss / 1024 / 1024;
  record("rss_mb", rssKb / 1024, "MB", bareRss, "this bench process");
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
  console.error("bench: raw SQLite baseline…");
  const raw = rawSqliteBaseline();
  console.error("bench: intake and lookups…");
  await benchIntakeAndLookup(raw);
  console.error("bench: start-up…");
  await benchReady();
  const report = { at: new Date().toISOString(), node: process.version, cpus: cpus().length, results };
  console.table(results.map(({ name, value, unit, baseline, baselineName, ratio }) => ({ name, value, unit, baseline, baselineName, ratio })));
  if (out) writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
