import { describe, expect, it } from "vitest";
import { AppError } from "../../../core/errors.ts";
import { assertTransition, canTransition, TRANSITIONS } from "../../../core/tickets/status-machine.ts";
import { TICKET_STATUSES, type TicketStatus } from "../../../core/tickets/types.ts";

const allowed = Object.entries(TRANSITIONS).flatMap(([from, targets]) => targets.map((to) => [from, to] as [TicketStatus, TicketStatus]));

describe("status machine", () => {
  it.each(allowed)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  const forbidden: [TicketStatus, TicketStatus][] = [
    ["new", "in_progress"],
    ["new", "scheduled"],
    ["awaiting_approval", "in_progress"],
    ["awaiting_approval", "closed"],
    ["closed", "in_progress"],
    ["closed", "closed"],
    ["cancelled", "accepted"],
    ["resolved", "new"],
    ["rejected", "in_progress"],
    ["scheduled", "new"],
  ];

  it.each(forbidden)("forbids %s → %s with an error naming the allowed next steps", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    try {
      assertTransition(from, to);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.code).toBe("illegal_transition");
      expect(appError.params).toEqual({ from, to, allowed: [...TRANSITIONS[from]] });
    }
  });

  it("has a row for every status, no self-loops, and cancelled as the only dead end", () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
    for (const status of TICKET_STATUSES) expect(TRANSITIONS[status]).not.toContain(status);
    const deadEnds = TICKET_STATUSES.filter((status) => TRANSITIONS[status].length === 0);
    expect(deadEnds).toEqual(["cancelled"]);
  });

  it("reaches closed from new along the documented lifecycle", () => {
    const path: TicketStatus[] = ["new", "accepted", "diagnosing", "awaiting_approval", "approved", "assigned", "scheduled", "in_progress", "pending", "resolved", "closed", "accepted"];
    for (let index = 1; index < path.length; index++) expect(canTransition(path[index - 1]!, path[index]!)).toBe(true);
  });
});
