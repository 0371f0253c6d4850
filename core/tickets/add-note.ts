import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { changeTicket } from "./change-ticket.ts";
import { TEXT_MAX_LENGTH } from "./customer-rights.ts";
import { actingStaff, requireMayWorkOn, requireStaff } from "./permissions.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { Ticket } from "./types.ts";


/**
 * Staff write on a ticket: an internal note stays among staff (`/note`); a public reply
 * (`/reply`) goes to the customer and counts as the first response. Any staff member may
 * add a note; a reply speaks for the ticket's holder, so technicians reply only on their own
 * tickets (core/tickets/permissions.ts).
 */
export async function addNote(
  deps: CoreDeps,
  options: { number: string; text: string; visibility: "internal" | "public"; initiator: Initiator },
): Promise<Ticket> {
  requireStaff(options.initiator);
  const text = requireText(options.text);
  const isReply = options.visibility === "public";
  const staff = isReply ? await actingStaff(deps, options.initiator) : null;
  return changeTicket(deps, options.number, (ticket, now) => {
    requireMayWorkOn(staff, ticket);
    return {
      patch: isReply ? { firstResponseAt: ticket.firstResponseAt ?? now } : {},
      events: [newEvent(isReply ? "reply" : "note", options.initiator, now, { note: text, visibility: options.visibility })],
    };
  });
}

export function requireText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > TEXT_MAX_LENGTH) {
    throw new AppError("validation", { params: { fields: ["text"] }, detail: "note text empty or too long" });
  }
  return trimmed;
}
