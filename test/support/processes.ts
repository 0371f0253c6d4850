import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A free port on loopback, found by letting the OS pick one. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Sends SIGTERM to a still-running child and waits for it to exit; resolves with its exit code. */
export async function stopProcess(child: ChildProcess | undefined): Promise<number | null> {
  if (!child || child.exitCode !== null) return child?.exitCode ?? null;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

/**
 * Per-test and per-hook timeout for tests that spawn `npm start`, start servers or drive
 * Chromium: generous, because on a loaded 2-core machine a cold start alone can take most
 * of a minute. A passing test never waits for it.
 */
export const PROCESS_TIMEOUT_MS = 120_000;

/** Waits until a process's output holds a line matching `pattern` and returns it (a bounded poll: output has no event to await per line). */
export async function waitForLine(pattern: RegExp, output: () => string): Promise<string> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS - 10_000;
  while (Date.now() < deadline) {
    const line = output().split("\n").find((candidate) => pattern.test(candidate));
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no line matching ${pattern} in:\n${output()}`);
}
