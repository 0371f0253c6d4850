import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, PROCESS_TIMEOUT_MS, stopProcess, waitForLine } from "../support/processes.ts";
import type { TelegramErrorBody } from "../support/telegram/errors.ts";
import { startFakeBotApi, type FakeBotApi } from "../support/telegram/fake-bot-api.ts";

/**
 * `npm start` with only the three Telegram settings of the README, against a Bot API
 * server of our own (the fake, over HTTP): the process bootstraps, polls, answers a
 * customer and posts new tickets to the staff group through the outbox.
 */
describe("npm start with a Telegram bot", { timeout: PROCESS_TIMEOUT_MS }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-start-tg-"));
  let api: FakeBotApi;
  let child: ChildProcess;
  let base = "";
  let log = "";
  const staffChatId = -1001234567890;

  beforeAll(async () => {
    api = await startFakeBotApi();
    api.supergroup({ id: staffChatId, title: "售后服务台" });
    // A Bot API that answers setMyCommands with a bare HTTP 500 (no description) must not keep the bot from polling.
    api.failNext("setMyCommands", { error_code: 500 } as TelegramErrorBody, { times: Infinity });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: "123456:TEST-TOKEN",
      TELEGRAM_API_ROOT: api.apiRoot,
      TELEGRAM_STAFF_CHAT_ID: String(staffChatId),
    };
    child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await api.waitForCall("getUpdates", { timeoutMs: PROCESS_TIMEOUT_MS - 10_000 }).catch((error: unknown) => {
      throw new Error(`the bot never polled: ${String(error)}\n${log}`);
    });
  }, PROCESS_TIMEOUT_MS);

  afterAll(async () => {
    await stopProcess(child);
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, PROCESS_TIMEOUT_MS);

  it("reports the bot's state in /health", async () => {
    await waitForLine(/Service desk ready/, () => log);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, channels: { telegram: "polling" } });
  });

  it("names the bot by the username Telegram gave (getMe) in the start-up line and on the portal", async () => {
    const line = await waitForLine(/Service desk ready/, () => log);
    const username = api.botUser().username;
    expect(line).toContain(`Telegram @${username} (https://t.me/${username})`);
    const home = await (await fetch(`${base}/?lang=en`)).text();
    expect(home).toContain(`href="https://t.me/${username}"`);
  });

  it("answers a customer's /start in their language and posts a new ticket to the staff group", async () => {
    const customer = api.user({ first_name: "芳", language_code: "zh-hans" });
    api.sendText(customer, api.privateChat(customer), "/start");
    const menu = await api.waitForSent({ chatId: customer.id }, { timeoutMs: 60_000 });
    expect(menu.text).toContain("售后服务");

    const created = await fetch(`${base}/api/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Li Lei", phone: "13912345678", description: "The fridge is warm and makes a clicking noise" }),
    });
    const { number } = (await created.json()) as { number: string };
    const post = await api.waitForSent({ chatId: staffChatId, text: number }, { timeoutMs: 60_000 });
    expect(post.text).toContain("新工单");
  });
});
