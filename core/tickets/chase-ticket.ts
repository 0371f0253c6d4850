import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { localDay } from "../i18n/format-date.ts";
import { changeTicket } from "./change-ticket.ts";
import { requireOwnTicket } from "./permissions.ts";
import { slaFields } from "./sla-fields.ts";
import { customerMayChase } from "./customer-rights.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket, Urgency } from "./types.ts";

/** From the second chase on, an ordinary ticket is treated as high urgency (domain.md: repeated chase). */
const CHASES_BEFORE_RAISE = 2;
const RAISABLE: readonly Urgency[] = ["normal", "low"];

/**
 * Records a chase (催单) and tells the staff room. A customer may chase once per interval;
 * staff chasing on a customer's behalf (phone call) are not limited.
 */
export async function chaseTicket(
  deps: CoreDeps,
  options: { number: string; note?: string; initiator: Initiator },
): Promise<Ticket> {
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    if (!customerMayChase(ticket.status)) {
      throw new AppError("ticket_not_open", { params: { status: ticket.status } });
    }
    const intervalMs = deps.settings.chaseIntervalMinutes * 60 * 1000;
    if (options.initiator.actor.kind === "customer" && ticket.lastChasedAt && now.getTime() - ticket.lastChasedAt.getTime() < intervalMs) {
      // The refusal says when the next chase is welcome (a time in the reader's language), not "too many attempts".
      const nextChaseAt = new Date(ticket.lastChasedAt.getTime() + intervalMs);
      throw new AppError("rate_limited", {
        params: {
          reason: "chase_interval",
          retryAfterSeconds: Math.ceil((nextChaseAt.getTime() - now.getTime()) / 1000),
          nextChaseAt: nextChaseAt.toISOString(),
          timeZone: deps.settings.timeZone,
          sameDay: localDay(nextChaseAt, deps.settings.timeZone) === localDay(now, deps.settings.timeZone),
        },
      });
    }
    const chaseCount = ticket.chaseCount + 1;
    const events: NewTicketEvent[] = [
      newEvent("chased", options.initiator, now, { data: { count: chaseCount }, ...(options.note ? { note: options.note } : {}) }),
    ];
    const raise = chaseCount >= CHASES_BEFORE_RAISE && RAISABLE.includes(ticket.urgency);
    if (raise) {
      events.push(
        newEvent("urgency_changed", { actor: { kind: "system" }, channel: "system" }, now, {
          data: { from: ticket.urgency, to: "high", reason: "repeated chase" },
        }),
      );
    }
    return {
      patch: { chaseCount, lastChasedAt: now, ...(raise ? { urgency: "high" as const, ...slaFields(deps.settings, { ...ticket, urgency: "high" }) } : {}) },
      events,
    };
  });
}
