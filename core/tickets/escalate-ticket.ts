import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { slaFields } from "./sla-fields.ts";
import { isOpen } from "./status-machine.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket, Urgency } from "./types.ts";

const RAISED: { readonly [U in Urgency]: Urgency } = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

/**
 * Escalation (申告/升级): raises urgency one level and alerts the staff room and supervisors.
 * Used by staff (`/escalate`) and by the system (SLA breach, repeated complaint).
 */
export async function escalateTicket(
  deps: CoreDeps,
  options: { number: string; reason?: string; initiator: Initiator },
): Promise<Ticket> {
  if (options.initiator.actor.kind === "customer") throw new AppError("forbidden");
  return changeTicket(deps, options.number, (ticket, now) => {
    if (!isOpen(ticket.status)) {
      throw new AppError("ticket_not_open", { params: { status: ticket.status } });
    }
    const urgency = RAISED[ticket.urgency];
    const events: NewTicketEvent[] = [newEvent("escalated", options.initiator, now, { note: options.reason ?? "" })];
    if (urgency !== ticket.urgency) {
      events.push(newEvent("urgency_changed", options.initiator, now, { data: { from: ticket.urgency, to: urgency, reason: "escalated" } }));
    }
    return { patch: { urgency, ...slaFields(deps.settings, { ...ticket, urgency }) }, events };
  });
}
