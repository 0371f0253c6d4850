/**
 * Keeps a chat channel up: starts it, and when the start fails or its updates stop later
 * (long polling ended by an error), reports it and tries again after a growing pause (1 s,
 * 2 s, 4 s … at most 5 min; back to 1 s after a successful start). Its state is what
 * `/health` shows: `starting`, then the channel's mode (`polling`, `webhook`), or
 * `down: <reason>` while it waits to retry. The pause is injectable (`wait`), so tests never
 * wait on the clock.
 */
import type { Logger } from "./logger.ts";

export type SupervisedChannel = {
  /** Resolves once the channel receives updates, with `ended`, which rejects if it stops by itself. */
  start(): Promise<{ ended: Promise<void> }>;
  stop(): Promise<void>;
};

export type Backoff = { initialMs: number; maxMs: number };
export const CHANNEL_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 5 * 60_000 };

export type ChannelSupervisorOptions = {
  name: string;
  channel: SupervisedChannel;
  /** The state once up (`polling` or `webhook`). */
  mode: () => string;
  /** A failure in words for `/health` and the log (phone-like digits masked by the caller). */
  describe: (error: unknown) => string;
  logger: Logger;
  /** Called after each successful start (e.g. to learn the bot's username). */
  onUp?: () => void;
  backoff?: Backoff;
  /** Waits `ms` or until `signal` aborts; default a timer. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
};

export type ChannelSupervisor = {
  state(): string;
  start(): void;
  /** Settles once the first attempt is up or has failed. */
  firstAttempt(): Promise<void>;
  stop(): Promise<void>;
};

/** The pause before retry number `attempt` (1-based): doubling from `initialMs`, at most `maxMs`. */
export function retryDelay(backoff: Backoff, attempt: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempt - 1, 30));
}

export function timerWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // Aborted already (stop() came while the channel was being stopped): an abort listener would never fire.
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref();
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

export function superviseChannel(options: ChannelSupervisorOptions): ChannelSupervisor {
  const backoff = options.backoff ?? CHANNEL_BACKOFF;
  const wait = options.wait ?? timerWait;
  const logger = options.logger;
  const stopping = new AbortController();
  let state = "starting";
  let loop: Promise<void> | undefined;
  let markFirst = () => {};
  const first = new Promise<void>((resolve) => (markFirst = resolve));

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let ended: Promise<void>;
      try {
        ({ ended } = await options.channel.start());
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures++;
        const reason = options.describe(error);
        state = `down: ${reason}`;
        const delayMs = retryDelay(backoff, failures);
        logger.error({ channel: options.name, reason, attempt: failures, retryInMs: delayMs }, `${options.name} could not start; retrying`);
        markFirst();
        await wait(delayMs, stopping.signal);
        continue;
      }
      if (stopping.signal.aborted) {
        // stop() came while this start was under way: undo it.
        await options.channel.stop().catch(() => undefined);
        return;
      }
      if (failures > 0) logger.info({ channel: options.name, attempts: failures + 1 }, `${options.name} is up again`);
      failures = 0;
      state = options.mode();
      options.onUp?.();
      markFirst();
      try {
        await ended;
        return; // stopped by stop()
      } catch (error) {
        if (stopping.signal.aborted) return;
        failures++;
        const reason = options.describe(error);
        state = `down: ${reason}`;
        const delayMs = retryDelay(backoff, failures);
        logger.error({ channel: options.name, reason, retryInMs: delayMs }, `${options.name} stopped receiving updates; restarting`);
        // Whatever is left of the stopped receiver is cleaned up before the next start.
        await options.channel.stop().catch(() => undefined);
        if (stopping.signal.aborted) return;
        await wait(delayMs, stopping.signal);
      }
    }
  }

  return {
    state: () => state,
    start() {
      loop ??= run();
    },
    firstAttempt: () => first,
    async stop() {
      stopping.abort();
      markFirst();
      await options.channel.stop().catch((error: unknown) => logger.warn({ channel: options.name, err: options.describe(error) }, `${options.name} did not stop cleanly`));
      await loop;
    },
  };
}
