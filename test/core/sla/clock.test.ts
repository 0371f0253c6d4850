import { describe, expect, it } from "vitest";
import { defaultCalendar, evaluateClock } from "../../../core/sla/index.ts";
import type { ClockInput, ClockPause, SlaTarget } from "../../../core/sla/index.ts";
import { local, show } from "./support.ts";

// March 2026 has no holidays in the default calendar (Mon–Fri 09:00–18:00, Asia/Shanghai).
const calendar = defaultCalendar();
const TWO_HOURS: SlaTarget = { amount: 2, unit: "hours" };
const NINE_WORKING_HOURS: SlaTarget = { amount: 9, unit: "working_hours" };
const THREE_WORKING_DAYS: SlaTarget = { amount: 3, unit: "working_days" };

function clock(startedAt: string, target: SlaTarget, now: string, extra: Partial<ClockInput> = {}) {
  return evaluateClock({ startedAt: local(startedAt), target, calendar, now: local(now), ...extra });
}

const pause = (from: string, to?: string): ClockPause => (to === undefined ? { from: local(from) } : { from: local(from), to: local(to) });

describe("a wall-clock clock (urgent first response, 2 h)", () => {
  it("is active before 80 % of the target", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T10:30");
    expect(state.status).toBe("active");
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 12:00");
    expect(show(state.warnAt)).toBe("2026-03-04 Wed 11:36");
    expect(state.elapsedMinutes).toBe(30);
    expect(state.remainingMinutes).toBe(90);
    expect(state.targetMinutes).toBe(120);
    expect(state.warningReached).toBe(false);
  });

  it("warns from exactly 80 % of the target", () => {
    expect(clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T11:35").status).toBe("active");
    expect(clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T11:36").status).toBe("warning");
  });

  it("is not yet breached exactly at the due time, and breached right after", () => {
    expect(clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T12:00").status).toBe("warning");
    const late = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T12:01");
    expect(late.status).toBe("breached");
    expect(late.breached).toBe(true);
    expect(late.remainingMinutes).toBe(-1);
    expect(late.metLate).toBe(false);
  });

  it("runs through the night and the weekend", () => {
    const state = clock("2026-03-06T17:30", TWO_HOURS, "2026-03-06T20:00");
    expect(show(state.dueAt)).toBe("2026-03-06 Fri 19:30");
    expect(state.status).toBe("breached");
  });

  it("is met when stopped before (or exactly at) the due time", () => {
    const met = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T15:00", { stoppedAt: local("2026-03-04T11:50") });
    expect(met.status).toBe("met");
    expect(met.elapsedMinutes).toBe(110);
    expect(met.remainingMinutes).toBe(10);
    expect(met.metLate).toBe(false);
    expect(met.warningReached).toBe(true);
    expect(clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T15:00", { stoppedAt: local("2026-03-04T12:00") }).status).toBe("met");
  });

  it("stays breached, marked met late, when stopped after the due time", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-05T09:00", { stoppedAt: local("2026-03-04T12:30") });
    expect(state.status).toBe("breached");
    expect(state.metLate).toBe(true);
    expect(state.elapsedMinutes).toBe(150);
    expect(state.remainingMinutes).toBe(-30);
    expect(show(state.stoppedAt ?? new Date(Number.NaN))).toBe("2026-03-04 Wed 12:30");
  });

  it("ignores a stop that lies after now (facts from the future are not known yet)", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T10:30", { stoppedAt: local("2026-03-04T11:00") });
    expect(state.status).toBe("active");
    expect(state.stoppedAt).toBeUndefined();
  });

  it("has not started when now is before the start", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T09:00");
    expect(state.status).toBe("active");
    expect(state.elapsedMinutes).toBe(0);
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 12:00");
  });

  it("takes a custom warning ratio and rejects one outside (0, 1]", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T11:00", { warningRatio: 0.5 });
    expect(show(state.warnAt)).toBe("2026-03-04 Wed 11:00");
    expect(state.status).toBe("warning");
    expect(() => clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T11:00", { warningRatio: 0 })).toThrow(RangeError);
    expect(() => clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T11:00", { warningRatio: 1.2 })).toThrow(RangeError);
  });
});

describe("a working-time clock", () => {
  it("3 working days from Friday 15:00: due Wednesday 15:00, warning at 80 % (Wednesday 09:36)", () => {
    const state = clock("2026-03-06T15:00", THREE_WORKING_DAYS, "2026-03-07T12:00");
    expect(show(state.dueAt)).toBe("2026-03-11 Wed 15:00");
    expect(show(state.warnAt)).toBe("2026-03-11 Wed 09:36");
    expect(state.targetMinutes).toBe(1620);
    // Saturday counts nothing: only Friday 15:00–18:00 has elapsed.
    expect(state.elapsedMinutes).toBe(180);
    expect(state.status).toBe("active");
  });

  it("goes active → warning → breached as working time passes", () => {
    const at = (now: string) => clock("2026-03-02T09:00", NINE_WORKING_HOURS, now).status;
    expect(at("2026-03-02T15:00")).toBe("active");
    expect(at("2026-03-02T16:12")).toBe("warning");
    expect(at("2026-03-02T18:00")).toBe("warning");
    expect(at("2026-03-02T18:01")).toBe("breached");
  });

  it("is breached outside working hours after the due time, with no working time overdue yet", () => {
    const state = clock("2026-03-02T09:00", NINE_WORKING_HOURS, "2026-03-02T21:00");
    expect(state.status).toBe("breached");
    expect(state.remainingMinutes).toBe(0);
    expect(clock("2026-03-02T09:00", NINE_WORKING_HOURS, "2026-03-03T10:00").remainingMinutes).toBe(-60);
  });

  it("starts counting at the next opening for a ticket opened at night", () => {
    const state = clock("2026-03-02T22:00", NINE_WORKING_HOURS, "2026-03-03T08:00");
    expect(show(state.dueAt)).toBe("2026-03-03 Tue 18:00");
    expect(state.elapsedMinutes).toBe(0);
  });
});

describe("pauses (pending on the customer or a third party)", () => {
  it("shift a working-time due date by the working time inside the pause", () => {
    // 1 h counted, then pending Mon 10:00 → Tue 11:00 (10 working hours), 8 h left from Tue 11:00.
    const state = clock("2026-03-02T09:00", NINE_WORKING_HOURS, "2026-03-03T12:00", {
      pauses: [pause("2026-03-02T10:00", "2026-03-03T11:00")],
    });
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 10:00");
    expect(state.pausedMinutes).toBe(600);
    expect(state.elapsedMinutes).toBe(120);
    expect(show(state.warnAt)).toBe("2026-03-03 Tue 17:12");
    expect(state.status).toBe("active");
  });

  it("over a weekend change nothing for a working-time clock", () => {
    const paused = clock("2026-03-06T15:00", THREE_WORKING_DAYS, "2026-03-09T12:00", {
      pauses: [pause("2026-03-06T18:00", "2026-03-09T09:00")],
    });
    const unpaused = clock("2026-03-06T15:00", THREE_WORKING_DAYS, "2026-03-09T12:00");
    expect(paused.dueAt).toEqual(unpaused.dueAt);
    expect(paused.pausedMinutes).toBe(0);
  });

  it("shift a wall-clock due date by the whole pause", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T12:30", { pauses: [pause("2026-03-04T10:30", "2026-03-04T11:30")] });
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 13:00");
    expect(state.pausedMinutes).toBe(60);
    expect(state.elapsedMinutes).toBe(90);
    // 90 of 120 minutes is 75 %: the warning threshold moved with the pause too.
    expect(show(state.warnAt)).toBe("2026-03-04 Wed 12:36");
    expect(state.status).toBe("active");
  });

  it("are merged when they overlap, so time is not excluded twice", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T12:30", {
      pauses: [pause("2026-03-04T11:00", "2026-03-04T12:00"), pause("2026-03-04T10:30", "2026-03-04T11:30")],
    });
    expect(state.pausedMinutes).toBe(90);
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 13:30");
  });

  it("count only from the start and only until the stop", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T16:00", {
      pauses: [pause("2026-03-04T09:00", "2026-03-04T10:30"), pause("2026-03-04T13:00", "2026-03-04T15:00")],
      stoppedAt: local("2026-03-04T12:00"),
    });
    expect(state.pausedMinutes).toBe(30);
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 12:30");
    expect(state.status).toBe("met");
  });

  it("an open pause reports paused, with the due time as if the clock resumed now", () => {
    const early = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T11:00", { pauses: [pause("2026-03-04T10:30")] });
    expect(early.status).toBe("paused");
    expect(show(early.dueAt)).toBe("2026-03-04 Wed 12:30");
    expect(early.elapsedMinutes).toBe(30);
    const later = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T15:00", { pauses: [pause("2026-03-04T10:30")] });
    expect(later.status).toBe("paused");
    expect(show(later.dueAt)).toBe("2026-03-04 Wed 16:30");
    expect(later.remainingMinutes).toBe(90);
  });

  it("paused then resumed: the due time moves by the pause, then the clock runs again", () => {
    const pending = pause("2026-03-04T11:00", "2026-03-04T14:00");
    const during = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T13:00", { pauses: [{ from: pending.from }] });
    const after = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T14:30", { pauses: [pending] });
    expect(during.status).toBe("paused");
    expect(after.status).toBe("active");
    expect(show(after.dueAt)).toBe("2026-03-04 Wed 15:00");
    expect(after.elapsedMinutes).toBe(90);
    expect(clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T14:40", { pauses: [pending] }).status).toBe("warning");
    expect(clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T15:01", { pauses: [pending] }).status).toBe("breached");
  });

  it("reports paused even past the warning threshold, and keeps the fact that it was reached", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T13:00", { pauses: [pause("2026-03-04T11:45")] });
    expect(state.status).toBe("paused");
    expect(state.warningReached).toBe(true);
  });

  it("a pause that starts after the due time does not undo the breach", () => {
    const state = clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T13:00", { pauses: [pause("2026-03-04T12:30")] });
    expect(state.status).toBe("breached");
    expect(show(state.dueAt)).toBe("2026-03-04 Wed 12:00");
  });

  it("rejects a pause that ends before it starts", () => {
    expect(() =>
      clock("2026-03-04T10:00", TWO_HOURS, "2026-03-04T13:00", { pauses: [pause("2026-03-04T12:00", "2026-03-04T11:00")] }),
    ).toThrow(/ends before it starts/);
  });

  it("excludes working time in a pause that spans the Spring Festival only where there was working time", () => {
    // Started Thu Feb 12 09:00, 3 working days (27 h); pending Fri Feb 13 09:00 → Tue Feb 24 09:00.
    // Excluded: Fri 13 (9 h) + Sat 14 make-up (9 h). 9 h counted on Thursday, 18 h left from Feb 24.
    const state = clock("2026-02-12T09:00", THREE_WORKING_DAYS, "2026-02-24T10:00", {
      pauses: [pause("2026-02-13T09:00", "2026-02-24T09:00")],
    });
    expect(state.pausedMinutes).toBe(18 * 60);
    expect(show(state.dueAt)).toBe("2026-02-25 Wed 18:00");
    expect(state.elapsedMinutes).toBe(10 * 60);
  });
});
