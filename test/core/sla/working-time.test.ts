import { describe, expect, it } from "vitest";
import { isAppError } from "../../../core/errors.ts";
import {
  addWorkingDays,
  addWorkingMinutes,
  createCalendar,
  isWorkingInstant,
  nextWorkingInstant,
  SEARCH_LIMIT_DAYS,
  workingMinutesBetween,
} from "../../../core/sla/index.ts";
import type { BusinessCalendar } from "../../../core/sla/index.ts";
import { BERLIN, HOUR, local, show, showWithOffset } from "./support.ts";

/** Plain Mon–Fri 09:00–18:00 in Shanghai, no holidays: March 2026 has none. */
const plain = createCalendar();
const lunch = createCalendar({
  hours: [
    { start: "09:00", end: "12:00" },
    { start: "13:30", end: "18:00" },
  ],
});

const add = (calendar: BusinessCalendar, start: string, minutes: number): string =>
  show(addWorkingMinutes(calendar, local(start), minutes));

describe("addWorkingMinutes: edges of the working day", () => {
  it.each([
    ["exactly at opening", "2026-03-04T09:00", 60, "2026-03-04 Wed 10:00"],
    ["in the middle of the day", "2026-03-04T10:15", 60, "2026-03-04 Wed 11:15"],
    ["before opening counts from opening", "2026-03-04T06:30", 60, "2026-03-04 Wed 10:00"],
    ["at midnight counts from opening", "2026-03-04T00:00", 60, "2026-03-04 Wed 10:00"],
    ["exactly at closing rolls to next opening", "2026-03-04T18:00", 60, "2026-03-05 Thu 10:00"],
    ["after closing rolls to next opening", "2026-03-04T21:45", 60, "2026-03-05 Thu 10:00"],
    ["just before midnight rolls to next opening", "2026-03-04T23:59", 60, "2026-03-05 Thu 10:00"],
    ["one minute before closing", "2026-03-04T17:59", 1, "2026-03-04 Wed 18:00"],
    ["work running out at closing ends at closing", "2026-03-04T09:00", 9 * HOUR, "2026-03-04 Wed 18:00"],
    ["one minute more goes to the next morning", "2026-03-04T09:00", 9 * HOUR + 1, "2026-03-05 Thu 09:01"],
    ["Friday afternoon into Monday", "2026-03-06T17:00", 2 * HOUR, "2026-03-09 Mon 10:00"],
    ["Saturday counts from Monday opening", "2026-03-07T11:00", 30, "2026-03-09 Mon 09:30"],
    ["Sunday night counts from Monday opening", "2026-03-08T23:30", 30, "2026-03-09 Mon 09:30"],
    ["a whole week", "2026-03-04T11:00", 5 * 9 * HOUR, "2026-03-11 Wed 11:00"],
  ])("%s", (_label, start, minutes, expected) => {
    expect(add(plain, start, minutes)).toBe(expected);
  });

  it("returns the start itself for zero minutes, even outside working hours", () => {
    expect(add(plain, "2026-03-07T11:00", 0)).toBe("2026-03-07 Sat 11:00");
  });

  it("honours fractional minutes to the millisecond", () => {
    const result = addWorkingMinutes(plain, local("2026-03-04T09:00"), 1.5);
    expect(result.toISOString()).toBe("2026-03-04T01:01:30.000Z");
  });

  it("skips a holiday and works a make-up day", () => {
    const calendar = createCalendar({ holidays: [{ date: "2026-03-05" }], makeUpWorkdays: [{ date: "2026-03-07" }] });
    expect(add(calendar, "2026-03-04T17:00", 2 * HOUR)).toBe("2026-03-06 Fri 10:00");
    expect(add(calendar, "2026-03-05T10:00", 30)).toBe("2026-03-06 Fri 09:30");
    expect(add(calendar, "2026-03-06T17:00", 2 * HOUR)).toBe("2026-03-07 Sat 10:00");
  });

  it("does not mutate its input", () => {
    const start = local("2026-03-04T09:00");
    const before = start.getTime();
    addWorkingMinutes(plain, start, 600);
    expect(start.getTime()).toBe(before);
  });

  it("rejects negative, infinite and NaN amounts and invalid dates", () => {
    expect(() => addWorkingMinutes(plain, local("2026-03-04T09:00"), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(plain, local("2026-03-04T09:00"), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWorkingMinutes(plain, local("2026-03-04T09:00"), Number.NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(plain, new Date(Number.NaN), 10)).toThrow(RangeError);
  });
});

describe("several spans per day (lunch break 12:00–13:30)", () => {
  it.each([
    ["morning work crosses lunch", "2026-03-04T11:00", 2 * HOUR, "2026-03-04 Wed 14:30"],
    ["starting during lunch counts from 13:30", "2026-03-04T12:45", 30, "2026-03-04 Wed 14:00"],
    ["starting exactly at the start of lunch", "2026-03-04T12:00", 30, "2026-03-04 Wed 14:00"],
    ["work running out at the start of lunch ends at 12:00", "2026-03-04T11:00", HOUR, "2026-03-04 Wed 12:00"],
    ["a full 7.5-hour day", "2026-03-04T09:00", 7.5 * HOUR, "2026-03-04 Wed 18:00"],
  ])("%s", (_label, start, minutes, expected) => {
    expect(add(lunch, start, minutes)).toBe(expected);
  });

  it("does not count lunch as working time", () => {
    expect(workingMinutesBetween(lunch, local("2026-03-04T11:00"), local("2026-03-04T14:00"))).toBe(60 + 30);
  });

  it("a working day on a lunch-break calendar is 7.5 hours", () => {
    expect(show(addWorkingDays(lunch, local("2026-03-06T15:00"), 1))).toBe("2026-03-09 Mon 15:00");
  });
});

describe("addWorkingDays: N working days = N × the normal day's working time", () => {
  it("3 working days from Fri 15:00 end Wed 15:00", () => {
    expect(show(addWorkingDays(plain, local("2026-03-06T15:00"), 3))).toBe("2026-03-11 Wed 15:00");
  });

  it("1 working day from opening ends at that day's closing", () => {
    expect(show(addWorkingDays(plain, local("2026-03-04T09:00"), 1))).toBe("2026-03-04 Wed 18:00");
  });

  it("counts from the next opening when started on a weekend", () => {
    expect(show(addWorkingDays(plain, local("2026-03-07T15:00"), 2))).toBe("2026-03-10 Tue 18:00");
  });

  it("uses the normal day's length even when a short day is crossed", () => {
    const shortFriday = createCalendar({ hoursByWeekday: { fri: [{ start: "09:00", end: "15:00" }] } });
    // Thu 15:00 + 9 h: Thu 3 h, Fri 6 h (short day) → ends at Friday's closing, 15:00.
    expect(show(addWorkingDays(shortFriday, local("2026-03-05T15:00"), 1))).toBe("2026-03-06 Fri 15:00");
    // Fri 09:00 + 9 h: Fri 6 h, Mon 3 h.
    expect(show(addWorkingDays(shortFriday, local("2026-03-06T09:00"), 1))).toBe("2026-03-09 Mon 12:00");
  });

  it("supports half days", () => {
    expect(show(addWorkingDays(plain, local("2026-03-04T09:00"), 0.5))).toBe("2026-03-04 Wed 13:30");
  });
});

describe("workingMinutesBetween", () => {
  it.each([
    ["same instant", "2026-03-04T10:00", "2026-03-04T10:00", 0],
    ["within a day", "2026-03-04T10:00", "2026-03-04T12:30", 150],
    ["over a night", "2026-03-04T17:00", "2026-03-05T10:00", 120],
    ["over a weekend", "2026-03-06T17:00", "2026-03-09T10:00", 120],
    ["outside hours only", "2026-03-04T18:00", "2026-03-05T09:00", 0],
    ["a whole week from midnight to midnight", "2026-03-02T00:00", "2026-03-09T00:00", 5 * 540],
  ])("%s", (_label, from, to, expected) => {
    expect(workingMinutesBetween(plain, local(from), local(to))).toBe(expected);
  });

  it("is negative when the range is reversed", () => {
    expect(workingMinutesBetween(plain, local("2026-03-05T10:00"), local("2026-03-04T17:00"))).toBe(-120);
  });

  it("returns fractional minutes for instants between whole minutes", () => {
    const from = local("2026-03-04T10:00");
    expect(workingMinutesBetween(plain, from, new Date(from.getTime() + 90_000))).toBe(1.5);
  });
});

describe("nextWorkingInstant / isWorkingInstant", () => {
  it.each([
    ["inside hours it is the instant itself", "2026-03-04T10:00", "2026-03-04 Wed 10:00"],
    ["exactly at opening", "2026-03-04T09:00", "2026-03-04 Wed 09:00"],
    ["before opening", "2026-03-04T08:59", "2026-03-04 Wed 09:00"],
    ["exactly at closing", "2026-03-04T18:00", "2026-03-05 Thu 09:00"],
    ["on a Saturday", "2026-03-07T10:00", "2026-03-09 Mon 09:00"],
  ])("%s", (_label, at, expected) => {
    expect(show(nextWorkingInstant(plain, local(at)))).toBe(expected);
  });

  it("moves from lunch to the afternoon span", () => {
    expect(show(nextWorkingInstant(lunch, local("2026-03-04T12:00")))).toBe("2026-03-04 Wed 13:30");
  });

  it("tells working instants from the others, closing time excluded", () => {
    expect(isWorkingInstant(plain, local("2026-03-04T09:00"))).toBe(true);
    expect(isWorkingInstant(plain, local("2026-03-04T17:59"))).toBe(true);
    expect(isWorkingInstant(plain, local("2026-03-04T18:00"))).toBe(false);
    expect(isWorkingInstant(plain, local("2026-03-07T10:00"))).toBe(false);
  });
});

describe("a zone with daylight saving time (Europe/Berlin)", () => {
  const berlin = createCalendar({ timeZone: BERLIN });
  const roundTheClock = createCalendar({ timeZone: BERLIN, hours: [{ start: "00:00", end: "24:00" }], weekendDays: [] });
  const nights = createCalendar({ timeZone: BERLIN, hours: [{ start: "01:00", end: "04:00" }], weekendDays: [] });

  it("keeps 09:00–18:00 local across the spring change (UTC+1 → UTC+2)", () => {
    const result = addWorkingMinutes(berlin, local("2026-03-27T17:00", BERLIN), 2 * HOUR);
    expect(showWithOffset(result, BERLIN)).toBe("2026-03-30 Mon 10:00:00 +02:00");
    expect(result.toISOString()).toBe("2026-03-30T08:00:00.000Z");
  });

  it("keeps 09:00–18:00 local across the autumn change (UTC+2 → UTC+1)", () => {
    const result = addWorkingMinutes(berlin, local("2026-10-23T17:00", BERLIN), 2 * HOUR);
    expect(showWithOffset(result, BERLIN)).toBe("2026-10-26 Mon 10:00:00 +01:00");
  });

  it("a working day is 9 real hours on both sides of the change", () => {
    expect(show(addWorkingDays(berlin, local("2026-03-27T15:00", BERLIN), 1), BERLIN)).toBe("2026-03-30 Mon 15:00");
  });

  it("measures real elapsed time: the spring Sunday has 23 hours, the autumn one 25", () => {
    const spring = workingMinutesBetween(roundTheClock, local("2026-03-29T00:00", BERLIN), local("2026-03-30T00:00", BERLIN));
    const autumn = workingMinutesBetween(roundTheClock, local("2026-10-25T00:00", BERLIN), local("2026-10-26T00:00", BERLIN));
    expect(spring).toBe(23 * 60);
    expect(autumn).toBe(25 * 60);
  });

  it("a span crossing the change lasts its real length", () => {
    expect(workingMinutesBetween(nights, local("2026-03-29T00:00", BERLIN), local("2026-03-29T12:00", BERLIN))).toBe(2 * 60);
    expect(workingMinutesBetween(nights, local("2026-10-25T00:00", BERLIN), local("2026-10-25T12:00", BERLIN))).toBe(4 * 60);
    // 2.5 h from 01:00 on the spring night: 01:00–02:00 CET, then the clock jumps to 03:00 CEST.
    const result = addWorkingMinutes(nights, local("2026-03-29T01:00", BERLIN), 2.5 * HOUR);
    expect(showWithOffset(result, BERLIN)).toBe("2026-03-30 Mon 01:30:00 +02:00");
  });

  it("adds working time round the clock as real hours over the change", () => {
    const start = local("2026-03-28T12:00", BERLIN);
    const result = addWorkingMinutes(roundTheClock, start, 24 * HOUR);
    expect(result.getTime() - start.getTime()).toBe(24 * 3_600_000);
    expect(showWithOffset(result, BERLIN)).toBe("2026-03-29 Sun 13:00:00 +02:00");
  });
});

describe("bounded searches", () => {
  it("throws a clear error when there is no working time within the search limit", () => {
    const everyDayOff = Array.from({ length: SEARCH_LIMIT_DAYS + 10 }, (_, index) => ({
      date: new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10),
    }));
    const calendar = createCalendar({ holidays: everyDayOff });
    let caught: unknown;
    try {
      nextWorkingInstant(calendar, local("2026-01-01T10:00"));
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.params["reason"]).toBe("no_working_time");
    expect((caught as Error).message).toMatch(/no working time in the 1098 days after/);
    expect(() => addWorkingMinutes(calendar, local("2026-01-01T10:00"), 1)).toThrow(/no working time/);
  });

  it("throws when the target lies beyond the search limit", () => {
    expect(() => addWorkingDays(plain, local("2026-01-05T09:00"), 1000)).toThrow(/more than 1098 days/);
  });

  it("also guards a hand-built calendar that bypassed validation", () => {
    const broken: BusinessCalendar = {
      ...plain,
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    };
    expect(() => nextWorkingInstant(broken, local("2026-03-04T10:00"))).toThrow(/no working time/);
  });
});
