import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createLogger } from "../../server/logger.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const REPO_ROOT = join(import.meta.dirname, "..", "..");
const SCHEDULE_2027 = join(REPO_ROOT, "test", "fixtures", "holiday-schedule-2027.json");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The app over a real SQLite file, an agent and an admin with tokens; the clock stands in the desk's late January 2027. */
async function desk(start = "2027-01-20T02:00:00Z") {
  const built = await buildDbCore({ start });
  cleanups.push(built.cleanup);
  const app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit: null, trustProxy: false });
  for (const [name, role] of [["Lin", "agent"], ["Root", "admin"]] as const) {
    await built.stores.staff.create({ id: `staff-${name}`, name, role, createdAt: built.clock.now(), apiTokenHash: hashApiToken(`token-${name}`) });
  }
  const as = (name: string, lang = "en") => (method: string, path: string, body?: unknown) =>
    app.request(`${path}?lang=${lang}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer token-${name}` },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const newTicket = async (at: string) => {
    built.clock.set(at);
    const response = await app.request("/api/tickets", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水，显示 E3" }),
    });
    return ((await response.json()) as { dueAt: string }).dueAt;
  };
  return { ...built, app, as, newTicket };
}

type SlaView = { holidaySchedules: { year: number; source: string }[]; coverage: { weekendsOnlyFrom: string; coveredThrough: string | null; notice: string } };

describe("the SLA view and the holiday schedule import over HTTP", () => {
  it("says from when a year without a schedule counts weekends only, in the reader's language", async () => {
    const { as } = await desk("2026-11-24T02:00:00Z");
    const view = (await (await as("Lin")("GET", "/api/staff/settings/sla")).json()) as SlaView;
    expect(view.holidaySchedules).toEqual([{ year: 2026, source: "calendar", holidays: 33, makeUpWorkdays: 6 }]);
    expect(view.coverage).toMatchObject({ coveredThrough: "2026-12-31", weekendsOnlyFrom: "2027-01-01", daysLeft: 38 });
    expect(view.coverage.notice).toContain("No official holiday schedule is loaded for 2027: from 1 Jan 2027, SLA due times count weekends only");
    const zh = (await (await as("Lin", "zh-CN")("GET", "/api/staff/settings/sla")).json()) as SlaView;
    expect(zh.coverage.notice).toContain("尚未导入 2027 年的法定节假日安排：自 2027年1月1日 起，SLA 时限只按周末计算");
  });

  it("lets an admin import a year (others are refused, bad files get each field's problem) and applies it to new tickets", async () => {
    const { as, newTicket } = await desk();
    const schedule: unknown = JSON.parse(readFileSync(SCHEDULE_2027, "utf8"));
    // Thu 4 Feb 2027 10:00, 7 working days, weekends only: Mon 15 Feb 10:00.
    expect(await newTicket("2027-02-04T02:00:00Z")).toBe("2027-02-15T02:00:00.000Z");

    expect((await as("Lin")("POST", "/api/staff/settings/sla/holidays", schedule)).status).toBe(403);
    const bad = await as("Root")("POST", "/api/staff/settings/sla/holidays", { year: 2027, holidays: ["2027-02-30"], makeUpWorkdays: [{ date: "2027-02-20", name: { zh: "春节调休上班" } }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; fields: unknown[] } }).error).toMatchObject({
      code: "validation",
      fields: [
        { field: "holidays.0.date", problem: "invalid", message: expect.any(String) },
        { field: "makeUpWorkdays.0.name.en", problem: "required", message: expect.any(String) },
      ],
    });

    const saved = await as("Root")("POST", "/api/staff/settings/sla/holidays", schedule);
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as { schedule: { year: number; importedBy: string } }).schedule).toMatchObject({ year: 2027, importedBy: "staff-Root" });
    // Over the Spring Festival (5–14 Feb off, Sat 20 Feb worked): Mon 22 Feb 10:00.
    expect(await newTicket("2027-02-04T02:00:00Z")).toBe("2027-02-22T02:00:00.000Z");
    const view = (await (await as("Lin")("GET", "/api/staff/settings/sla")).json()) as SlaView;
    expect(view.holidaySchedules.map(({ year, source }) => [year, source])).toEqual([
      [2026, "calendar"],
      [2027, "import"],
    ]);
    expect(view.coverage).toMatchObject({ coveredThrough: "2027-12-31", weekendsOnlyFrom: "2028-01-01" });
  });
});

describe("npm run calendar", () => {
  it("imports a year's schedule into the database the desk uses, and refuses a bad file field by field", async () => {
    const built = await buildDbCore();
    cleanups.push(built.cleanup);
    const run = (...args: string[]) =>
      promisify(execFile)(join(REPO_ROOT, "node_modules", ".bin", "tsx"), [join(REPO_ROOT, "scripts", "calendar.ts"), ...args], {
        env: { ...process.env, DATABASE_URL: built.url, DATA_DIR: built.dir },
        encoding: "utf8",
      });

    const imported = await run("import", SCHEDULE_2027);
    expect(imported.stdout).toContain("imported 2027: 19 days off, 2 make-up working days");

    const badFile = join(built.dir, "bad.json");
    writeFileSync(badFile, JSON.stringify({ year: 2027, holidays: ["2028-03-01"] }));
    const refused = await run("import", badFile).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining("holidays.0.date: ") });

    // The desk reads the import at its next start (core.sla.load) and computes with it.
    await built.core.sla.load();
    built.clock.set("2027-02-04T02:00:00Z");
    const { ticket } = await built.core.intake({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水", channel: "portal" });
    expect(ticket.resolutionDueAt).toEqual(new Date("2027-02-22T02:00:00Z"));
  }, 120_000);
});
