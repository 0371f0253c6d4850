import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runStaffCommand } from "../../scripts/staff.ts";
import { composeDesk, type Desk } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { databaseIdentity } from "../../server/database-identity.ts";
import { createLogger } from "../../server/logger.ts";
import { testClassify } from "../portal/support.ts";

const scratch: string[] = [];
const desks: Desk[] = [];
afterAll(async () => {
  for (const desk of desks) await desk.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A DATA_DIR holding a migrated database, as `npm start` leaves it. */
function dataDirWithDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), "staff-cli-"));
  scratch.push(dir);
  copyFileSync(inject("templateDatabase"), join(dir, "app.db"));
  return dir;
}

/** The desk as `npm start` composes it from the same environment (API only; the portal is not needed). */
async function deskFor(env: Record<string, string>): Promise<Desk> {
  const desk = await composeDesk({ config: loadConfig({ ...env, LOG_LEVEL: "silent" }), logger: createLogger("silent"), classify: testClassify, portal: { build: "never" } });
  desks.push(desk);
  return desk;
}

describe("npm run staff uses the server's database", () => {
  it("writes the token into the database the server reads with the same DATA_DIR, and says which one", async () => {
    const dataDir = dataDirWithDatabase();
    const result = await runStaffCommand(["add", "Wang Fang", "admin"], { DATA_DIR: dataDir });
    expect(result.exitCode).toBe(0);
    const database = databaseIdentity(`file:${join(dataDir, "app.db")}`);
    expect(result.stdout.join("\n")).toContain(`database ${database.path} (id ${database.id})`);
    const token = /API token \(shown once\): (\S+)/.exec(result.stdout.join("\n"))?.[1];
    expect(token).toBeTruthy();

    const desk = await deskFor({ DATA_DIR: dataDir });
    const me = await desk.app.request("/api/staff/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: "Wang Fang", role: "admin" });
  });

  it("refuses to create a database of its own where the server has none", async () => {
    const empty = mkdtempSync(join(tmpdir(), "staff-cli-empty-"));
    scratch.push(empty);
    const result = await runStaffCommand(["add", "Wang Fang", "admin"], { DATA_DIR: empty });
    expect(result.exitCode).toBe(1);
    expect(result.stderr.join("\n")).toContain(`No desk database at ${databaseIdentity(`file:${join(empty, "app.db")}`).path}`);
    expect(existsSync(join(empty, "app.db"))).toBe(false);
  });

  it("a token written to another database is refused naming the database it was checked against (its id, not its path)", async () => {
    const cliDir = dataDirWithDatabase();
    const serverDir = dataDirWithDatabase();
    const result = await runStaffCommand(["add", "Wang Fang", "admin"], { DATA_DIR: cliDir });
    const token = /API token \(shown once\): (\S+)/.exec(result.stdout.join("\n"))?.[1];

    const desk = await deskFor({ DATA_DIR: serverDir });
    const refused = await desk.app.request("/api/staff/me?lang=en", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    const serverDatabase = databaseIdentity(`file:${join(serverDir, "app.db")}`);
    expect(error.code).toBe("unauthorized");
    expect(error.message).toContain(`database ${serverDatabase.id}`);
    expect(error.message).not.toContain(serverDir);
    // The CLI printed the other id: the two differ, which is the whole diagnosis.
    expect(result.stdout.join("\n")).not.toContain(serverDatabase.id);

    // No token at all is the plain "sign in" answer.
    const anonymous = await desk.app.request("/api/staff/me?lang=en");
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toBe("Please sign in first.");
  });
});
