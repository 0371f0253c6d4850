import { describe, expect, it } from "vitest";
import { clockEvents, defaultCalendar, evaluateClock, NOTHING_RECORDED } from "../../../core/sla/index.ts";
import type { ClockEvent, ClockInput, ClockState, RecordedClockFlags, SlaTarget } from "../../../core/sla/index.ts";
import { local, MINUTE_MS, show } from "./support.ts";

const calendar = defaultCalendar();
const TWO_HOURS: SlaTarget = { amount: 2, unit: "hours" };

function stateAt(now: string, extra: Partial<ClockInput> = {}): ClockState {
  return evaluateClock({ startedAt: local("2026-03-04T10:00"), target: TWO_HOURS, calendar, now: local(now), ...extra });
}

const types = (events: readonly ClockEvent[]) => events.map((event) => event.type);

describe("clockEvents: which SLA events to record now", () => {
  it("records nothing while the clock is active", () => {
    expect(clockEvents(NOTHING_RECORDED, stateAt("2026-03-04T10:30"))).toEqual({ events: [], recorded: NOTHING_RECORDED });
  });

  it("records the warning once, at the threshold instant", () => {
    const first = clockEvents(NOTHING_RECORDED, stateAt("2026-03-04T11:40"));
    expect(types(first.events)).toEqual(["sla_warning"]);
    expect(show(first.events[0]?.at ?? new Date(Number.NaN))).toBe("2026-03-04 Wed 11:36");
    expect(first.recorded).toEqual({ warned: true, breached: false });
    expect(clockEvents(first.recorded, stateAt("2026-03-04T11:50")).events).toEqual([]);
  });

  it("records the breach once, at the due instant", () => {
    const warned: RecordedClockFlags = { warned: true, breached: false };
    const first = clockEvents(warned, stateAt("2026-03-04T12:05"));
    expect(types(first.events)).toEqual(["sla_breached"]);
    expect(show(first.events[0]?.at ?? new Date(Number.NaN))).toBe("2026-03-04 Wed 12:00");
    expect(first.recorded).toEqual({ warned: true, breached: true });
    expect(clockEvents(first.recorded, stateAt("2026-03-04T13:00")).events).toEqual([]);
  });

  it("records only the breach when the warning window was missed, and no warning afterwards", () => {
    const first = clockEvents(NOTHING_RECORDED, stateAt("2026-03-04T12:30"));
    expect(types(first.events)).toEqual(["sla_breached"]);
    expect(first.recorded).toEqual({ warned: false, breached: true });
    expect(clockEvents(first.recorded, stateAt("2026-03-04T13:00")).events).toEqual([]);
  });

  it("records a breach for a clock met late that was never seen past due", () => {
    const state = stateAt("2026-03-04T13:00", { stoppedAt: local("2026-03-04T12:10") });
    expect(state.metLate).toBe(true);
    expect(types(clockEvents({ warned: true, breached: false }, state).events)).toEqual(["sla_breached"]);
  });

  it("records nothing for a clock met on time, even if its warning was never recorded", () => {
    const state = stateAt("2026-03-04T13:00", { stoppedAt: local("2026-03-04T11:50") });
    expect(state.status).toBe("met");
    expect(clockEvents(NOTHING_RECORDED, state)).toEqual({ events: [], recorded: NOTHING_RECORDED });
  });

  it("still warns for a paused clock that crossed the threshold before the pause", () => {
    const state = stateAt("2026-03-04T13:00", { pauses: [{ from: local("2026-03-04T11:45") }] });
    expect(state.status).toBe("paused");
    expect(types(clockEvents(NOTHING_RECORDED, state).events)).toEqual(["sla_warning"]);
  });

  it("never warns after a breach was recorded, even if the target was later extended", () => {
    const extended = evaluateClock({
      startedAt: local("2026-03-04T10:00"),
      target: { amount: 3, unit: "hours" },
      calendar,
      now: local("2026-03-04T12:30"),
    });
    expect(extended.status).toBe("warning");
    expect(clockEvents({ warned: false, breached: true }, extended).events).toEqual([]);
  });
});

describe("a scheduler polling one clock records each event exactly once", () => {
  function poll(stepMinutes: number, extra: Partial<ClockInput> = {}): ClockEvent[] {
    const recordedEvents: ClockEvent[] = [];
    let flags = NOTHING_RECORDED;
    const start = local("2026-03-04T09:55").getTime();
    for (let now = start; now <= start + 6 * 60 * MINUTE_MS; now += stepMinutes * MINUTE_MS) {
      const state = evaluateClock({
        startedAt: local("2026-03-04T10:00"),
        target: TWO_HOURS,
        calendar,
        now: new Date(now),
        ...extra,
      });
      const transition = clockEvents(flags, state);
      recordedEvents.push(...transition.events);
      flags = transition.recorded;
    }
    return recordedEvents;
  }

  it("polling every 7 minutes: one warning, then one breach", () => {
    const events = poll(7);
    expect(events.map((event) => `${event.type} ${show(event.at)}`)).toEqual([
      "sla_warning 2026-03-04 Wed 11:36",
      "sla_breached 2026-03-04 Wed 12:00",
    ]);
  });

  it("polling every 90 minutes jumps over the warning window: only the breach", () => {
    expect(types(poll(90))).toEqual(["sla_breached"]);
  });

  it("with a pause in between: the events move with the due time, still once each", () => {
    const events = poll(5, { pauses: [{ from: local("2026-03-04T11:00"), to: local("2026-03-04T12:00") }] });
    expect(events.map((event) => `${event.type} ${show(event.at)}`)).toEqual([
      "sla_warning 2026-03-04 Wed 12:36",
      "sla_breached 2026-03-04 Wed 13:00",
    ]);
  });

  it("a clock answered on time records nothing", () => {
    expect(poll(3, { stoppedAt: local("2026-03-04T11:20") })).toEqual([]);
  });
});
