import { afterEach, describe, expect, it, vi } from "vitest";
import { createHousekeeping } from "../../../bot/telegram/features/housekeeping.ts";
import { captureLogs } from "../../support/capture-logs.ts";
import { TELEGRAM_HOUSEKEEPING_INTERVAL_MS, telegramHousekeeping } from "../../../server/telegram.ts";
import { createMemoryBotStores } from "../support/memory-bot-stores.ts";

const NOW = new Date("2025-03-10T08:00:00Z");
const DAY = 24 * 3600_000;

function setup(options: { updateRetentionDays?: number; failPrune?: () => boolean } = {}) {
  const stores = createMemoryBotStores();
  const prunedBefore: Date[] = [];
  const housekeeping = createHousekeeping({
    updates: {
      async prune(before) {
        if (options.failPrune?.()) throw new Error("database is locked");
        prunedBefore.push(before);
        return stores.updates.prune(before);
      },
    },
    now: () => NOW,
    ...(options.updateRetentionDays !== undefined ? { updateRetentionDays: options.updateRetentionDays } : {}),
  });
  return { stores, prunedBefore, housekeeping };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Telegram housekeeping: one pass", () => {
  it("forgets handled update ids older than the retention", async () => {
    const { stores, housekeeping } = setup({ updateRetentionDays: 2 });
    await stores.updates.markHandled("telegram", "old", new Date(NOW.getTime() - 2 * DAY - 1));
    await stores.updates.markHandled("telegram", "recent", new Date(NOW.getTime() - 2 * DAY + 60_000));

    await housekeeping.tick();

    expect(await stores.updates.isHandled("telegram", "old")).toBe(false);
    expect(await stores.updates.isHandled("telegram", "recent")).toBe(true);
  });

  it("keeps handled update ids three days by default", async () => {
    const { stores, housekeeping } = setup();
    await stores.updates.markHandled("telegram", "four days", new Date(NOW.getTime() - 4 * DAY));
    await stores.updates.markHandled("telegram", "two days", new Date(NOW.getTime() - 2 * DAY));
    await housekeeping.tick();
    expect(await stores.updates.isHandled("telegram", "four days")).toBe(false);
    expect(await stores.updates.isHandled("telegram", "two days")).toBe(true);
  });

  it("rejects with the failure", async () => {
    const { housekeeping } = setup({ failPrune: () => true });
    await expect(housekeeping.tick()).rejects.toThrow("database is locked");
  });
});

describe("Telegram housekeeping: the process runs it", () => {
  const capture = () => captureLogs();

  it("passes on start and every five minutes, logs a failed pass and carries on, and stops", async () => {
    vi.useFakeTimers();
    let failures = 1;
    const { prunedBefore, housekeeping } = setup({ failPrune: () => failures-- > 0 });
    const { logger, entries } = capture();
    const loop = telegramHousekeeping({ housekeeping: housekeeping.tick }, logger);
    expect(TELEGRAM_HOUSEKEEPING_INTERVAL_MS).toBe(5 * 60_000);

    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(prunedBefore).toHaveLength(0);
    expect(entries()).toEqual([expect.objectContaining({ level: 40, msg: "telegram housekeeping failed", err: expect.objectContaining({ message: "database is locked" }) })]);
    await vi.advanceTimersByTimeAsync(TELEGRAM_HOUSEKEEPING_INTERVAL_MS);
    expect(prunedBefore).toEqual([new Date(NOW.getTime() - 3 * DAY)]);
    await vi.advanceTimersByTimeAsync(TELEGRAM_HOUSEKEEPING_INTERVAL_MS);
    expect(prunedBefore).toHaveLength(2);

    await loop.stop();
    await vi.advanceTimersByTimeAsync(10 * TELEGRAM_HOUSEKEEPING_INTERVAL_MS);
    expect(prunedBefore).toHaveLength(2);
  });
});
