import type { DueJobsReport } from "../core/index.ts";
import type { Logger } from "./logger.ts";

/**
 * The one scheduler of the process. It holds no jobs of its own: every pass asks the
 * database what is due (runDueJobs), so a restart loses nothing and a second pass — or a
 * second process — cannot fire an action twice. Passes never overlap.
 */
export function createScheduler(options: { runDueJobs: () => Promise<DueJobsReport>; logger: Logger; intervalMs?: number; onPass?: (report: DueJobsReport) => void }) {
  const intervalMs = options.intervalMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function pass(): Promise<void> {
    try {
      const report = await options.runDueJobs();
      if (Object.values(report).some((count) => count > 0)) options.logger.info({ report }, "scheduler pass");
      options.onPass?.(report);
    } catch (error) {
      options.logger.error({ err: error }, "scheduler pass failed");
    }
  }

  function next(delayMs: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        next(intervalMs);
      });
    }, delayMs);
    timer.unref?.();
  }

  return {
    start() {
      stopped = false;
      next(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
