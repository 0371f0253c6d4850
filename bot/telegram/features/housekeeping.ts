/**
 * The Telegram adapter's own upkeep: handled update ids are kept a few days (long enough to
 * recognise a redelivery), then pruned. `tick` is one pass; the bot owns no timer, the
 * composition root runs the pass every few minutes (server/telegram.ts) and logs a failure.
 */
import type { UpdateLedger } from "../../shared/types.ts";

export type HousekeepingOptions = {
  updates: Pick<UpdateLedger, "prune">;
  now: () => Date;
  /** Handled update ids are kept this long; default 3. */
  updateRetentionDays?: number;
};

export type Housekeeping = {
  /** One pass; rejects with the first failure. */
  tick(): Promise<void>;
};

const DAY_MS = 24 * 3600_000;

export function createHousekeeping(options: HousekeepingOptions): Housekeeping {
  const retentionDays = options.updateRetentionDays ?? 3;
  return {
    async tick() {
      const now = options.now();
      await options.updates.prune(new Date(now.getTime() - retentionDays * DAY_MS));
    },
  };
}
