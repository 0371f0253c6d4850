import type { CoreDeps, TicketFilter } from "../ports.ts";
import type { Ticket } from "./types.ts";

export const MAX_PAGE_SIZE = 200;

/**
 * A staff queue: filtered, in queue order (urgent first, then the nearest due time) unless
 * the caller asks for `newest`; the page size is capped.
 */
export async function listTickets(deps: CoreDeps, filter: TicketFilter): Promise<{ tickets: Ticket[]; total: number }> {
  return deps.tickets.list({ ...filter, order: filter.order ?? "queue", limit: Math.min(filter.limit ?? 50, MAX_PAGE_SIZE) });
}
