import { afterEach, describe, expect, it, vi } from "vitest";
import { createBackgroundLoop } from "../../server/background-loop.ts";

/**
 * The loop under fake timers: time moves only when the test moves it, and
 * `advanceTimersByTimeAsync` lets the passes' promises settle on the way.
 */
afterEach(() => {
  vi.useRealTimers();
});

/** A pass the test finishes by hand (`finish()`), counting how often it ran and how many ran at once. */
function controlledPass() {
  const state = { started: 0, concurrent: 0, maxConcurrent: 0 };
  let finishers: (() => void)[] = [];
  const pass = () => {
    state.started++;
    state.concurrent++;
    state.maxConcurrent = Math.max(state.maxConcurrent, state.concurrent);
    return new Promise<void>((resolve) => {
      finishers.push(() => {
        state.concurrent--;
        resolve();
      });
    });
  };
  const finish = async () => {
    const pending = finishers;
    finishers = [];
    for (const done of pending) done();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { state, pass, finish };
}

describe("the background loop", () => {
  it("runs a pass on start, then one an interval after each pass ends, until stopped", async () => {
    vi.useFakeTimers();
    let passes = 0;
    const loop = createBackgroundLoop({ pass: async () => void passes++, intervalMs: 60_000, onError: () => undefined });
    expect(passes).toBe(0);

    loop.start();
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(passes).toBe(4);

    await loop.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(passes).toBe(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("never overlaps passes: the interval counts from the end of a slow pass", async () => {
    vi.useFakeTimers();
    const { state, pass, finish } = controlledPass();
    const loop = createBackgroundLoop({ pass, intervalMs: 1_000, onError: () => undefined });
    loop.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(state.started).toBe(1);
    await finish();
    await vi.advanceTimersByTimeAsync(999);
    expect(state.started).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.started).toBe(2);
    expect(state.maxConcurrent).toBe(1);
    await finish();
    await loop.stop();
  });

  it("runs a kicked pass at once, or right after the pass under way, and ignores kicks before start", async () => {
    vi.useFakeTimers();
    const { state, pass, finish } = controlledPass();
    const loop = createBackgroundLoop({ pass, intervalMs: 60_000, onError: () => undefined });
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.started).toBe(0);

    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    await finish();
    expect(state.started).toBe(1);
    // Idle: a kick does not wait for the interval.
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.started).toBe(2);
    // Busy: kicks are remembered (once) and the next pass follows this one without a pause.
    loop.kick();
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(state.started).toBe(2);
    await finish();
    expect(state.started).toBe(3);
    await finish();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(state.started).toBe(3);
    expect(state.maxConcurrent).toBe(1);
    await loop.stop();
  });

  it("goes again at once while a pass reports more work waiting", async () => {
    vi.useFakeTimers();
    const backlog = [50, 50, 7];
    const taken: number[] = [];
    const loop = createBackgroundLoop({
      pass: async () => {
        const batch = backlog.shift() ?? 0;
        taken.push(batch);
        return batch;
      },
      intervalMs: 60_000,
      hasMore: (batch) => batch >= 50,
      onError: () => undefined,
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(taken).toEqual([50, 50, 7]);
    // A partial batch: the next pass waits for the interval.
    await vi.advanceTimersByTimeAsync(59_000);
    expect(taken).toEqual([50, 50, 7]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(taken).toEqual([50, 50, 7, 0]);
    await loop.stop();
  });

  it("reports a failed pass and carries on at the usual pace", async () => {
    vi.useFakeTimers();
    let failures = 2;
    let passes = 0;
    const errors: unknown[] = [];
    const loop = createBackgroundLoop({
      pass: async () => {
        if (failures-- > 0) throw new Error("database is locked");
        passes++;
      },
      intervalMs: 1_000,
      onError: (error) => errors.push(error),
    });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(1);
    expect(errors.map((error) => (error as Error).message)).toEqual(["database is locked", "database is locked"]);
    await loop.stop();
  });

  it("waits on stop for the pass under way, and starts no other", async () => {
    vi.useFakeTimers();
    const { state, pass, finish } = controlledPass();
    const loop = createBackgroundLoop({ pass, intervalMs: 1_000, onError: () => undefined });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    let isStopped = false;
    const stopping = loop.stop().then(() => {
      isStopped = true;
    });
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(isStopped).toBe(false);
    await finish();
    await stopping;
    expect(isStopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state.started).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
