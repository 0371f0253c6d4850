/**
 * The customer's answers about finished work, and cancelling a ticket, in chat: "fixed"
 * (已修好, the Fixed button under a resolution) closes a resolved ticket and the survey
 * follows; "not fixed" (没修好, the Not fixed button) sends it back to work, reopens a closed
 * one within the reopen window, or opens a linked follow-up ticket after it; `/cancel
 * <number>` (取消) cancels an open ticket after a yes/no question. The rules are the core's
 * (core/tickets/respond-to-resolution.ts, cancel-ticket.ts); this file picks the ticket and
 * says what happened.
 */
import {
  customerMayCancel,
  customerMayConfirm,
  customerMayObject,
  parseTicketNumber,
  TEXT_MAX_LENGTH,
  type Customer,
  type Ticket,
  type TicketStatus,
} from "../../core/index.ts";
import { payload } from "./payloads.ts";

const isStillOpen = (status: TicketStatus) => customerMayCancel(status);
import { preview, statusName, t } from "./text.ts";
import type { Turn } from "./turn.ts";

/** How many of the customer's tickets are looked at to find the one meant. */
const RECENT_TICKETS = 50;

async function customerTickets(turn: Turn, customer: Customer, statuses: readonly TicketStatus[]): Promise<Ticket[]> {
  const { tickets } = await turn.core.list({ customerId: customer.id, statuses: [...statuses], limit: RECENT_TICKETS });
  // The most recently finished first: the one a bare "not fixed" most likely means.
  const finishedAt = (ticket: Ticket) => (ticket.closedAt ?? ticket.resolvedAt ?? ticket.updatedAt).getTime();
  return [...tickets].sort((left, right) => finishedAt(right) - finishedAt(left));
}

/**
 * The ticket a customer means: the typed number, else the ticket of the message they reply
 * to, else their one candidate; several candidates get a choice (buttons with `choice`).
 */
async function pickTicket(
  turn: Turn,
  input: string,
  candidates: readonly TicketStatus[],
  choice: (number: string) => string,
): Promise<{ customer: Customer; number: string } | null> {
  const customer = await turn.customer();
  if (!customer) {
    turn.say(t(turn.language, "bot.fix.none"));
    return null;
  }
  const typed = input ? parseTicketNumber(input, turn.numberPrefix) : null;
  if (typed) return { customer, number: typed };
  if (turn.msg.replyTo) return { customer, number: turn.msg.replyTo.ticketNumber };
  const tickets = await customerTickets(turn, customer, candidates);
  if (tickets.length === 0) {
    turn.say(t(turn.language, "bot.fix.none"));
    return null;
  }
  if (tickets.length > 1) {
    turn.say({
      text: t(turn.language, "bot.fix.choose"),
      choices: tickets.slice(0, 5).map((ticket) => [{ label: `${ticket.number} · ${preview(ticket.description, 24)}`, payload: choice(ticket.number) }]),
    });
    return null;
  }
  return { customer, number: tickets[0]?.number ?? "" };
}

/** "Fixed": the customer confirms; a resolved ticket closes and the survey follows (from the outbox). */
export async function confirmFixed(turn: Turn, input: string): Promise<void> {
  turn.result.clearButtons = turn.msg.button !== undefined;
  const picked = await pickTicket(turn, input, ["resolved"], payload.fixed);
  if (!picked) return;
  const before = await ownTicket(turn, picked.customer, picked.number);
  if (!before) {
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  if (before.status === "closed") {
    turn.say(t(turn.language, "bot.fix.already_closed", { number: before.number }));
    return;
  }
  if (!customerMayConfirm(before.status)) {
    turn.say(t(turn.language, "bot.fix.not_resolved", { number: before.number, status: statusName(turn.language, before.status) }));
    return;
  }
  const ticket = await turn.core.confirmFix(before.number, turn.customerInitiator(picked.customer));
  turn.say({ text: t(turn.language, "bot.fix.confirmed", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
}

/** "Not fixed", with the customer's words when they wrote some. */
export async function reportNotFixed(turn: Turn, input: string, text?: string): Promise<void> {
  turn.result.clearButtons = turn.msg.button !== undefined;
  const picked = await pickTicket(turn, input, ["resolved", "closed"], payload.notFixed);
  if (!picked) return;
  const before = await ownTicket(turn, picked.customer, picked.number);
  if (!before) {
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  if (!customerMayObject(before.status) && !isStillOpen(before.status)) {
    turn.say(t(turn.language, "error.ticket_not_open", { status: statusName(turn.language, before.status) }));
    return;
  }
  const words = text?.trim().slice(0, TEXT_MAX_LENGTH);
  const outcome = await turn.core.reportNotFixed(before.number, turn.customerInitiator(picked.customer), words || undefined);
  const language = turn.language;
  switch (outcome.kind) {
    case "reopened":
      turn.say({
        text: t(language, "bot.fix.reopened", { number: outcome.ticket.number, status: statusName(language, outcome.ticket.status) }),
        about: { ticketNumber: outcome.ticket.number, kind: "notice" },
      });
      return;
    case "noted":
      turn.say({
        // Words were added only if there were some.
        text: t(language, words ? "bot.fix.noted" : "bot.fix.still_open", { number: outcome.ticket.number, status: statusName(language, outcome.ticket.status) }),
        about: { ticketNumber: outcome.ticket.number, kind: "notice" },
      });
      return;
    case "follow_up":
      turn.say({
        text: t(language, "bot.fix.follow_up", { original: outcome.ticket.number, number: outcome.followUp.number, days: turn.core.settings().reopenWindowDays }),
        about: { ticketNumber: outcome.followUp.number, kind: "notice" },
      });
      return;
  }
}

/** `/cancel <number>` and the cancel buttons: ask first, then cancel the customer's own open ticket. */
export async function cancelTicket(turn: Turn, input: string, action: "ask" | "yes" | "no"): Promise<void> {
  turn.result.clearButtons = turn.msg.button !== undefined;
  const customer = await turn.customer();
  const number = parseTicketNumber(input, turn.numberPrefix);
  const ticket = customer && number ? await ownTicket(turn, customer, number) : null;
  if (!customer || !ticket) {
    // Someone else's number reads like an unknown one.
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  const language = turn.language;
  if (!customerMayCancel(ticket.status)) {
    turn.say(t(language, "bot.cancel.not_possible", { number: ticket.number, status: statusName(language, ticket.status) }));
    return;
  }
  if (action === "no") {
    turn.say(t(language, "bot.cancel.kept", { number: ticket.number }));
    return;
  }
  if (action === "ask") {
    turn.say({
      text: t(language, "bot.cancel.confirm", { number: ticket.number }),
      choices: [
        [
          { label: t(language, "bot.cancel.yes"), payload: payload.cancelTicket(ticket.number, "yes") },
          { label: t(language, "bot.cancel.no"), payload: payload.cancelTicket(ticket.number, "no") },
        ],
      ],
    });
    return;
  }
  const cancelled = await turn.core.cancel(ticket.number, turn.customerInitiator(customer));
  turn.say({ text: t(language, "bot.cancel.done", { number: cancelled.number }), about: { ticketNumber: cancelled.number, kind: "notice" } });
}

/** The customer's own ticket by number, or null (another customer's number looks unknown). */
async function ownTicket(turn: Turn, customer: Customer, number: string): Promise<Ticket | null> {
  const normalized = parseTicketNumber(number, turn.numberPrefix);
  if (!normalized) return null;
  const { tickets } = await turn.core.list({ customerId: customer.id, limit: 200 });
  return tickets.find((ticket) => ticket.number === normalized) ?? null;
}
