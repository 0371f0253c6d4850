import Sqlite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { probeDatabaseWrite } from "../../server/health.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function desk() {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  return built;
}

describe("the /health write probe", () => {
  it("fails while another connection holds the write lock (reads still work), and recovers once it is released", async () => {
    const built = await desk();
    expect(await probeDatabaseWrite(built.db)).toBe(true);
    const other = new Sqlite(built.url.replace(/^file:/, ""), { timeout: 0 });
    cleanups.push(() => void other.close());
    other.exec("BEGIN IMMEDIATE");
    // SELECT 1 would still answer: the old check stayed green here.
    expect(await built.db.$queryRawUnsafe("SELECT 1")).toBeDefined();
    expect(await probeDatabaseWrite(built.db, 100)).toBe(false);
    other.exec("ROLLBACK");
    expect(await probeDatabaseWrite(built.db)).toBe(true);
  });

  it("answers 503 with ok false while the database cannot write, and shows each channel's state", async () => {
    const built = await desk();
    let writable = false;
    const app = createApp({
      core: built.core,
      logger: createLogger("silent"),
      checkDatabase: async () => writable,
      channels: () => ({ telegram: "down: Call to 'setMyCommands' failed!" }),
      rateLimit: null,
    });
    const down = await app.request("/health");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, database: "cannot write", channels: { telegram: "down: Call to 'setMyCommands' failed!" } });
    writable = true;
    const up = await app.request("/health");
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ ok: true, channels: { telegram: expect.any(String) as unknown } });
  });
});
