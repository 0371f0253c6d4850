/**
 * Paces everything the bot account sends: at least `intervalMs` between two messages, one
 * message at a time, in the order they were asked for. Bursts from a personal account are
 * what gets it restricted or banned. Time is injected (`clock`), so tests show the gaps with
 * a fake clock instead of waiting.
 */
export type PacingClock = {
  /** Milliseconds, e.g. `Date.now()`. */
  now(): number;
  sleep(ms: number): Promise<void>;
};

export const DEFAULT_SEND_INTERVAL_MS = 1_000;

export const realPacingClock: PacingClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type Pacer = {
  /** Runs `send` once at least `intervalMs` have passed since the previous send started. */
  run<T>(send: () => Promise<T>): Promise<T>;
};

export function createPacer(options: { intervalMs?: number; clock?: PacingClock } = {}): Pacer {
  const intervalMs = options.intervalMs ?? DEFAULT_SEND_INTERVAL_MS;
  const clock = options.clock ?? realPacingClock;
  let lastSentAt: number | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(send: () => Promise<T>): Promise<T> {
      const turn = tail.then(async () => {
        if (lastSentAt !== undefined) {
          const wait = lastSentAt + intervalMs - clock.now();
          if (wait > 0) await clock.sleep(wait);
        }
        lastSentAt = clock.now();
        return send();
      });
      // A failed send does not stop the ones queued after it.
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
