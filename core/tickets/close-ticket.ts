import type { CoreDeps, NewSurvey, OutboxIntent } from "../ports.ts";
import { customerIntents } from "../notifications/contact-channels.ts";
import { changeTicket, type ChangePlan } from "./change-ticket.ts";
import { actingStaff, requireMayWorkOn, requireStaff } from "./permissions.ts";
import { assertTransition, canTransition } from "./status-machine.ts";
import { newEvent, statusEvent, type Initiator } from "./ticket-event.ts";
import type { NewTicketEvent, Ticket, TicketStatus } from "./types.ts";

/** Closing at intake, before anyone was dispatched, is first-contact resolution (一次闭环). */
const FIRST_CONTACT_STATUSES: readonly TicketStatus[] = ["new", "accepted"];

/**
 * Closes a ticket with a resolution and opens its satisfaction survey. A ticket still being
 * worked on is resolved first (two timeline entries), because staff closing from the field
 * is the common case and `resolved` must not be skipped on the record.
 */
export async function closeTicket(
  deps: CoreDeps,
  options: { number: string; resolution?: string; initiator: Initiator },
): Promise<Ticket> {
  requireStaff(options.initiator);
  const staff = await actingStaff(deps, options.initiator);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireMayWorkOn(staff, ticket);
    return planClose(deps, ticket, now, options.initiator, options.resolution);
  });
}

/** The change that closes `ticket` (shared by staff closes and the scheduler's auto-close). */
export function planClose(deps: Pick<CoreDeps, "newId" | "settings" | "signer">, ticket: Ticket, now: Date, initiator: Initiator, resolution?: string): ChangePlan {
  const events: NewTicketEvent[] = [];
  const isFirstContact = FIRST_CONTACT_STATUSES.includes(ticket.status);
  let status = ticket.status;
  if (status !== "resolved" && !isFirstContact && !canTransition(status, "closed")) {
    assertTransition(status, "resolved");
    events.push(statusEvent(initiator, now, status, "resolved", resolution));
    status = "resolved";
  }
  assertTransition(status, "closed");
  events.push(statusEvent(initiator, now, status, "closed", resolution));

  const survey: NewSurvey = {
    id: deps.newId(),
    ticketId: ticket.id,
    ...(ticket.assigneeId ? { assigneeId: ticket.assigneeId } : {}),
    channel: ticket.channel,
    createdAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.surveyValidDays * 24 * 60 * 60 * 1000),
  };
  events.push(newEvent("survey_sent", initiator, now, { visibility: "internal", data: { surveyId: survey.id } }));
  const outbox: OutboxIntent[] = customerIntents(
    ticket,
    { kind: "customer.survey", number: ticket.number, surveyId: survey.id, surveyToken: deps.signer.sign(survey.id) },
    deps.settings,
  );
  return {
    patch: {
      status: "closed",
      closedAt: now,
      resolvedAt: ticket.resolvedAt ?? now,
      firstResponseAt: ticket.firstResponseAt ?? now,
      ...(resolution ? { resolution } : {}),
      ...(isFirstContact ? { firstContactResolution: true } : {}),
    },
    events,
    outbox,
    survey,
  };
}
