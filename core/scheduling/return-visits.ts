import { AppError } from "../errors.ts";
import type { CoreDeps, ReturnVisit } from "../ports.ts";
import { parseTicketNumber } from "../tickets/numbering.ts";
import { actingStaff, requireMayWorkOn, requireStaff } from "../tickets/permissions.ts";
import { newEvent, type Initiator } from "../tickets/ticket-event.ts";
import type { FieldIssue } from "../tickets/report.ts";
import { CALLING_WINDOW_LABELS, isCallingTime, nextCallingSlot } from "../visits/calling-slot.ts";

/**
 * Return visits (回访): every resolved ticket gets one call-back, due N days after
 * resolution (default 3) at an acceptable calling hour; when it falls due the staff room is
 * told once. Both steps are derived from the database, so nothing is lost across restarts.
 */
export async function scheduleReturnVisits(deps: CoreDeps): Promise<{ scheduled: number; announced: number }> {
  let scheduled = 0;
  for (const ticket of await deps.scheduling.ticketsNeedingReturnVisit(200)) {
    const resolvedAt = ticket.resolvedAt ?? ticket.closedAt;
    if (!resolvedAt) continue;
    const earliest = new Date(resolvedAt.getTime() + deps.settings.returnVisitDays * 24 * 3600_000);
    const created = await deps.scheduling.createReturnVisit({
      id: deps.newId(),
      ticketId: ticket.id,
      dueAt: nextCallingSlot(earliest, deps.settings.timeZone),
      createdAt: deps.clock.now(),
    });
    if (created) scheduled++;
  }

  let announced = 0;
  for (const visit of await deps.scheduling.dueReturnVisits(deps.clock.now(), 200)) {
    const ticket = await deps.tickets.findById(visit.ticketId);
    if (!ticket) continue;
    const outbox = deps.settings.staffRoomChannels.map((channel) => ({
      channel,
      recipient: { kind: "staff_room" as const },
      ticketId: ticket.id,
      notification: { kind: "staff.return_visit_due" as const, number: ticket.number, name: ticket.contactName },
    }));
    if (await deps.scheduling.claimReturnVisitDue(visit.id, outbox)) announced++;
  }
  return { scheduled, announced };
}

/**
 * Staff record a call-back attempt: reached closes the visit; not reached needs the next
 * attempt's time (domain.md), defaulting to the next acceptable calling slot after a day. A
 * typed time must be ahead and inside the calling windows (never 9–10 or 18–19).
 */
export async function recordReturnVisit(
  deps: CoreDeps,
  options: { number: string; outcome: "reached" | "unreached"; note?: string; nextAttemptAt?: Date; initiator: Initiator },
): Promise<ReturnVisit> {
  const staffId = requireStaff(options.initiator);
  // Staff type numbers as they read them (`sr 2026-1124-0001`).
  const number = parseTicketNumber(options.number, deps.settings.numberPrefix);
  const ticket = number ? await deps.tickets.findByNumber(number) : null;
  const visit = ticket ? await deps.scheduling.findReturnVisit(ticket.id) : null;
  if (!ticket || !visit) throw new AppError("not_found", { params: { number: options.number } });
  requireMayWorkOn(await actingStaff(deps, options.initiator), ticket);
  if (visit.status === "done") throw new AppError("illegal_transition", { params: { from: "done", to: "done", allowed: [] } });
  const now = deps.clock.now();
  if (options.outcome === "unreached" && options.nextAttemptAt) requireCallingTime(options.nextAttemptAt, now, deps.settings.timeZone);
  const nextDueAt =
    options.outcome === "unreached" ? (options.nextAttemptAt ?? nextCallingSlot(new Date(now.getTime() + 24 * 3600_000), deps.settings.timeZone)) : undefined;
  const event = newEvent("note", options.initiator, now, {
    visibility: "internal",
    note: options.note ?? "",
    data: { returnVisit: options.outcome, attempt: visit.attempts + 1, ...(nextDueAt ? { nextAttemptAt: nextDueAt } : {}) },
  });
  const updated = await deps.scheduling.recordReturnVisitAttempt(
    visit.id,
    { outcome: options.outcome, staffId, at: now, ...(options.note ? { note: options.note } : {}), ...(nextDueAt ? { nextDueAt } : {}) },
    event,
  );
  return updated;
}

/** A next call time staff typed: in the future and inside a calling window, else a `validation` error naming the windows. */
function requireCallingTime(at: Date, now: Date, timeZone: string): void {
  let issue: FieldIssue | null = null;
  if (at.getTime() <= now.getTime()) issue = { field: "nextAttemptAt", problem: { kind: "in_past" } };
  else if (!isCallingTime(at, timeZone)) issue = { field: "nextAttemptAt", problem: { kind: "outside_calling_hours", windows: CALLING_WINDOW_LABELS } };
  if (issue) throw new AppError("validation", { params: { fields: [issue.field], issues: [issue] }, detail: `next call ${at.toISOString()}: ${issue.problem.kind}` });
}
