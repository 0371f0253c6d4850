import type { CoreSettings } from "../ports.ts";
import type { Ticket } from "./types.ts";

/**
 * The SLA instants for a ticket's current urgency and category, counted from its creation.
 * Used at intake and again whenever urgency or category changes, so a ticket raised to
 * `urgent` is due as an urgent one from the moment it came in. Warnings and breaches
 * already recorded stay recorded.
 */
export function slaFields(settings: Pick<CoreSettings, "sla">, ticket: Pick<Ticket, "createdAt" | "urgency" | "category" | "workCenterId">) {
  const plan = settings.sla.plan({
    startedAt: ticket.createdAt,
    urgency: ticket.urgency,
    category: ticket.category,
    ...(ticket.workCenterId ? { workCenterId: ticket.workCenterId } : {}),
  });
  // The earliest threshold; if it already passed (urgency raised late), the next pass looks.
  const slaCheckAt = plan.firstResponseWarnAt < plan.resolutionWarnAt ? plan.firstResponseWarnAt : plan.resolutionWarnAt;
  return { ...plan, slaCheckAt };
}
