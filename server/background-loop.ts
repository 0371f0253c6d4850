/**
 * The process's one way of repeating background work (outbox delivery, the scheduler, the
 * Telegram adapter's housekeeping): a pass runs at start, then `intervalMs` after the previous
 * one ended. Passes never overlap. `kick()` asks for a pass now; a kick that comes during a pass
 * makes the next one start as soon as it ends, so work enqueued meanwhile does not wait a whole
 * interval. A pass that fails is reported to `onError` and the loop carries on. `stop()` ends
 * the loop and waits for a pass under way. Its timers never keep the process alive alone.
 */
export type BackgroundLoop = {
  /** Runs a pass now, then keeps going; a second call does nothing. */
  start(): void;
  /** A pass as soon as possible (after the one under way, if any); ignored unless started. */
  kick(): void;
  /** No more passes; resolves once the pass under way (if any) has ended. */
  stop(): Promise<void>;
};

export type BackgroundLoopOptions<T> = {
  /** One pass of the work; what it returns is given to `hasMore`. */
  pass: () => Promise<T>;
  /** The pause between the end of a pass and the start of the next. */
  intervalMs: number;
  /** True when the pass left work it could have done at once (a full batch): the next pass follows without a pause. */
  hasMore?: (result: T) => boolean;
  /** A pass failed (the loop goes on at the usual pace). */
  onError: (error: unknown) => void;
};

export function createBackgroundLoop<T>(options: BackgroundLoopOptions<T>): BackgroundLoop {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let isStarted = false;
  let isKicked = false;

  function schedule(delayMs: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref?.();
  }

  /** One pass; true when the next should follow at once. */
  async function passOnce(): Promise<boolean> {
    try {
      const result = await options.pass();
      return options.hasMore?.(result) ?? false;
    } catch (error) {
      options.onError(error);
      return false;
    }
  }

  function run(): void {
    timer = undefined;
    isKicked = false;
    const current = passOnce().then((hasMore) => {
      running = undefined;
      if (isStarted) schedule(hasMore || isKicked ? 0 : options.intervalMs);
    });
    running = current;
  }

  return {
    start() {
      if (isStarted) return;
      isStarted = true;
      // Restarted before a pass of the last run ended: the next pass follows that one.
      if (running) isKicked = true;
      else schedule(0);
    },
    kick() {
      if (!isStarted) return;
      if (running) {
        isKicked = true;
        return;
      }
      schedule(0);
    },
    async stop() {
      isStarted = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
