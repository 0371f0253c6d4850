import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { requireText } from "./add-note.ts";
import { changeTicket } from "./change-ticket.ts";
import { requireOwnTicket } from "./permissions.ts";
import { isOpen } from "./status-machine.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";

/** A customer adds information to their open ticket; staff see it relayed to their room. */
export async function addCustomerMessage(
  deps: CoreDeps,
  options: { number: string; text: string; initiator: Initiator; data?: Record<string, unknown> },
): Promise<Ticket> {
  const text = requireText(options.text);
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    if (!isOpen(ticket.status) && ticket.status !== "resolved") {
      throw new AppError("illegal_transition", { params: { from: ticket.status, to: ticket.status, allowed: [] } });
    }
    return {
      patch: {},
      events: [newEvent("customer_message", options.initiator, now, { note: text, ...(options.data ? { data: options.data } : {}) })],
    };
  });
}
