import { existsSync } from "node:fs";

/**
 * The browser the e2e tests drive: Debian's chromium (what .ci/run installs), or the
 * executable named by CHROMIUM_PATH.
 */
export type ChromiumCheck =
  | { status: "found"; path: string }
  /** Locally: the browser tests are skipped, with this reason. */
  | { status: "skip"; reason: string }
  /** In CI (the CI variable set): every browser test fails with this reason, so a broken install cannot pass as green. */
  | { status: "fail"; reason: string };

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumCheck {
  const path = env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(path)) return { status: "found", path };
  const missing = `${path} is missing (apt-get install chromium, or set CHROMIUM_PATH)`;
  const isCI = Boolean(env.CI) && env.CI !== "false" && env.CI !== "0";
  return isCI ? { status: "fail", reason: `browser tests cannot run in CI: ${missing}` } : { status: "skip", reason: `browser tests skipped: ${missing}` };
}
