import { AppError } from "../errors.ts";
import { alertOutcomeOf, planSupervisorAlert, type SupervisorAlertOutcome } from "../notifications/alert-supervisors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { slaFields } from "./sla-fields.ts";
import { isOpen } from "./status-machine.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket, Urgency } from "./types.ts";

const RAISED: { readonly [U in Urgency]: Urgency } = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

/** The escalated ticket, and which supervisors were alerted privately (`notified` false: none was reachable). */
export type EscalationResult = { ticket: Ticket; supervisorAlert: SupervisorAlertOutcome };

/**
 * Escalation (申告/升级): raises urgency one level; the staff room hears it (the notification
 * policy), and each active supervisor privately on every channel they can be reached on, with
 * who was alerted (or that nobody could be) on the timeline. Used by staff (`/escalate`, the
 * staff API); the scheduler's SLA breaches alert supervisors the same way.
 */
export async function escalateTicket(
  deps: CoreDeps,
  options: { number: string; reason?: string; initiator: Initiator },
): Promise<EscalationResult> {
  if (options.initiator.actor.kind === "customer") throw new AppError("forbidden");
  const alert = await planSupervisorAlert(deps, { includeStaffRoom: false });
  let planned: NewTicketEvent[] = [];
  const ticket = await changeTicket(deps, options.number, (current, now) => {
    if (!isOpen(current.status)) {
      throw new AppError("ticket_not_open", { params: { status: current.status } });
    }
    const urgency = RAISED[current.urgency];
    const events: NewTicketEvent[] = [newEvent("escalated", options.initiator, now, { note: options.reason ?? "" })];
    if (urgency !== current.urgency) {
      events.push(newEvent("urgency_changed", options.initiator, now, { data: { from: current.urgency, to: urgency, reason: "escalated" } }));
    }
    events.push(alert.event(now));
    planned = events;
    const outbox = alert.address(current.id, { kind: "staff.escalated", number: current.number, reason: { kind: "note", text: options.reason ?? "" } });
    return { patch: { urgency, ...slaFields(deps.settings, { ...current, urgency }) }, events, outbox };
  });
  return { ticket, supervisorAlert: alertOutcomeOf(planned) ?? { notified: false, supervisors: [] } };
}
