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
 *
 * Each ticket has a failure budget shared by every address and channel (`proofFailures`):
 * once wrong proofs have used it up, the last four digits no longer prove the ticket (they
 * get the same `not_found`), while the full phone always does, so the customer is never
 * locked out and a guesser is left with the whole number to find.
 */
export async function findTicketWithProof(deps: Pick<CoreDeps, "tickets" | "settings" | "proofFailures">, numberInput: string, phoneProof: string): Promise<Ticket> {
  const number = parseTicketNumber(numberInput, deps.settings.numberPrefix);
  const ticket = number ? await deps.tickets.findByNumber(number) : null;
  const notFound = () => new AppError("not_found", { params: { number: numberInput } });
  if (!ticket) throw notFound();
  const budget = deps.proofFailures;
  if (!phoneMatches(ticket.phone, phoneProof)) {
    await budget?.recordFailure(ticket.id);
    throw notFound();
  }
  if (isShortProof(phoneProof) && budget && (await budget.exhausted(ticket.id))) throw notFound();
  return ticket;
}

/** A proof by the last four digits only (the weak form the budget protects). */
function isShortProof(phoneProof: string): boolean {
  return phoneProof.replace(/\D/g, "").length === 4;
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
