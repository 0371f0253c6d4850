/**
 * Every few minutes: prune the update ledger, and record the survey scores whose comment never
 * came (the bot keeps a tapped score waiting for a comment, since the core takes a score and
 * its comment together). `tick` is one pass, callable on its own; `start` runs one pass now
 * and then one every `intervalMs`, logging failures and carrying on.
 */
import type { BotLogger, UpdateLedger } from "../../shared/types.ts";
import { maskError } from "../mask-error.ts";

export type HousekeepingOptions = {
  updates: Pick<UpdateLedger, "prune">;
  /** Records the scores waiting longer than their comment window (the dialog's `flushPendingSurveys`). */
  flushPendingSurveys: (now: Date) => Promise<unknown>;
  now: () => Date;
  logger: BotLogger;
  /** Handled update ids are kept this long; default 3. */
  updateRetentionDays?: number;
  /** Time between passes; default 5 minutes. */
  intervalMs?: number;
};

export type Housekeeping = {
  /** One pass; rejects with the first failure. */
  tick(): Promise<void>;
  /** One pass now (failures logged), then one every `intervalMs` until {@link stop}. */
  start(): Promise<void>;
  stop(): void;
};

export const DEFAULT_HOUSEKEEPING_INTERVAL_MS = 5 * 60_000;
const DAY_MS = 24 * 3600_000;

export function createHousekeeping(options: HousekeepingOptions): Housekeeping {
  const retentionDays = options.updateRetentionDays ?? 3;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function tick(): Promise<void> {
    const now = options.now();
    await options.updates.prune(new Date(now.getTime() - retentionDays * DAY_MS));
    await options.flushPendingSurveys(now);
  }

  const tickLogged = () => tick().catch((error: unknown) => options.logger.warn({ err: maskError(error) }, "telegram housekeeping failed"));

  return {
    tick,
    async start() {
      await tickLogged();
      if (timer) clearInterval(timer);
      timer = setInterval(() => void tickLogged(), options.intervalMs ?? DEFAULT_HOUSEKEEPING_INTERVAL_MS);
      // The loop alone never keeps the process alive.
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
