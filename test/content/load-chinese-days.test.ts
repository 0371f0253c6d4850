import { describe, expect, it } from "vitest";
import { loadChineseDaysSchedules } from "../../content/holidays/load-chinese-days.ts";
import { CN_MAINLAND_2026_HOLIDAYS, CN_MAINLAND_2026_MAKE_UP_WORKDAYS } from "../../core/sla/index.ts";
import { buildCore, REPORT } from "../fixtures/core-fixture.ts";

describe("the holiday schedules shipped in chinese-days", () => {
  const schedules = loadChineseDaysSchedules();

  it("has one schedule per year from 2004, the 2026 one matching the State Council notice", () => {
    const years = schedules.map((schedule) => schedule.year);
    expect(years[0]).toBe(2004);
    expect(years).toEqual(Array.from({ length: years.length }, (_, index) => 2004 + index));
    const of2026 = schedules.find((schedule) => schedule.year === 2026);
    expect(of2026?.holidays.map((day) => day.date)).toEqual(CN_MAINLAND_2026_HOLIDAYS.map((day) => day.date));
    expect(of2026?.makeUpWorkdays.map((day) => day.date)).toEqual(CN_MAINLAND_2026_MAKE_UP_WORKDAYS.map((day) => day.date));
    expect(of2026?.makeUpWorkdays[2]).toEqual({ date: "2026-02-28", name: { zh: "春节调休上班", en: "Spring Festival make-up working day" } });
  });

  it("gives a desk whose calendar has no 2025 data the 2025 Spring Festival", async () => {
    const fixture = buildCore({ start: "2025-01-23T02:00:00Z", settings: { holidaySchedules: schedules } });
    await fixture.core.sla.load();
    // Thu 23 Jan 2025 10:00 + 7 working days: Fri 24, Sun 26 (worked), Mon 27, then 28 Jan–4 Feb off,
    // Wed 5, Thu 6, Fri 7 and Sat 8 Feb (worked) → Sat 8 Feb 10:00. Weekends only, it would be Mon 3 Feb.
    const { ticket } = await fixture.core.intake(REPORT);
    expect(ticket.resolutionDueAt).toEqual(new Date("2025-02-08T02:00:00Z"));
    expect((await fixture.core.sla.read()).holidaySchedules.find((schedule) => schedule.year === 2025)).toMatchObject({ source: "package" });
  });

  it("refuses a data file that would break the calendar, naming the date", () => {
    const broken = JSON.stringify({ holidays: { "2030-02-30": "Spring Festival,春节,4" }, workdays: {} });
    expect(() => loadChineseDaysSchedules(broken)).toThrow(/2030-02-30|date/);
  });
});
