import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { parseTicketNumber } from "./numbering.ts";
import { phoneMatches } from "./phone.ts";
import { toPublicView, toStaffView, type PublicTicketView, type StaffTicketView } from "./ticket-views.ts";
import { pausesFrom } from "../scheduling/check-sla-clocks.ts";
import type { Ticket, TicketEvent } from "./types.ts";

/**
 * Finds a ticket for someone who knows its number and the phone (full or last four digits).
 * A wrong pair, a malformed number and an unknown number all get the same `not_found`, so
 * the answer tells a stranger nothing about which tickets exist.
 */
export async function findTicketWithProof(deps: Pick<CoreDeps, "tickets" | "settings">, numberInput: string, phoneProof: string): Promise<Ticket> {
  const number = parseTicketNumber(numberInput, deps.settings.numberPrefix);
  const ticket = number ? await deps.tickets.findByNumber(number) : null;
  if (!ticket || !phoneMatches(ticket.phone, phoneProof)) {
    throw new AppError("not_found", { params: { number: numberInput } });
  }
  return ticket;
}

export async function lookupTicket(deps: CoreDeps, numberInput: string, phoneProof: string): Promise<PublicTicketView> {
  const ticket = await findTicketWithProof(deps, numberInput, phoneProof);
  return publicViewOf(deps, ticket);
}

export async function publicViewOf(deps: CoreDeps, ticket: Ticket): Promise<PublicTicketView> {
  const [events, assignee] = await Promise.all([
    deps.tickets.events(ticket.id, { visibility: "public" }),
    ticket.assigneeId ? deps.staff.findById(ticket.assigneeId) : Promise.resolve(null),
  ]);
  return toPublicView(ticket, events, assignee?.name ?? null);
}

/** The staff view by number (staff are authenticated by the transport). */
export async function showTicket(deps: CoreDeps, numberInput: string): Promise<StaffTicketView & { sla: ReturnType<typeof slaStatus> }> {
  const number = parseTicketNumber(numberInput, deps.settings.numberPrefix);
  const ticket = number ? await deps.tickets.findByNumber(number) : null;
  if (!ticket) throw new AppError("not_found", { params: { number: numberInput } });
  const [events, assignee] = await Promise.all([
    deps.tickets.events(ticket.id),
    ticket.assigneeId ? deps.staff.findById(ticket.assigneeId) : Promise.resolve(null),
  ]);
  return { ...toStaffView(ticket, events, assignee?.name ?? null), sla: slaStatus(deps, ticket, events) };
}

/** Where both SLA clocks stand now, for staff: status, due time (shifted by pauses), minutes left. */
function slaStatus(deps: CoreDeps, ticket: Ticket, events: readonly TicketEvent[]) {
  const now = deps.clock.now();
  const subject = { urgency: ticket.urgency, category: ticket.category, startedAt: ticket.createdAt, now, ...(ticket.workCenterId ? { workCenterId: ticket.workCenterId } : {}) };
  const view = (state: ReturnType<typeof deps.settings.sla.evaluate>) => ({
    status: state.status,
    dueAt: state.dueAt.toISOString(),
    remainingMinutes: Math.round(state.remainingMinutes),
  });
  return {
    firstResponse: view(deps.settings.sla.evaluate({ ...subject, kind: "first_response", ...(ticket.firstResponseAt ? { stoppedAt: ticket.firstResponseAt } : {}) })),
    resolution: view(
      deps.settings.sla.evaluate({ ...subject, kind: "resolution", pauses: pausesFrom(events), ...(ticket.resolvedAt ? { stoppedAt: ticket.resolvedAt } : {}) }),
    ),
  };
}
