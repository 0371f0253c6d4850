import { vi } from "vitest";

// Captured before any test fakes the timers: the real macrotask that lets sockets and SQLite make progress.
const realSetTimeout = globalThis.setTimeout;
const realTurn = () => new Promise<void>((resolve) => realSetTimeout(resolve, 1));

/**
 * Runs `action` with `setTimeout` and `Date` faked, moving the fake clock forward in small
 * steps (one real millisecond of I/O per step) until the action settles. Code that sleeps
 * inside a library (grammY's auto-retry pauses for a 429's `retry_after`) then costs no real
 * time, while `Date.now()` differences still show how long it waited. Fake time runs at most
 * `stepMs` times faster than real time, so real I/O under way is never timed out by a jump.
 */
export async function withFakeTime<T>(action: () => Promise<T>, options: { stepMs?: number; limitMs?: number } = {}): Promise<T> {
  const stepMs = options.stepMs ?? 20;
  const limitMs = options.limitMs ?? 10 * 60_000;
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  try {
    let isSettled = false;
    const running = action().finally(() => {
      isSettled = true;
    });
    // Observed below; without this an early rejection would be reported as unhandled.
    running.catch(() => undefined);
    for (let elapsed = 0; !isSettled; elapsed += stepMs) {
      if (elapsed > limitMs) throw new Error(`still running after ${limitMs} ms of fake time`);
      await realTurn();
      await vi.advanceTimersByTimeAsync(stepMs);
    }
    return await running;
  } finally {
    vi.useRealTimers();
  }
}
