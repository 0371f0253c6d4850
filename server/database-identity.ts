import { createHash } from "node:crypto";
import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Which database a desk (or `npm run staff`) works on: the file's absolute path, for the
 * operator, and a short id derived from it that is safe to show anyone. A staff token lives
 * in one database only; the start-up line and the CLI print both, and the API's refusal of
 * an unknown token names the id (never the path), so "token from another database" can be
 * told apart from "mistyped token".
 */
export type DatabaseIdentity = { path: string; id: string };

export function databaseIdentity(databaseUrl: string): DatabaseIdentity {
  const location = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : databaseUrl;
  const absolute = resolve(location);
  const path = existsSync(absolute) ? realpathSync.native(absolute) : absolute;
  return { path, id: createHash("sha256").update(path).digest("hex").slice(0, 8) };
}
