import { afterEach, describe, expect, it } from "vitest";
import { retryDelay, CHANNEL_BACKOFF, timerWait } from "../../server/channel-supervisor.ts";
import { composeDesk, type Desk } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { createLogger } from "../../server/logger.ts";
import { startFakeBotApi, TelegramErrors, type FakeBotApi } from "../support/telegram/fake-bot-api.ts";
import { createTempDatabase } from "../support/temp-database.ts";
import { testClassify } from "../portal/support.ts";

/**
 * A pause the test releases: the supervisor's backoff waits here instead of on the clock. Each
 * wait is recorded with its length; `next()` resolves once the supervisor is waiting.
 */
function heldWaits() {
  const delays: number[] = [];
  let release: (() => void) | undefined;
  let onWaiting: (() => void) | undefined;
  return {
    delays,
    wait(ms: number, signal: AbortSignal): Promise<void> {
      delays.push(ms);
      return new Promise<void>((resolve) => {
        release = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
        onWaiting?.();
      });
    },
    /** Resolves once the supervisor waits (again). */
    waiting(): Promise<void> {
      if (release) return Promise.resolve();
      return new Promise((resolve) => (onWaiting = resolve));
    },
    release() {
      const go = release;
      release = undefined;
      onWaiting = undefined;
      go?.();
    },
  };
}

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function deskWithTelegram(api: FakeBotApi, waits: ReturnType<typeof heldWaits>): Promise<Desk> {
  const database = await createTempDatabase();
  const config = loadConfig({
    DATA_DIR: database.dir,
    DATABASE_URL: database.url,
    APP_SECRET: "channel-test-secret-0123456789",
    LOG_LEVEL: "silent",
    TELEGRAM_BOT_TOKEN: "123456:TEST-TOKEN",
    TELEGRAM_API_ROOT: api.apiRoot,
  });
  const desk = await composeDesk({ config, logger: createLogger("silent"), classify: testClassify, portal: { build: "never" }, channelRetry: { wait: waits.wait } });
  cleanups.push(async () => {
    await desk.close();
    await database.cleanup();
  });
  return desk;
}

async function telegramState(desk: Desk): Promise<unknown> {
  const response = await desk.app.request("/health");
  return ((await response.json()) as { channels?: { telegram?: unknown } }).channels?.telegram;
}

describe("the retry pause", () => {
  it("doubles from 1 s and stops growing at 5 minutes", () => {
    expect([1, 2, 3, 4, 9, 10, 40].map((attempt) => retryDelay(CHANNEL_BACKOFF, attempt))).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000]);
  });
});

describe("a Telegram bot whose Bot API is down", () => {
  it("is down in /health while retried with backoff, polls once the API is back and answers a customer", async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    api.failNext("getMe", TelegramErrors.internalServerError(), { times: Infinity });
    const waits = heldWaits();
    const desk = await deskWithTelegram(api, waits);

    desk.start();
    await desk.botsStarted();
    await waits.waiting();
    expect(await telegramState(desk)).toMatch(/^down: .*Internal Server Error/);
    // Still down: the next attempt fails too, and waits longer.
    waits.release();
    await waits.waiting();
    expect(waits.delays).toEqual([1_000, 2_000]);
    expect(api.callsOf("getMe").length).toBe(2);

    // getMe answers again, deleteWebhook (the start of long polling) not yet.
    api.clearFailures();
    api.failNext("deleteWebhook", TelegramErrors.badGateway());
    waits.release();
    await waits.waiting();
    expect(await telegramState(desk)).toMatch(/^down: .*Bad Gateway/);
    expect(waits.delays).toEqual([1_000, 2_000, 4_000]);

    waits.release();
    await api.waitForCall("getUpdates");
    expect(await telegramState(desk)).toBe("polling");

    const user = api.user({ first_name: "Li", language_code: "en" });
    const chat = api.privateChat(user);
    const since = api.sent().length;
    await api.waitUntilConfirmed(api.sendText(user, chat, "/help"));
    expect(api.sent().slice(since).length).toBeGreaterThan(0);
  });

  it("reports polling that stops by itself (409 Conflict) and starts it again", async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const waits = heldWaits();
    const desk = await deskWithTelegram(api, waits);
    desk.start();
    await desk.botsStarted();
    expect(await telegramState(desk)).toBe("polling");

    // Another process polls with the same token: grammY gives up on 409.
    api.failNext("getUpdates", TelegramErrors.conflict());
    await waits.waiting();
    expect(await telegramState(desk)).toMatch(/^down: .*(terminated by other getUpdates|Conflict)/);

    const polls = api.callsOf("getUpdates").length;
    waits.release();
    await api.waitForCall("getUpdates", { since: api.calls.length });
    expect(api.callsOf("getUpdates").length).toBeGreaterThan(polls);
    expect(await telegramState(desk)).toBe("polling");
    const user = api.user({ first_name: "Wang", language_code: "zh-hans" });
    const since = api.sent().length;
    await api.waitUntilConfirmed(api.sendText(user, api.privateChat(user), "/help"));
    expect(api.sent().slice(since).length).toBeGreaterThan(0);
  });
});

describe("the pause between retries", () => {
  it("ends at once when the desk is already stopping (no 5-minute wait at shutdown)", async () => {
    const stopping = new AbortController();
    stopping.abort();
    // A pause of a whole day: only the aborted signal can end it within the test.
    await expect(timerWait(24 * 3600_000, stopping.signal)).resolves.toBeUndefined();
  });

  it("ends when the desk stops during it", async () => {
    const stopping = new AbortController();
    const pause = timerWait(24 * 3600_000, stopping.signal);
    stopping.abort();
    await expect(pause).resolves.toBeUndefined();
  });
});
