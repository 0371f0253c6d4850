import type { Language, TicketStatus } from "../tickets/types.ts";
import { translate } from "./index.ts";

/**
 * A status as customers read it: a plain name and one line on what happens next
 * (`customer.status.*` in the catalogs). Staff names (`status.*`, e.g. 待审批) are the desk's
 * words; every text a customer reads about their ticket's status — the portal's ticket page,
 * the bots' `/status` replies, notifications — takes these instead.
 */
export function customerStatus(language: Language, status: TicketStatus): { name: string; next: string } {
  return {
    name: translate(language, `customer.status.${status}`),
    next: translate(language, `customer.status.${status}.next`),
  };
}
