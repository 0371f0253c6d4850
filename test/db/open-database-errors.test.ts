import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/index.ts";
import { describeOpenFailure } from "../../db/open-database.ts";

describe("a database that cannot be used says so in words at start-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "desk-open-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a file that is not a database", async () => {
    const file = join(dir, "garbage.db");
    writeFileSync(file, "this is not a database ".repeat(20));
    const failure = openDatabase(`file:${file}`);
    await expect(failure).rejects.toThrow(`${file} is not a SQLite database`);
    await expect(failure).rejects.not.toThrow(/Invalid `prisma|External error/);
  });

  it("a path that cannot be opened (a folder)", async () => {
    const folder = join(dir, "folder.db");
    mkdirSync(folder);
    await expect(openDatabase(`file:${folder}`)).rejects.toThrow(`The database ${folder} cannot be opened`);
  });

  it("a read-only database (tests run as root, so the driver's error is given directly)", () => {
    const error = Object.assign(new Error("\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nattempt to write a readonly database"), { code: "SQLITE_READONLY" });
    expect(describeOpenFailure("/srv/desk/app.db", error)).toMatch(/^The database \/srv\/desk\/app.db is read-only: the desk must write to it/);
  });

});

describe("durability", () => {
  it("every start runs with synchronous = FULL (2), also on a database that already exists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "desk-sync-"));
    try {
      for (let start = 0; start < 2; start++) {
        const db = await openDatabase(`file:${join(dir, "app.db")}`);
        const rows = await db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
        expect(Number(rows[0]?.synchronous)).toBe(2);
        await db.$disconnect();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
