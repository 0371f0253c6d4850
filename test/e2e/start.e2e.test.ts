import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, PROCESS_TIMEOUT_MS, stopProcess, waitForLine } from "../support/processes.ts";

/** A bounded poll (starting a process has no event to await from outside); a ceiling, not a delay. */
async function waitForHealth(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS - 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

describe("npm start on a fresh data directory", { timeout: PROCESS_TIMEOUT_MS }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-start-"));
  let child: ChildProcess;
  let base = "";
  let port = 0;
  let log = "";
  let stdout = "";

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Only what a user would set: a port and a data directory. No other configuration.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir };
    child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitForHealth(base, child, () => log);
  }, PROCESS_TIMEOUT_MS);

  afterAll(async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }, PROCESS_TIMEOUT_MS);

  it("prints one start-up line with the addresses and the channels; JSON lines when stdout is not a terminal", async () => {
    const line = await waitForLine(/Service desk ready/, () => stdout);
    const entry = JSON.parse(line) as { msg: string; portal: string; openapi: string };
    expect(entry.msg).toContain(`portal http://localhost:${port}/`);
    expect(entry.msg).toContain(`API http://localhost:${port}/api (reference http://localhost:${port}/api/openapi.json)`);
    expect(entry.msg).toContain("channels: web portal (off: Telegram, WeChat, SMS, e-mail)");
    expect(entry.msg).toContain(`database `);
    expect(entry.openapi).toBe(`http://localhost:${port}/api/openapi.json`);
    for (const text of stdout.trim().split("\n")) expect(() => JSON.parse(text), text).not.toThrow();
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
  });

  // One test, because stopping the process ends what the steps before it use.
  it("migrates, serves /health, creates and looks up a ticket over HTTP, and stops cleanly on SIGTERM", async () => {
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ ok: true });
    const created = await fetch(`${base}/api/tickets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Li Lei", phone: "13912345678", description: "插座冒烟，有焦味，跳闸了" }),
    });
    expect(created.status).toBe(201);
    const ticket = (await created.json()) as { number: string; urgency: string; dueAt: string };
    expect(ticket.number).toMatch(/^SR\d{8}0001$/);
    // The real classifier runs: smoke and a burning smell are urgent.
    expect(ticket.urgency).toBe("urgent");
    const lookup = await fetch(`${base}/api/tickets/${ticket.number}?phone=5678`);
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toMatchObject({ number: ticket.number, status: "new" });
    expect((await fetch(`${base}/api/tickets/${ticket.number}?phone=0000`)).status).toBe(404);

    expect(await stopProcess(child)).toBe(0);
  });
});
