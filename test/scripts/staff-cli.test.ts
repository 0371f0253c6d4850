import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../db/index.ts";
import { runStaffCommand } from "../../scripts/staff.ts";
import { createTempDatabase } from "../support/temp-database.ts";

let database: Awaited<ReturnType<typeof createTempDatabase>>;
beforeAll(async () => {
  database = await createTempDatabase();
});
afterAll(async () => {
  await database.cleanup();
});

/** `npm run staff -- …` as an operator runs it (the script's own entry point, in-process), on the temp database. */
async function staffCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runStaffCommand(args, { DATABASE_URL: database.url, DATA_DIR: database.dir, LOG_LEVEL: "silent" });
  const lines = (list: string[]) => list.map((line) => `${line}\n`).join("");
  return { code: result.exitCode, stdout: lines(result.stdout), stderr: lines(result.stderr) };
}

describe("npm run staff -- rename", () => {
  it("renames a member by id or name, writes an audit line, and refuses an unknown member or a bad name", async () => {
    const stores = createStores(database.db, () => "unused");
    await stores.staff.create({ id: "staff-9101", name: "Admin 9101", role: "admin", createdAt: new Date("2026-11-24T02:00:00Z"), identities: [{ channel: "telegram", externalId: "9101" }] });

    const renamed = await staffCli("rename", "staff-9101", "王芳");
    expect(renamed).toMatchObject({ code: 0, stdout: "renamed staff-9101 to 王芳\n" });
    expect(JSON.parse(renamed.stderr.trim())).toMatchObject({ audit: { action: "staff_renamed", staffId: "staff-9101", from: "Admin 9101", to: "王芳", by: { kind: "operator" } } });
    expect((await stores.staff.findById("staff-9101"))?.name).toBe("王芳");

    // By the current name, the words after it making the new name; and three refusals, which write nothing.
    const byName = await staffCli("rename", "王芳", "Wang", "Fang");
    const unknown = await staffCli("rename", "nobody", "X");
    const bad = await staffCli("rename", "staff-9101", "Wang\u0007Fang");
    const missing = await staffCli("rename", "staff-9101");
    expect(byName).toMatchObject({ code: 0, stdout: "renamed staff-9101 to Wang Fang\n" });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no staff member matches "nobody"');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a valid name");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("npm run staff -- rename <id or name> <new name>");
    expect((await stores.staff.findById("staff-9101"))?.name).toBe("Wang Fang");
  });
});

describe("npm run staff -- link", () => {
  it("prints a one-time console sign-in URL on PUBLIC_URL for an active member, and refuses an unknown one", async () => {
    const stores = createStores(database.db, () => "unused");
    await stores.staff.create({ id: "staff-link", name: "林 晓", role: "agent", createdAt: new Date("2026-11-24T02:00:00Z") });
    const env = { DATABASE_URL: database.url, DATA_DIR: database.dir, LOG_LEVEL: "silent", PUBLIC_URL: "https://desk.example.com" };
    const printed = await runStaffCommand(["link", "林", "晓"], env);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout[0]).toMatch(/^one-time sign-in link for 林 晓 \(agent\), valid until \S+Z, once:$/);
    expect(printed.stdout[1]).toMatch(/^https:\/\/desk\.example\.com\/staff\/login\?token=[\w-]{40,}$/);
    expect(printed.stderr).toEqual([]);

    const withoutPublicUrl = await staffCli("link", "staff-link");
    expect(withoutPublicUrl.code).toBe(0);
    expect(withoutPublicUrl.stderr).toContain("PUBLIC_URL is not set");

    const unknown = await staffCli("link", "nobody");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no active staff member matches "nobody"');
    expect((await staffCli("link")).code).toBe(2);
  });
});
