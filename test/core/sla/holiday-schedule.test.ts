import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../core/errors.ts";
import { applyHolidaySchedules, calendarCoverage, defaultCalendarConfig, parseHolidaySchedule, type HolidaySchedule } from "../../../core/sla/index.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";
import { show } from "./support.ts";

/**
 * An illustrative 2027 schedule in the import format (test/fixtures/holiday-schedule-2027.json):
 * the Spring Festival off from Fri 5 to Sat 13 February, Sat 20 February worked. It is not the
 * official 2027 notice, which was not published when this test was written.
 */
const SCHEDULE_2027: unknown = JSON.parse(readFileSync(new URL("../../fixtures/holiday-schedule-2027.json", import.meta.url), "utf8"));

async function newTicketAt(fixture: ReturnType<typeof buildCore>, instant: string) {
  fixture.clock.set(instant);
  return (await fixture.core.intake(REPORT)).ticket;
}

describe("a year's holiday schedule, imported", () => {
  it("computes a 2027 due time over the Spring Festival from the imported schedule", async () => {
    const fixture = buildCore({ start: "2027-01-20T02:00:00Z" });
    const root = await fixture.stores.staff.create({ id: "root", name: "Root", role: "admin", createdAt: fixture.clock.now() });

    // Without a 2027 schedule: weekends only. Thu 4 Feb 10:00 + 7 working days → Mon 15 Feb 10:00.
    const before = await newTicketAt(fixture, "2027-02-04T02:00:00Z");
    expect(show(before.resolutionDueAt!)).toBe("2027-02-15 Mon 10:00");

    await fixture.core.sla.importHolidays(SCHEDULE_2027, root);
    // 4 Feb (rest of the day) → 5–14 Feb off → 15, 16, 17, 18, 19 Feb → Sat 20 Feb worked → Mon 22 Feb 10:00.
    const after = await newTicketAt(fixture, "2027-02-04T02:00:00Z");
    expect(show(after.resolutionDueAt!)).toBe("2027-02-22 Mon 10:00");
  });

  it("is refused to staff who may not configure, and names each wrong field", async () => {
    const fixture = buildCore();
    const agent = { id: "agent-1", name: "Lin", role: "agent" as const, active: true };
    await expect(fixture.core.sla.importHolidays(SCHEDULE_2027, agent)).rejects.toMatchObject({ code: "forbidden" });

    const problems = async (input: unknown) => {
      const error = await fixture.core.sla.importHolidays(input, null).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      const issues = (error as AppError).params.issues as { field: string; problem: { kind: string } }[];
      return issues.map((issue) => `${issue.field}: ${issue.problem.kind}`);
    };
    expect(await problems({ year: 2027, holidays: ["2027-02-30", { date: "2027-10-01", name: { zh: "国庆节" } }], makeUpWorkdays: [{ day: "2027-02-06" }] })).toEqual([
      "holidays.0.date: invalid",
      "holidays.1.name.en: required",
      "makeUpWorkdays.0.date: required",
      "makeUpWorkdays.0: invalid",
    ]);
    // Dates outside the year (and its edges) and dates listed twice.
    expect(await problems({ year: 2027, holidays: ["2028-06-01", "2027-02-05"], makeUpWorkdays: ["2027-02-05"] })).toEqual([
      "holidays.0.date: invalid",
      "makeUpWorkdays.0.date: invalid",
    ]);
    expect(await problems({ holidays: [] })).toEqual(["year: required", "holidays: required"]);
    // Nothing was stored: the view still has no 2027.
    expect((await fixture.core.sla.read()).holidaySchedules.map((schedule) => schedule.year)).toEqual([2026]);
  });

  it("replaces an earlier import of the same year", async () => {
    const fixture = buildCore();
    await fixture.core.sla.importHolidays(SCHEDULE_2027, null);
    await fixture.core.sla.importHolidays({ year: 2027, holidays: ["2027-01-01"] }, null);
    const view = await fixture.core.sla.read();
    expect(view.holidaySchedules).toEqual([
      { year: 2026, source: "calendar", holidays: 33, makeUpWorkdays: 6 },
      { year: 2027, source: "import", holidays: 1, makeUpWorkdays: 0, importedAt: "2026-11-24T02:00:00.000Z", importedBy: null },
    ]);
    expect(fixture.deps.settings.sla.current().calendar.holidays.has("2027-02-08")).toBe(false);
  });
});

