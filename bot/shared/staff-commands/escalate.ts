/** `/escalate <number> [reason]`: urgency up one level; the core alerts the staff room and supervisors. */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t, urgencyName } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const escalateCommand = {
  name: "escalate",
  help: "bot.staff.help.escalate",
  usage: "/escalate <number> [reason]",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, target }) {
    const ticket = await turn.core.escalate(target.number, initiator, target.rest || undefined);
    say(t(turn.language, "bot.staff.escalated", { number: ticket.number, urgency: urgencyName(turn.language, ticket.urgency) }), ticket.number);
  },
} satisfies StaffCommand;
