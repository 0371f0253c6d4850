import { afterEach, describe, expect, it, vi } from "vitest";
import { createHousekeeping, DEFAULT_HOUSEKEEPING_INTERVAL_MS } from "../../../bot/telegram/features/housekeeping.ts";
import { createMemoryBotStores, silentLogger } from "../support/memory-bot-stores.ts";

const NOW = new Date("2025-03-10T08:00:00Z");
const DAY = 24 * 3600_000;

function setup(options: { intervalMs?: number; updateRetentionDays?: number; failFlush?: () => boolean } = {}) {
  const stores = createMemoryBotStores();
  const flushedAt: Date[] = [];
  const logs: { level: string; object: object; message?: string }[] = [];
  const housekeeping = createHousekeeping({
    updates: stores.updates,
    flushPendingSurveys: async (now) => {
      if (options.failFlush?.()) throw new Error("database is locked");
      flushedAt.push(now);
      return 0;
    },
    now: () => NOW,
    logger: silentLogger(logs),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.updateRetentionDays !== undefined ? { updateRetentionDays: options.updateRetentionDays } : {}),
  });
  return { stores, flushedAt, logs, housekeeping };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Telegram housekeeping: one pass", () => {
  it("forgets handled update ids older than the retention and records the survey scores due now", async () => {
    const { stores, flushedAt, housekeeping } = setup({ updateRetentionDays: 2 });
    await stores.updates.markHandled("telegram", "old", new Date(NOW.getTime() - 2 * DAY - 1));
    await stores.updates.markHandled("telegram", "recent", new Date(NOW.getTime() - 2 * DAY + 60_000));

    await housekeeping.tick();

    expect(await stores.updates.isHandled("telegram", "old")).toBe(false);
    expect(await stores.updates.isHandled("telegram", "recent")).toBe(true);
    expect(flushedAt).toEqual([NOW]);
  });

  it("keeps handled update ids three days by default", async () => {
    const { stores, housekeeping } = setup();
    await stores.updates.markHandled("telegram", "four days", new Date(NOW.getTime() - 4 * DAY));
    await stores.updates.markHandled("telegram", "two days", new Date(NOW.getTime() - 2 * DAY));
    await housekeeping.tick();
    expect(await stores.updates.isHandled("telegram", "four days")).toBe(false);
    expect(await stores.updates.isHandled("telegram", "two days")).toBe(true);
  });

  it("rejects with the failure when called directly", async () => {
    const { housekeeping } = setup({ failFlush: () => true });
    await expect(housekeeping.tick()).rejects.toThrow("database is locked");
  });
});

describe("Telegram housekeeping: the loop", () => {
  it("runs one pass on start, then one every interval until stopped", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { flushedAt, housekeeping } = setup({ intervalMs: 60_000 });

    await housekeeping.start();
    expect(flushedAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(flushedAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushedAt).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(flushedAt).toHaveLength(4);

    housekeeping.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(flushedAt).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes every five minutes by default", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { flushedAt, housekeeping } = setup();
    await housekeeping.start();
    await vi.advanceTimersByTimeAsync(DEFAULT_HOUSEKEEPING_INTERVAL_MS);
    expect(DEFAULT_HOUSEKEEPING_INTERVAL_MS).toBe(5 * 60_000);
    expect(flushedAt).toHaveLength(2);
    housekeeping.stop();
  });

  it("logs a failed pass and carries on with the next", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let failures = 2;
    const { flushedAt, logs, housekeeping } = setup({ intervalMs: 1_000, failFlush: () => failures-- > 0 });

    await housekeeping.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushedAt).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushedAt).toHaveLength(1);
    expect(logs.filter((entry) => entry.message === "telegram housekeeping failed")).toEqual([
      { level: "warn", object: { err: { message: "database is locked" } }, message: "telegram housekeeping failed" },
      { level: "warn", object: { err: { message: "database is locked" } }, message: "telegram housekeeping failed" },
    ]);
    housekeeping.stop();
  });
});
