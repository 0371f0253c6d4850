import type { DueJobsReport } from "../core/index.ts";
import { createBackgroundLoop, type BackgroundLoop } from "./background-loop.ts";
import type { Logger } from "./logger.ts";

export const DEFAULT_SCHEDULER_INTERVAL_MS = 30_000;

/**
 * The one scheduler of the process. It holds no jobs of its own: every pass asks the
 * database what is due (runDueJobs), so a restart loses nothing and a second pass — or a
 * second process — cannot fire an action twice. Passes never overlap (server/background-loop.ts).
 */
export function createScheduler(options: {
  runDueJobs: () => Promise<DueJobsReport>;
  logger: Logger;
  intervalMs?: number;
  onPass?: (report: DueJobsReport) => void;
}): BackgroundLoop {
  return createBackgroundLoop({
    async pass() {
      const report = await options.runDueJobs();
      if (Object.values(report).some((count) => count > 0)) options.logger.info({ report }, "scheduler pass");
      options.onPass?.(report);
    },
    intervalMs: options.intervalMs ?? DEFAULT_SCHEDULER_INTERVAL_MS,
    onError: (error) => options.logger.error({ err: error }, "scheduler pass failed"),
  });
}
