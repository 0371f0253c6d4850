/**
 * Property-style checks: addWorkingMinutes and workingMinutesBetween are inverses, over many
 * generated instants from a seeded PRNG (reproducible: same seed, same cases).
 */
import { describe, expect, it } from "vitest";
import {
  addWorkingMinutes,
  createCalendar,
  defaultCalendar,
  isWorkingInstant,
  workingMinutesBetween,
} from "../../../core/sla/index.ts";
import type { BusinessCalendar } from "../../../core/sla/index.ts";
import { BERLIN, local, seededRandom } from "./support.ts";

const CASES = 250;

const calendars: readonly [string, BusinessCalendar][] = [
  ["default Shanghai calendar with the 2026 holidays", defaultCalendar()],
  [
    "lunch-break calendar with a short Friday and a Saturday morning",
    createCalendar({
      hours: [
        { start: "09:00", end: "12:00" },
        { start: "13:30", end: "18:00" },
      ],
      hoursByWeekday: { fri: [{ start: "08:30", end: "15:00" }], sat: [{ start: "10:00", end: "12:00" }] },
      weekendDays: ["sun"],
    }),
  ],
  [
    "Berlin calendar with night spans crossing the DST changes",
    createCalendar({
      timeZone: BERLIN,
      hours: [
        { start: "01:00", end: "04:00" },
        { start: "09:00", end: "17:30" },
      ],
      holidays: [{ date: "2026-12-25" }, { date: "2026-12-26" }],
    }),
  ],
];

// Instants from mid-December 2025 to the end of 2026, on whole seconds.
const RANGE_START = local("2025-12-15T00:00").getTime();
const RANGE_END = local("2026-12-31T00:00").getTime();

function instantFrom(random: () => number): Date {
  const span = (RANGE_END - RANGE_START) / 1000;
  return new Date(RANGE_START + Math.floor(random() * span) * 1000);
}

/** Minutes that are often small, sometimes several weeks, sometimes zero. */
function minutesFrom(random: () => number): number {
  const pick = random();
  if (pick < 0.05) return 0;
  if (pick < 0.6) return Math.floor(random() * 600);
  return Math.floor(random() * 30_000);
}

describe.each(calendars)("working-time arithmetic is consistent: %s", (_name, calendar) => {
  it("workingMinutesBetween(s, addWorkingMinutes(s, m)) === m", () => {
    const random = seededRandom(20260213);
    for (let i = 0; i < CASES; i++) {
      const start = instantFrom(random);
      const minutes = minutesFrom(random);
      const end = addWorkingMinutes(calendar, start, minutes);
      expect(end.getTime(), `case ${i}: ${start.toISOString()} + ${minutes}`).toBeGreaterThanOrEqual(start.getTime());
      expect(workingMinutesBetween(calendar, start, end), `case ${i}: ${start.toISOString()} + ${minutes}`).toBe(minutes);
    }
  });

  it("addWorkingMinutes(from, workingMinutesBetween(from, to)) is the earliest instant with that much work, landing on `to` inside working time", () => {
    const random = seededRandom(4242);
    for (let i = 0; i < CASES; i++) {
      const a = instantFrom(random);
      const b = new Date(a.getTime() + Math.floor(random() * 40 * 86_400) * 1000);
      const minutes = workingMinutesBetween(calendar, a, b);
      const back = addWorkingMinutes(calendar, a, minutes);
      const label = `case ${i}: ${a.toISOString()} → ${b.toISOString()}`;
      expect(back.getTime(), label).toBeLessThanOrEqual(b.getTime());
      expect(workingMinutesBetween(calendar, back, b), label).toBe(0);
      // Strictly inside working time (not at an opening), the round trip is exact.
      const justBefore = new Date(b.getTime() - 1000);
      if (minutes > 0 && isWorkingInstant(calendar, b) && isWorkingInstant(calendar, justBefore)) {
        expect(back.getTime(), label).toBe(b.getTime());
      }
    }
  });

  it("adding in two steps equals adding the sum", () => {
    const random = seededRandom(7);
    for (let i = 0; i < CASES; i++) {
      const start = instantFrom(random);
      const first = minutesFrom(random);
      const second = 1 + Math.floor(random() * 2000);
      const label = `case ${i}: ${start.toISOString()} + ${first} + ${second}`;
      const stepwise = addWorkingMinutes(calendar, addWorkingMinutes(calendar, start, first), second);
      expect(stepwise.getTime(), label).toBe(addWorkingMinutes(calendar, start, first + second).getTime());
    }
  });

  it("workingMinutesBetween is additive and antisymmetric", () => {
    const random = seededRandom(99);
    for (let i = 0; i < CASES; i++) {
      const [a, b, c] = [instantFrom(random), instantFrom(random), instantFrom(random)].sort((x, y) => x.getTime() - y.getTime()) as [
        Date,
        Date,
        Date,
      ];
      const label = `case ${i}`;
      expect(workingMinutesBetween(calendar, a, b) + workingMinutesBetween(calendar, b, c), label).toBeCloseTo(
        workingMinutesBetween(calendar, a, c),
        9,
      );
      expect(workingMinutesBetween(calendar, c, a), label).toBe(-workingMinutesBetween(calendar, a, c));
    }
  });
});
