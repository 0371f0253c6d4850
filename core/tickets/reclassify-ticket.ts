import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { actingStaff, requireMayWorkOn, requireStaff } from "./permissions.ts";
import { slaFields } from "./sla-fields.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { Category, NewTicketEvent, Ticket, Urgency } from "./types.ts";

/**
 * Staff correct the category or urgency. Each correction is an event with
 * `data.correction = true`: the classifier's training script reads them back, so the
 * model learns from the desk.
 */
export async function reclassifyTicket(
  deps: CoreDeps,
  options: { number: string; category?: Category; urgency?: Urgency; initiator: Initiator },
): Promise<Ticket> {
  requireStaff(options.initiator);
  const staff = await actingStaff(deps, options.initiator);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireMayWorkOn(staff, ticket);
    const events: NewTicketEvent[] = [];
    const patch: Partial<Ticket> = {};
    if (options.category && options.category !== ticket.category) {
      patch.category = options.category;
      events.push(newEvent("category_changed", options.initiator, now, { data: { from: ticket.category, to: options.category, correction: true } }));
    }
    if (options.urgency && options.urgency !== ticket.urgency) {
      patch.urgency = options.urgency;
      events.push(newEvent("urgency_changed", options.initiator, now, { data: { from: ticket.urgency, to: options.urgency, correction: true } }));
    }
    if (events.length > 0) Object.assign(patch, slaFields(deps.settings, { ...ticket, ...patch }));
    return { patch, events };
  });
}
