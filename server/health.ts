/**
 * What `/health` checks. The database check is a write probe (one upsert of a private row of
 * the Setting table), not `SELECT 1`: a full disk or a stuck write lock still answers reads, so
 * only a write shows that reports can be taken. A probe that does not settle within
 * `timeoutMs` counts as a failure, so `/health` itself never hangs.
 */
import type { Database } from "../db/index.ts";

/** The Setting row the probe rewrites; no feature reads it. */
export const HEALTH_PROBE_KEY = "health.write-probe";
export const HEALTH_PROBE_TIMEOUT_MS = 3_000;

export async function probeDatabaseWrite(db: Database, timeoutMs = HEALTH_PROBE_TIMEOUT_MS): Promise<boolean> {
  const at = new Date();
  const write = db.setting
    .upsert({
      where: { key: HEALTH_PROBE_KEY },
      create: { key: HEALTH_PROBE_KEY, value: at.toISOString(), updatedAt: at, updatedBy: "health" },
      update: { value: at.toISOString(), updatedAt: at },
    })
    .then(
      () => true,
      () => false,
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([write, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
