import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runBackupCommand, runRestoreCommand, uploadsFolderFor } from "../../scripts/backup.ts";
import { composeDesk, type Desk } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/logger.ts";
import { testClassify } from "../portal/support.ts";

const scratch: string[] = [];
const desks: Desk[] = [];
afterAll(async () => {
  for (const desk of desks) await desk.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "backup-cli-"));
  scratch.push(dir);
  return dir;
}

/** A DATA_DIR holding a migrated database, as `npm start` leaves it. */
function dataDirWithDatabase(): string {
  const dir = emptyDir();
  copyFileSync(inject("templateDatabase"), join(dir, "app.db"));
  return dir;
}

const FIXED_NOW = () => new Date("2026-12-02T10:15:00Z");

async function deskFor(dataDir: string): Promise<Desk> {
  const desk = await composeDesk({
    config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PUBLIC_RATE_LIMIT: "off" }),
    logger: createLogger("silent"),
    classify: testClassify,
    clock: { now: FIXED_NOW },
    portal: { build: "never" },
  });
  desks.push(desk);
  return desk;
}

async function report(desk: Desk, i: number): Promise<string> {
  const phone = `1380013${String(i).padStart(4, "0")}`;
  const response = await desk.app.request("/api/tickets", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "王芳", phone, description: `洗衣机不脱水，显示 E${i}`, product: "小天鹅 TG100" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { number: string }).number;
}

async function lookup(desk: Desk, number: string, i: number): Promise<number> {
  return (await desk.app.request(`/api/tickets/${number}?phone=${String(i).padStart(4, "0")}`)).status;
}

describe("npm run backup / npm run restore", () => {
  it("copies the database while the desk writes, and a desk on the restored copy serves its tickets and photos", async () => {
    const dataDir = dataDirWithDatabase();
    const desk = await deskFor(dataDir);
    const before = await Promise.all([1, 2, 3].map((i) => report(desk, i)));
    mkdirSync(join(dataDir, "uploads", "2026", "12"), { recursive: true });
    writeFileSync(join(dataDir, "uploads", "2026", "12", "photo.jpg"), "jpeg bytes");

    // Reports keep arriving while the backup runs.
    const [result, during] = await Promise.all([
      runBackupCommand([], { DATA_DIR: dataDir }, FIXED_NOW),
      Promise.all([4, 5, 6, 7, 8].map((i) => report(desk, i))),
    ]);
    expect(result.stderr).toEqual([]);
    expect(result.exitCode).toBe(0);
    const backupFile = join(dataDir, "backups", "desk-2026-12-02T10-15-00Z.db");
    expect(result.stdout.join("\n")).toContain(`backed up to ${backupFile}`);
    expect(readFileSync(join(uploadsFolderFor(backupFile), "2026", "12", "photo.jpg"), "utf8")).toBe("jpeg bytes");

    // A second backup with the same name is refused, never overwritten.
    expect((await runBackupCommand([], { DATA_DIR: dataDir }, FIXED_NOW)).exitCode).toBe(1);

    const fresh = emptyDir();
    const restored = await runRestoreCommand([backupFile], { DATA_DIR: fresh });
    expect(restored.stderr).toEqual([]);
    expect(restored.exitCode).toBe(0);
    expect(readFileSync(join(fresh, "uploads", "2026", "12", "photo.jpg"), "utf8")).toBe("jpeg bytes");

    const restoredDesk = await deskFor(fresh);
    for (const [index, number] of before.entries()) expect(await lookup(restoredDesk, number, index + 1)).toBe(200);
    // Each report made during the backup is either wholly in the copy or not at all, and the desk still works.
    for (const [index, number] of during.entries()) expect([200, 404]).toContain(await lookup(restoredDesk, number, index + 4));
    const next = await report(restoredDesk, 9);
    expect(await lookup(restoredDesk, next, 9)).toBe(200);
  });

  it("refuses to restore over a running desk, and keeps the old database when it does restore", async () => {
    const source = dataDirWithDatabase();
    const sourceDesk = await deskFor(source);
    const number = await report(sourceDesk, 1);
    const backupFile = join(emptyDir(), "nightly.db");
    expect((await runBackupCommand([backupFile], { DATA_DIR: source })).exitCode).toBe(0);

    const target = dataDirWithDatabase();
    const running = await deskFor(target);
    const refused = await runRestoreCommand([backupFile], { DATA_DIR: target });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.join("\n")).toContain("Stop the desk first");
    expect(existsSync(join(target, "app.db.before-restore"))).toBe(false);

    await running.close();
    const done = await runRestoreCommand([backupFile], { DATA_DIR: target });
    expect(done.stderr).toEqual([]);
    expect(done.exitCode).toBe(0);
    expect(existsSync(join(target, "app.db.before-restore"))).toBe(true);
    const restoredDesk = await deskFor(target);
    expect(await lookup(restoredDesk, number, 1)).toBe(200);
  });

  it("refuses a file that is not a desk database and changes nothing", async () => {
    const target = dataDirWithDatabase();
    const junk = join(emptyDir(), "junk.db");
    writeFileSync(junk, "not a database at all");
    const result = await runRestoreCommand([junk], { DATA_DIR: target });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.join("\n")).toContain("is not a desk backup");
    expect(existsSync(join(target, "app.db.before-restore"))).toBe(false);

    expect((await runRestoreCommand([], { DATA_DIR: target })).exitCode).toBe(2);
  });
});
