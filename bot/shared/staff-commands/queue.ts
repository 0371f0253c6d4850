/** `/queue` (open tickets nobody holds) and `/mine` (the caller's open tickets): the first 20 of each. */
import { OPEN_STATUSES, STAFF_ROLES, type Ticket } from "../../../core/index.ts";
import { categoryName, preview, statusName, t, urgencyName } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { StaffCommand } from "./command.ts";

export const queueCommand = {
  name: "queue",
  help: "bot.staff.help.queue",
  roles: STAFF_ROLES,
  needsTicket: false,
  run: ({ turn }) => listOpenTickets(turn, { assigneeId: null }, "bot.staff.queue_header"),
} satisfies StaffCommand;

export const mineCommand = {
  name: "mine",
  help: "bot.staff.help.mine",
  roles: STAFF_ROLES,
  needsTicket: false,
  run: ({ turn, staff }) => listOpenTickets(turn, { assigneeId: staff.id }, "bot.staff.mine_header"),
} satisfies StaffCommand;

async function listOpenTickets(turn: Turn, filter: { assigneeId: string | null }, header: "bot.staff.queue_header" | "bot.staff.mine_header"): Promise<void> {
  const language = turn.language;
  const { tickets, total } = await turn.core.list({ statuses: [...OPEN_STATUSES], assigneeId: filter.assigneeId, limit: 20 });
  const lines = tickets.map((ticket: Ticket) =>
    t(language, "bot.staff.list_line", {
      number: ticket.number,
      urgency: urgencyName(language, ticket.urgency),
      category: categoryName(language, ticket.category),
      status: statusName(language, ticket.status),
      description: preview(ticket.description),
    }),
  );
  turn.say(`${t(language, header, { total })}\n${lines.length > 0 ? lines.join("\n") : t(language, "bot.staff.list_empty")}`);
}
