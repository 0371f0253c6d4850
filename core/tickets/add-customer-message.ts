import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { requireText } from "./add-note.ts";
import { changeTicket } from "./change-ticket.ts";
import { requireOwnTicket } from "./permissions.ts";
import { attachmentSchema } from "./report.ts";
import { customerMayWrite } from "./customer-rights.ts";
import { planObjection } from "./respond-to-resolution.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { Attachment, Ticket } from "./types.ts";

/**
 * How many files one ticket may hold in all (the report's own photos plus those sent later):
 * enough for a conversation about a fault, not a file store.
 */
export const TICKET_ATTACHMENT_LIMIT = 20;

/**
 * A customer adds information to their open ticket, possibly with files they sent (photos,
 * a voice note) that the attachment storage has already saved; staff see it relayed to
 * their room. The files are added to the ticket in the same write as the event.
 *
 * On a resolved ticket any message counts as an objection (the customer was asked whether it
 * is fixed and did not say yes): the ticket goes back to work in the same write
 * (`planObjection`), so the auto-close never closes it "without objection", and staff are
 * told it was reopened. A customer who is satisfied says so with "fixed" (`confirmResolution`).
 */
export async function addCustomerMessage(
  deps: CoreDeps,
  options: { number: string; text: string; initiator: Initiator; attachments?: readonly Omit<Attachment, "id">[] },
): Promise<Ticket> {
  const text = requireText(options.text);
  const attachments = (options.attachments ?? []).map((attachment) => {
    const parsed = attachmentSchema.safeParse(attachment);
    if (!parsed.success) throw new AppError("validation", { params: { fields: ["photos"] }, detail: parsed.error.message });
    return parsed.data;
  });
  return changeTicket(deps, options.number, (ticket, now) => {
    requireOwnTicket(options.initiator, ticket);
    if (!customerMayWrite(ticket.status)) {
      throw new AppError("ticket_not_open", { params: { status: ticket.status } });
    }
    if (ticket.attachments.length + attachments.length > TICKET_ATTACHMENT_LIMIT) {
      throw new AppError("validation", { params: { fields: ["photos"] }, detail: `a ticket holds at most ${TICKET_ATTACHMENT_LIMIT} files` });
    }
    // What the files are, for the staff relay and the timeline; the rows themselves are the ticket's attachments.
    const data = attachments.length > 0 ? { attachments: attachments.map((attachment) => ({ ...attachment })) } : undefined;
    const message = newEvent("customer_message", options.initiator, now, { note: text, ...(data ? { data } : {}) });
    const objection = ticket.status === "resolved" && options.initiator.actor.kind === "customer" ? planObjection(ticket, now, options.initiator) : null;
    return {
      patch: objection ? { status: objection.status } : {},
      events: [message, ...(objection?.events ?? [])],
      ...(attachments.length > 0 ? { addAttachments: attachments } : {}),
    };
  });
}
