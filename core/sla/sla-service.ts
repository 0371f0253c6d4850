import type { Category, Urgency } from "../tickets/types.ts";
import type { BusinessCalendar } from "./calendar.ts";
import { evaluateClock, type ClockPause, type ClockState } from "./clock.ts";
import { resolvePolicy, targetFor, type SlaClockKind, type SlaPolicies } from "./policy.ts";

export type SlaSubject = { urgency: Urgency; category: Category; workCenterId?: string };

/** The four instants a new ticket's clocks are created with. */
export type SlaPlan = {
  firstResponseDueAt: Date;
  firstResponseWarnAt: Date;
  resolutionDueAt: Date;
  resolutionWarnAt: Date;
};

/**
 * The SLA rules in force: one business calendar and the policies. Admins can change both
 * at run time (`configure`), so the service is one object whose contents are replaced,
 * never a global.
 */
export function createSlaService(initial: { calendar: BusinessCalendar; policies: SlaPolicies; warningRatio?: number }) {
  let calendar = initial.calendar;
  let policies = initial.policies;
  const warningRatio = initial.warningRatio ?? 0.8;

  function evaluate(input: SlaSubject & { kind: SlaClockKind; startedAt: Date; pauses?: readonly ClockPause[]; stoppedAt?: Date; now: Date }): ClockState {
    const policy = resolvePolicy(policies, { urgency: input.urgency, category: input.category, ...(input.workCenterId ? { workCenterId: input.workCenterId } : {}) });
    return evaluateClock({
      startedAt: input.startedAt,
      target: targetFor(policy, input.kind),
      calendar,
      ...(input.pauses ? { pauses: input.pauses } : {}),
      ...(input.stoppedAt ? { stoppedAt: input.stoppedAt } : {}),
      warningRatio,
      now: input.now,
    });
  }

  return {
    evaluate,
    /** Due and warning times of both clocks, counted from `startedAt` with no pauses. */
    plan(subject: SlaSubject & { startedAt: Date }): SlaPlan {
      const first = evaluate({ ...subject, kind: "first_response", now: subject.startedAt });
      const resolution = evaluate({ ...subject, kind: "resolution", now: subject.startedAt });
      return {
        firstResponseDueAt: first.dueAt,
        firstResponseWarnAt: first.warnAt,
        resolutionDueAt: resolution.dueAt,
        resolutionWarnAt: resolution.warnAt,
      };
    },
    configure(next: { calendar?: BusinessCalendar; policies?: SlaPolicies }) {
      if (next.calendar) calendar = next.calendar;
      if (next.policies) policies = next.policies;
    },
    current() {
      return { calendar, policies };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