describe("a year without a schedule", () => {
  it("computes with weekends only, and the SLA view says from when", async () => {
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z" });
    const view = await fixture.core.sla.read();
    expect(view.coverage).toEqual({
      today: "2026-11-24",
      scheduleYears: [2026],
      coveredThrough: "2026-12-31",
      weekendsOnlyFrom: "2027-01-01",
      firstYearWithoutSchedule: 2027,
      daysLeft: 38,
    });
    // The week of 1 January 2027: Friday the 1st is an ordinary working day.
    const ticket = await newTicketAt(fixture, "2026-12-31T02:00:00Z");
    expect(show(ticket.resolutionDueAt!)).toBe("2027-01-11 Mon 10:00");

    fixture.clock.set("2027-03-01T02:00:00Z");
    expect((await fixture.core.sla.read()).coverage).toMatchObject({ coveredThrough: null, weekendsOnlyFrom: "2027-01-01", firstYearWithoutSchedule: 2027, daysLeft: 0 });
  });
});

describe("applying schedules to the desk's calendar", () => {
  const schedule = (year: number, holidays: string[], makeUpWorkdays: string[] = []): HolidaySchedule => ({
    year,
    holidays: holidays.map((date) => ({ date })),
    makeUpWorkdays: makeUpWorkdays.map((date) => ({ date })),
  });

  it("takes a year from an import first, then the calendar's own years, then the shipped data", () => {
    const base = { ...defaultCalendarConfig(), holidays: [...defaultCalendarConfig().holidays, { date: "2028-05-20" }] };
    const { config, schedules } = applyHolidaySchedules(base, {
      imported: [schedule(2026, ["2026-01-01"])],
      packaged: [schedule(2025, ["2025-01-01"], ["2025-01-26"]), schedule(2026, ["2026-12-25"]), schedule(2027, ["2027-01-01"])],
    });
    expect(schedules.map(({ year, source }) => [year, source])).toEqual([
      [2025, "package"],
      [2026, "import"],
      [2027, "package"],
    ]);
    // 2026 is the import alone; the calendar's own date in a year without a schedule stays.
    expect(config.holidays.map((day) => day.date)).toEqual(["2025-01-01", "2026-01-01", "2027-01-01", "2028-05-20"]);
    expect(config.makeUpWorkdays.map((day) => day.date)).toEqual(["2025-01-26"]);
    expect(config.scheduleYears).toEqual([2025, 2026, 2027]);
  });

  it("keeps a date's first meaning, so merging never makes a day both off and worked", () => {
    const base = { ...defaultCalendarConfig(), scheduleYears: [], holidays: [{ date: "2027-02-20" }], makeUpWorkdays: [] };
    const { config } = applyHolidaySchedules(base, { imported: [], packaged: [schedule(2027, ["2027-02-08"], ["2027-02-20"])] });
    expect(config.holidays.map((day) => day.date)).toEqual(["2027-02-08", "2027-02-20"]);
    expect(config.makeUpWorkdays).toEqual([]);
  });

  it("accepts the neighbouring days a notice reaches into, and nothing further", () => {
    expect(parseHolidaySchedule({ year: 2023, holidays: ["2022-12-31", "2023-01-01"] }).holidays).toHaveLength(2);
    expect(() => parseHolidaySchedule({ year: 2023, holidays: ["2022-11-30"] })).toThrow(AppError);
  });

  it("measures the coverage in the calendar's zone", () => {
    // 2026-12-31T17:00Z is already 1 January 2027 in Shanghai.
    expect(calendarCoverage({ scheduleYears: [2026], timeZone: "Asia/Shanghai" }, new Date("2026-12-31T17:00:00Z"))).toMatchObject({ today: "2027-01-01", coveredThrough: null, daysLeft: 0 });
    expect(calendarCoverage({ scheduleYears: [2026], timeZone: "UTC" }, new Date("2026-12-31T17:00:00Z"))).toMatchObject({ today: "2026-12-31", coveredThrough: "2026-12-31", daysLeft: 1 });
    expect(calendarCoverage({ scheduleYears: [2026, 2027, 2029], timeZone: "UTC" }, new Date("2026-03-01T00:00:00Z"))).toMatchObject({ coveredThrough: "2027-12-31", weekendsOnlyFrom: "2028-01-01" });
  });
});
