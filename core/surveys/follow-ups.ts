import { AppError } from "../errors.ts";
import { alertSupervisors } from "../notifications/alert-supervisors.ts";
import type { CoreDeps } from "../ports.ts";
import { parseTicketNumber } from "../tickets/numbering.ts";
import { requireAbility, requireStaff } from "../tickets/permissions.ts";
import { newEvent, type Initiator } from "../tickets/ticket-event.ts";
import type { Staff } from "../tickets/types.ts";

/**
 * Low-score follow-ups (a score below 3 promises the customer a supervisor's call within 24 h):
 * supervisors list the open ones, are reminded once privately when one falls due, and mark
 * each done with a note, which goes on the ticket's timeline.
 */

/** An open follow-up as staff see it in `/followups` and the staff API. */
export type FollowUpView = {
  number: string;
  kind: "low_score";
  dueAt: Date;
  overdue: boolean;
  /** The customer's comment on the score, when they wrote one. */
  note: string | null;
  contactName: string;
  phone: string;
  remindedAt: Date | null;
};

/** Open follow-up tasks, earliest due first; for supervisors and admins. */
export async function listFollowUps(deps: CoreDeps, staff: Staff): Promise<FollowUpView[]> {
  requireAbility(staff.role, "followUp");
  const now = deps.clock.now();
  const views: FollowUpView[] = [];
  for (const task of await deps.scheduling.openFollowUpTasks()) {
    const ticket = await deps.tickets.findById(task.ticketId);
    if (!ticket) continue;
    views.push({
      number: ticket.number,
      kind: task.kind,
      dueAt: task.dueAt,
      overdue: task.dueAt.getTime() <= now.getTime(),
      note: task.note ?? null,
      contactName: ticket.contactName,
      phone: ticket.phone,
      remindedAt: task.remindedAt ?? null,
    });
  }
  return views;
}

/** Marks the ticket's open follow-ups done; `not_found` when the ticket has none open. */
export async function completeFollowUp(deps: CoreDeps, options: { number: string; note?: string; initiator: Initiator; staff: Staff }): Promise<{ number: string; tasks: number }> {
  const staffId = requireStaff(options.initiator);
  requireAbility(options.staff.role, "followUp");
  const number = parseTicketNumber(options.number, deps.settings.numberPrefix);
  const ticket = number ? await deps.tickets.findByNumber(number) : null;
  if (!ticket) throw new AppError("not_found", { params: { number: options.number } });
  const open = (await deps.scheduling.openFollowUpTasks()).filter((task) => task.ticketId === ticket.id).length;
  if (open === 0) throw new AppError("not_found", { params: { number: ticket.number }, detail: "no open follow-up" });
  const now = deps.clock.now();
  const note = options.note?.trim() || undefined;
  const event = newEvent("follow_up_done", options.initiator, now, { visibility: "internal", ...(note ? { note } : {}), data: { tasks: open } });
  const tasks = await deps.scheduling.completeFollowUps(ticket.id, { at: now, staffId, ...(note ? { note } : {}) }, event);
  if (tasks === 0) throw new AppError("not_found", { params: { number: ticket.number }, detail: "no open follow-up" });
  return { number: ticket.number, tasks };
}

/**
 * Scheduler job: each open follow-up that has fallen due is announced once, privately, to every
 * supervisor who can be reached (and the staff room), claimed with a conditional write so
 * restarts and racing passes remind once.
 */
export async function remindDueFollowUps(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now();
  let reminded = 0;
  const tasks = await deps.scheduling.followUpsToRemind(now, 200);
  if (tasks.length === 0) return 0;
  const address = await alertSupervisors(deps, { includeStaffRoom: true });
  for (const task of tasks) {
    const ticket = await deps.tickets.findById(task.ticketId);
    if (!ticket) continue;
    const outbox = address(ticket.id, { kind: "staff.follow_up_due", number: ticket.number, dueAt: task.dueAt });
    if (await deps.scheduling.claimFollowUpReminder(task.id, now, outbox)) reminded++;
  }
  return reminded;
}
