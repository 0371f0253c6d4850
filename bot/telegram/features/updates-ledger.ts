/**
 * Each update once. An update is recorded as handled only when its handling finished: a
 * failure or a crash in the middle leaves it unrecorded, so its redelivery is processed again
 * (at least once: intake is idempotent, and a repeated step is answered like a stale one).
 * Hence two halves: the check runs before everything else, the record innermost, inside the
 * error boundary, where a failure still propagates to it.
 */
import { Composer, type Context, type MiddlewareFn } from "grammy";
import type { BotLogger, UpdateLedger } from "../../shared/types.ts";
import { maskError } from "../mask-error.ts";

type LedgerDeps = { updates: UpdateLedger; now: () => Date; logger: BotLogger };

/** Skips an update already handled to the end (a redelivery). */
export function skipHandledUpdates({ updates, logger }: LedgerDeps): Composer<Context> {
  const composer = new Composer<Context>();
  composer.use(async (ctx, next) => {
    const updateId = String(ctx.update.update_id);
    if (await updates.isHandled("telegram", updateId)) {
      logger.info({ updateId }, "duplicate update ignored");
      return;
    }
    await next();
  });
  return composer;
}

/**
 * Records the update once the rest of the stack finished without throwing. Best effort: the
 * work is done, and failing to record it only means a redelivery would be processed again.
 */
export function recordHandledUpdates({ updates, now, logger }: LedgerDeps): MiddlewareFn<Context> {
  return async (ctx, next) => {
    await next();
    const updateId = String(ctx.update.update_id);
    await updates.markHandled("telegram", updateId, now()).catch((error: unknown) => {
      logger.warn({ err: maskError(error), updateId }, "could not record a handled update");
    });
  };
}
