import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * APP_SECRET signs survey links. When it is not configured, one is generated on the first
 * start and kept in the data directory, so links sent yesterday still verify after a restart.
 */
export function ensureAppSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = join(dataDir, "app-secret");
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  } catch {
    // First start: fall through and create it.
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "w" });
  return secret;
}
