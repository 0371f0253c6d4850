import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, PROCESS_TIMEOUT_MS, stopProcess, waitForLine } from "../support/processes.ts";

/**
 * `WECHATY_PUPPET=wechaty-puppet-mock npm start`: the WeChat bot comes up beside the API and
 * shows in /health (the mock puppet never asks for a scan, so once started it says "not logged in"), with the
 * staff room configured and nothing refused at start.
 */
describe("npm start with WECHATY_PUPPET=wechaty-puppet-mock", { timeout: PROCESS_TIMEOUT_MS }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-start-wx-"));
  let child: ChildProcess;
  let base = "";
  let log = "";
  let stdout = "";

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: dataDir,
      WECHATY_PUPPET: "wechaty-puppet-mock",
      WECHAT_STAFF_ROOM: "售后服务群",
      WECHAT_ID: "desk-service",
    };
    child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      stdout += chunk.toString();
    });
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitForLine(/Service desk ready/, () => {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
      return stdout;
    });
  }, PROCESS_TIMEOUT_MS);

  afterAll(async () => {
    await stopProcess(child);
    rmSync(dataDir, { recursive: true, force: true });
  }, PROCESS_TIMEOUT_MS);

  it("shows the WeChat bot in /health and names WeChat in the start-up line", async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { ok: boolean; channels: Record<string, string> };
    expect(body.ok).toBe(true);
    expect(Object.keys(body.channels)).toEqual(["wechat"]);
    expect(["starting", "not logged in", "waiting for scan", "logged in"]).toContain(body.channels.wechat);
    const line = await waitForLine(/Service desk ready/, () => stdout);
    expect(line).toContain("WeChat ID desk-service");
  });

  it("shows the WeChat ID on the portal while the channel is on", async () => {
    const home = await (await fetch(`${base}/?lang=en`)).text();
    expect(home).toContain("desk-service");
  });

  it("stops cleanly on SIGTERM", async () => {
    const code = await stopProcess(child);
    expect(code).toBe(0);
  });
});
