import { describe, expect, it } from "vitest";
import { isAppError } from "../../../core/errors.ts";
import {
  calendarConfigSchema,
  createCalendar,
  defaultCalendar,
  defaultCalendarConfig,
  isWorkingDay,
  workingSpansOn,
} from "../../../core/sla/index.ts";
import { BERLIN, local, show } from "./support.ts";

describe("createCalendar", () => {
  it("defaults to Asia/Shanghai, Mon–Fri 09:00–18:00 in one span, weekends off, no holidays", () => {
    const calendar = createCalendar();
    expect(calendar.timeZone).toBe("Asia/Shanghai");
    expect(calendar.normalDayMinutes).toBe(540);
    expect(calendar.weekly.mon).toEqual([{ start: 540, end: 1080 }]);
    expect(calendar.weekly.sat).toEqual([]);
    expect(calendar.weekly.sun).toEqual([]);
    expect(calendar.holidays.size).toBe(0);
  });

  it("gives weekdays their own hours and keeps the normal day for the others", () => {
    const calendar = createCalendar({
      hours: [
        { start: "09:00", end: "12:00" },
        { start: "13:30", end: "18:00" },
      ],
      hoursByWeekday: { fri: [{ start: "09:00", end: "16:00" }], sat: [{ start: "10:00", end: "12:00" }] },
      weekendDays: ["sun"],
    });
    expect(calendar.normalDayMinutes).toBe(180 + 270);
    expect(calendar.weekly.thu).toHaveLength(2);
    expect(calendar.weekly.fri).toEqual([{ start: 540, end: 960 }]);
    expect(calendar.weekly.sat).toEqual([{ start: 600, end: 720 }]);
    expect(calendar.weekly.sun).toEqual([]);
  });

  it.each([
    ["an unknown zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    ["a span that ends before it starts", { hours: [{ start: "18:00", end: "09:00" }] }, "hours.0"],
    ["a bad time", { hours: [{ start: "9:00", end: "18:00" }] }, "hours.0.start"],
    ["25:00", { hours: [{ start: "09:00", end: "25:00" }] }, "hours.0.end"],
    [
      "overlapping spans",
      { hours: [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "18:00" }] },
      "hours.1",
    ],
    ["an empty normal day", { hours: [] }, "hours"],
    ["an impossible date", { holidays: [{ date: "2026-02-30" }] }, "holidays.0.date"],
    ["hours for a weekend day", { hoursByWeekday: { sat: [{ start: "09:00", end: "12:00" }] } }, "hoursByWeekday.sat"],
    [
      "a date that is both holiday and make-up day",
      { holidays: [{ date: "2026-02-14" }], makeUpWorkdays: [{ date: "2026-02-14" }] },
      "makeUpWorkdays.0.date",
    ],
  ] as const)("rejects %s with a validation error naming the field", (_label, config, path) => {
    try {
      createCalendar(config);
      expect.unreachable("createCalendar should have thrown");
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("validation");
      const issues = isAppError(error) ? (error.params["issues"] as { field: string }[]) : [];
      expect(issues.map((issue) => issue.field)).toContain(path);
    }
  });

  it("refuses a calendar without any working time in a normal week, with a clear message", () => {
    expect(() => createCalendar({ weekendDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] })).toThrow(
      /no working time in a normal week/,
    );
    expect(() =>
      createCalendar({
        weekendDays: ["sat", "sun"],
        hoursByWeekday: { mon: [], tue: [], wed: [], thu: [], fri: [] },
      }),
    ).toThrow(/no working time/);
  });

  it("accepts touching spans and a span ending at 24:00", () => {
    const calendar = createCalendar({
      timeZone: BERLIN,
      hours: [
        { start: "00:00", end: "12:00" },
        { start: "12:00", end: "24:00" },
      ],
    });
    expect(calendar.normalDayMinutes).toBe(1440);
  });
});

