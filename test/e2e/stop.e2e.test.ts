import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, PROCESS_TIMEOUT_MS, waitForLine } from "../support/processes.ts";

/**
 * `npm start` runs the server under `sh -c`; a signal npm forwards must reach the server itself
 * (package.json's `exec`), or the shell dies and leaves the server running without its parent.
 */
describe.each(["SIGTERM", "SIGINT"] as const)("%s to npm start", { timeout: PROCESS_TIMEOUT_MS }, (signal) => {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-stop-"));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stops the server: the port closes and npm exits with 0", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir };
    child = spawn("npm", ["start", "--silent"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    await waitForLine(/Service desk ready/, () => log);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    child.kill(signal);
    expect(await exited).toBe(0);
    await waitForLine(/shutting down/, () => log);
    // Nothing listens any more (before the fix the orphaned server kept answering).
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
