import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../db/index.ts";
import { PROCESS_TIMEOUT_MS } from "../support/processes.ts";
import { createTempDatabase } from "../support/temp-database.ts";

const REPO_ROOT = join(import.meta.dirname, "..", "..");
const TSX = join(REPO_ROOT, "node_modules", ".bin", "tsx");

let database: Awaited<ReturnType<typeof createTempDatabase>>;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

/** `npm run staff -- …` as an operator runs it, on the temp database (DATABASE_URL and DATA_DIR as the server reads them). */
function staffCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [join(REPO_ROOT, "scripts", "staff.ts"), ...args],
      { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: database.url, DATA_DIR: database.dir, LOG_LEVEL: "silent" }, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run staff -- rename", () => {
  it(
    "renames a member by id or name, writes an audit line, and refuses an unknown member or a bad name",
    async () => {
      const stores = createStores(database.db, () => "unused");
      await stores.staff.create({ id: "staff-9101", name: "Admin 9101", role: "admin", createdAt: new Date("2026-11-24T02:00:00Z"), identities: [{ channel: "telegram", externalId: "9101" }] });

      const renamed = await staffCli("rename", "staff-9101", "王芳");
      expect(renamed).toMatchObject({ code: 0, stdout: "renamed staff-9101 to 王芳\n" });
      expect(JSON.parse(renamed.stderr.trim())).toMatchObject({ audit: { action: "staff_renamed", staffId: "staff-9101", from: "Admin 9101", to: "王芳", by: { kind: "operator" } } });
      expect((await stores.staff.findById("staff-9101"))?.name).toBe("王芳");

      // Side by side (each run starts a process): by the current name, the words after it making
      // the new name; and three refusals, which write nothing.
      const [byName, unknown, bad, missing] = await Promise.all([
        staffCli("rename", "王芳", "Wang", "Fang"),
        staffCli("rename", "nobody", "X"),
        staffCli("rename", "staff-9101", "Wang\u0007Fang"),
        staffCli("rename", "staff-9101"),
      ]);
      expect(byName).toMatchObject({ code: 0, stdout: "renamed staff-9101 to Wang Fang\n" });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no staff member matches "nobody"');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain("not a valid name");
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("npm run staff -- rename <id or name> <new name>");
      expect((await stores.staff.findById("staff-9101"))?.name).toBe("Wang Fang");
    },
    // Five process starts (tsx, Prisma, the core): a ceiling for a loaded machine, never waited for.
    2 * PROCESS_TIMEOUT_MS,
  );
});