describe("calendarConfigSchema", () => {
  it("parses a JSON override and fills defaults", () => {
    const parsed = calendarConfigSchema.parse(JSON.parse('{"timeZone":"Europe/Berlin","holidays":[{"date":"2026-12-25"}]}'));
    expect(parsed.timeZone).toBe("Europe/Berlin");
    expect(parsed.hours).toEqual([{ start: "09:00", end: "18:00" }]);
    expect(parsed.weekendDays).toEqual(["sat", "sun"]);
    expect(parsed.makeUpWorkdays).toEqual([]);
  });

  it("round-trips the default configuration", () => {
    const config = defaultCalendarConfig();
    expect(calendarConfigSchema.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
    expect(defaultCalendar().config).toEqual(config);
  });

  it("hands out fresh copies of the default so callers cannot alter it", () => {
    const config = defaultCalendarConfig();
    config.holidays.length = 0;
    expect(defaultCalendarConfig().holidays.length).toBeGreaterThan(30);
  });
});

describe("isWorkingDay / workingSpansOn", () => {
  const calendar = defaultCalendar();

  it.each([
    ["2026-03-06", true, "an ordinary Friday"],
    ["2026-03-07", false, "an ordinary Saturday"],
    ["2026-03-08", false, "an ordinary Sunday"],
    ["2026-02-14", true, "Saturday make-up day before the Spring Festival"],
    ["2026-02-16", false, "a Monday inside the Spring Festival"],
    ["2026-02-23", false, "the last Spring Festival day (a Monday)"],
    ["2026-02-28", true, "Saturday make-up day after the Spring Festival"],
    ["2026-01-01", false, "New Year's Day"],
    ["2026-01-04", true, "Sunday make-up day for New Year"],
    ["2026-10-08", true, "the Thursday after National Day"],
    ["2026-10-10", true, "Saturday make-up day for National Day"],
    ["2026-09-20", true, "Sunday make-up day for National Day"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(isWorkingDay(calendar, date)).toBe(expected);
  });

  it("returns the day's working intervals as instants", () => {
    const spans = workingSpansOn(calendar, "2026-03-06");
    expect(spans.map((span) => [show(span.start), show(span.end)])).toEqual([["2026-03-06 Fri 09:00", "2026-03-06 Fri 18:00"]]);
  });

  it("gives a make-up day the normal day's hours, not its weekday's", () => {
    const shortFridays = createCalendar({
      hoursByWeekday: { fri: [{ start: "09:00", end: "15:00" }] },
      makeUpWorkdays: [{ date: "2026-02-14" }],
    });
    expect(workingSpansOn(shortFridays, "2026-02-14").map((span) => show(span.end))).toEqual(["2026-02-14 Sat 18:00"]);
    expect(workingSpansOn(shortFridays, "2026-02-13").map((span) => show(span.end))).toEqual(["2026-02-13 Fri 15:00"]);
  });

  it("lists several spans of a day in order", () => {
    const lunchBreak = createCalendar({
      hours: [
        { start: "09:00", end: "12:00" },
        { start: "13:30", end: "18:00" },
      ],
    });
    expect(workingSpansOn(lunchBreak, "2026-03-06").map((span) => `${show(span.start)}–${show(span.end)}`)).toEqual([
      "2026-03-06 Fri 09:00–2026-03-06 Fri 12:00",
      "2026-03-06 Fri 13:30–2026-03-06 Fri 18:00",
    ]);
  });

  it("reads the date in the calendar's zone", () => {
    const berlin = createCalendar({ timeZone: BERLIN });
    const [span] = workingSpansOn(berlin, "2026-03-06");
    expect(span?.start.toISOString()).toBe(local("2026-03-06T09:00", BERLIN).toISOString());
    expect(span?.start.toISOString()).toBe("2026-03-06T08:00:00.000Z");
  });

  it("rejects a malformed local date", () => {
    expect(() => isWorkingDay(calendar, "2026-2-14")).toThrow(RangeError);
    expect(() => workingSpansOn(calendar, "2026-02-30")).toThrow(RangeError);
  });
});
