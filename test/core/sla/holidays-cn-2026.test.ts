import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  addWorkingMinutes,
  CN_MAINLAND_2026_HOLIDAYS,
  CN_MAINLAND_2026_MAKE_UP_WORKDAYS,
  CN_MAINLAND_2026_PERIODS,
  defaultCalendar,
  isWorkingDay,
  workingMinutesBetween,
} from "../../../core/sla/index.ts";
import { HOUR, local, show } from "./support.ts";

const weekday = (date: string): string => DateTime.fromISO(date).setLocale("en").toFormat("ccc");

describe("mainland China 2026 holiday data", () => {
  it("has the State Council arrangement, period by period", () => {
    const summary = CN_MAINLAND_2026_PERIODS.map((period) => ({
      key: period.key,
      zh: period.name.zh,
      first: period.daysOff[0],
      last: period.daysOff.at(-1),
      days: period.daysOff.length,
      makeUp: period.makeUpWorkdays.map((date) => `${date} ${weekday(date)}`),
    }));
    expect(summary).toEqual([
      { key: "new_year", zh: "元旦", first: "2026-01-01", last: "2026-01-03", days: 3, makeUp: ["2026-01-04 Sun"] },
      {
        key: "spring_festival",
        zh: "春节",
        first: "2026-02-15",
        last: "2026-02-23",
        days: 9,
        makeUp: ["2026-02-14 Sat", "2026-02-28 Sat"],
      },
      { key: "qingming", zh: "清明节", first: "2026-04-04", last: "2026-04-06", days: 3, makeUp: [] },
      { key: "labour_day", zh: "劳动节", first: "2026-05-01", last: "2026-05-05", days: 5, makeUp: ["2026-05-09 Sat"] },
      { key: "dragon_boat", zh: "端午节", first: "2026-06-19", last: "2026-06-21", days: 3, makeUp: [] },
      { key: "mid_autumn", zh: "中秋节", first: "2026-09-25", last: "2026-09-27", days: 3, makeUp: [] },
      {
        key: "national_day",
        zh: "国庆节",
        first: "2026-10-01",
        last: "2026-10-07",
        days: 7,
        makeUp: ["2026-09-20 Sun", "2026-10-10 Sat"],
      },
    ]);
  });

  it("lists consecutive days off with no gaps, all in 2026", () => {
    for (const period of CN_MAINLAND_2026_PERIODS) {
      period.daysOff.forEach((date, index) => {
        expect(date.startsWith("2026-")).toBe(true);
        if (index > 0) {
          const previous = DateTime.fromISO(period.daysOff[index - 1] ?? "");
          expect(DateTime.fromISO(date).diff(previous, "days").days).toBe(1);
        }
      });
    }
  });

  it("names every holiday and make-up day in Chinese and English", () => {
    expect(CN_MAINLAND_2026_HOLIDAYS).toHaveLength(33);
    expect(CN_MAINLAND_2026_MAKE_UP_WORKDAYS).toHaveLength(6);
    for (const day of [...CN_MAINLAND_2026_HOLIDAYS, ...CN_MAINLAND_2026_MAKE_UP_WORKDAYS]) {
      expect(day.name?.zh).toBeTruthy();
      expect(day.name?.en).toBeTruthy();
    }
    expect(CN_MAINLAND_2026_MAKE_UP_WORKDAYS.find((day) => day.date === "2026-02-14")?.name).toEqual({
      zh: "春节调休上班",
      en: "Spring Festival make-up working day",
    });
  });

  it("makes only weekend days into make-up working days", () => {
    for (const day of CN_MAINLAND_2026_MAKE_UP_WORKDAYS) expect(["Sat", "Sun"]).toContain(weekday(day.date));
  });

  it("gives 2026 248 working days in the default calendar", () => {
    const calendar = defaultCalendar();
    let count = 0;
    for (let day = DateTime.fromISO("2026-01-01"); day.year === 2026; day = day.plus({ days: 1 })) {
      if (isWorkingDay(calendar, day.toISODate() ?? "")) count++;
    }
    // 261 weekdays − 19 holidays falling on weekdays + 6 make-up days.
    expect(count).toBe(248);
  });
});

describe("working time across the 2026 holidays (default calendar)", () => {
  const calendar = defaultCalendar();
  const add = (start: string, minutes: number): string => show(addWorkingMinutes(calendar, local(start), minutes));

  it("Fri Feb 13 17:00 + 2 working hours: one hour on Friday, the rest on the Saturday make-up day", () => {
    expect(add("2026-02-13T17:00", 2 * HOUR)).toBe("2026-02-14 Sat 10:00");
  });

  it("Fri Feb 13 17:00 + exactly 1 working hour ends at Friday's closing time", () => {
    expect(add("2026-02-13T17:00", 1 * HOUR)).toBe("2026-02-13 Fri 18:00");
  });

  it("skips the whole Spring Festival from the make-up Saturday", () => {
    expect(add("2026-02-14T17:00", 2 * HOUR)).toBe("2026-02-24 Tue 10:00");
  });

  it("a ticket reported during the Spring Festival starts counting on Feb 24", () => {
    expect(add("2026-02-17T10:00", 30)).toBe("2026-02-24 Tue 09:30");
  });

  it("works the Saturday after the Spring Festival", () => {
    expect(add("2026-02-27T17:30", HOUR)).toBe("2026-02-28 Sat 09:30");
  });

  it("New Year: Dec 31 2025 → Sunday Jan 4 make-up day", () => {
    expect(add("2025-12-31T17:00", 2 * HOUR)).toBe("2026-01-04 Sun 10:00");
  });

  it("Qingming: Fri Apr 3 → Tue Apr 7", () => {
    expect(add("2026-04-03T17:00", 2 * HOUR)).toBe("2026-04-07 Tue 10:00");
  });

  it("Labour Day: Apr 30 → May 6, and Fri May 8 → Sat May 9 make-up", () => {
    expect(add("2026-04-30T17:00", 2 * HOUR)).toBe("2026-05-06 Wed 10:00");
    expect(add("2026-05-08T17:00", 2 * HOUR)).toBe("2026-05-09 Sat 10:00");
  });

  it("Dragon Boat and Mid-Autumn long weekends", () => {
    expect(add("2026-06-18T17:00", 2 * HOUR)).toBe("2026-06-22 Mon 10:00");
    expect(add("2026-09-24T17:00", 2 * HOUR)).toBe("2026-09-28 Mon 10:00");
  });

  it("National Day: Sun Sep 20 make-up, Oct 1–7 skipped, Sat Oct 10 make-up", () => {
    expect(add("2026-09-18T17:00", 2 * HOUR)).toBe("2026-09-20 Sun 10:00");
    expect(add("2026-09-30T17:00", 2 * HOUR)).toBe("2026-10-08 Thu 10:00");
    expect(add("2026-10-09T17:00", 2 * HOUR)).toBe("2026-10-10 Sat 10:00");
  });

  it("7 working days from Sep 28 10:00 run through Sep 30, Oct 8–10 and Oct 12–13", () => {
    // Sep 28, 29, 30, Oct 8, 9, 10 (make-up), 12 → ends Tue Oct 13 10:00.
    expect(show(addWorkingDays(calendar, local("2026-09-28T10:00"), 7))).toBe("2026-10-13 Tue 10:00");
  });

  it("counts no working time over the National Day week", () => {
    expect(workingMinutesBetween(calendar, local("2026-09-30T18:00"), local("2026-10-08T09:00"))).toBe(0);
    expect(workingMinutesBetween(calendar, local("2026-09-30T00:00"), local("2026-10-11T00:00"))).toBe(4 * 540);
  });
});
