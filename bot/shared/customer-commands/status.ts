/** `/status` (查询): the customer's open tickets; `/status <number>`: one of their own tickets in detail. */
import {
  CUSTOMER_WRITABLE_STATUSES,
  customerStatus,
  formatDateTime,
  parseTicketNumber,
  type Customer,
  type Language,
  type PublicTimelineEntry,
  type Ticket,
  type TicketStatus,
} from "../../../core/index.ts";
import { orNone, preview, t } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { CustomerCommand } from "./command.ts";

export const statusCommand = {
  name: "status",
  help: "bot.help.customer.status",
  run: ({ turn, command }) => (command.args[0] ? showTicket(turn, command.args.join("")) : listTickets(turn)),
} satisfies CustomerCommand;

/** The customer's tickets they may still write on (at most 20); also the offer flow's and /chase's choices. */
export async function activeTickets(turn: Turn, customer: Customer): Promise<Ticket[]> {
  const { tickets } = await turn.core.list({ customerId: customer.id, statuses: [...CUSTOMER_WRITABLE_STATUSES], order: "newest", limit: 20 });
  return tickets;
}

/** Also the menu's "My tickets" button. */
export async function listTickets(turn: Turn): Promise<void> {
  const customer = await turn.customer();
  const active = customer ? await activeTickets(turn, customer) : [];
  if (active.length === 0) {
    turn.say(t(turn.language, "bot.status.none"));
    return;
  }
  const lines = active.map((ticket) =>
    t(turn.language, "bot.status.line", { number: ticket.number, status: customerStatus(turn.language, ticket.status).name, description: preview(ticket.description) }),
  );
  turn.say(`${t(turn.language, "bot.status.list_header")}\n${lines.join("\n")}`);
}

/** The customer's own ticket by number, or null (another customer's number looks unknown). */
async function ownTicket(turn: Turn, input: string): Promise<Ticket | null> {
  const number = parseTicketNumber(input, turn.numberPrefix);
  const customer = await turn.customer();
  if (!number || !customer) return null;
  const { tickets } = await turn.core.list({ customerId: customer.id, order: "newest", limit: 200 });
  return tickets.find((ticket) => ticket.number === number) ?? null;
}

async function showTicket(turn: Turn, input: string): Promise<void> {
  const ticket = await ownTicket(turn, input);
  if (!ticket) {
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  const view = await turn.core.publicView(ticket);
  const language = turn.language;
  const updates = view.timeline
    .slice(-5)
    .map((entry) => `${formatDateTime(entry.at, language, turn.timeZone)} ${eventLine(language, entry, view.assigneeName)}`);
  turn.say({
    text: t(language, "bot.status.detail", {
      number: view.number,
      // The customer's words for the status, and what happens next.
      status: customerStatus(language, view.status).name,
      next: customerStatus(language, view.status).next,
      assignee: view.assigneeName ?? t(language, "value.unassigned"),
      appointment: orNone(language, formatDateTime(view.appointmentAt, language, turn.timeZone)),
      due: orNone(language, formatDateTime(view.dueAt, language, turn.timeZone)),
      updates: updates.length > 0 ? updates.join("\n") : t(language, "bot.status.no_updates"),
    }),
    about: { ticketNumber: view.number, kind: "notice" },
  });
}

function eventLine(language: Language, entry: PublicTimelineEntry, assigneeName: string | null): string {
  switch (entry.type) {
    case "created":
      return t(language, "bot.event.created");
    case "status_changed":
      return t(language, "bot.event.status_changed", { status: entry.toStatus ? customerStatus(language, entry.toStatus as TicketStatus).name : "" });
    case "assigned":
    case "transferred":
      return t(language, "bot.event.assigned", { name: assigneeName ?? t(language, "value.none") });
    case "appointment_set":
      return t(language, "bot.event.appointment_set");
    case "reply":
      return t(language, "bot.event.reply", { text: preview(entry.text ?? "", 120) });
    case "customer_message":
      return t(language, "bot.event.customer_message", { text: preview(entry.text ?? "", 120) });
    case "chased":
      return t(language, "bot.event.chased");
    case "closed":
      return t(language, "bot.event.status_changed", { status: customerStatus(language, "closed").name });
    case "cancelled":
      return t(language, "bot.event.status_changed", { status: customerStatus(language, "cancelled").name });
    default:
      return t(language, "bot.event.other");
  }
}
