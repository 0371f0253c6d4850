/**
 * `/escalate <number> [reason]`: urgency up one level; the core alerts the staff room and each
 * supervisor privately, and the reply says who was alerted (or that nobody could be).
 */
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
    const { ticket, supervisorAlert } = await turn.core.escalate(target.number, initiator, target.rest || undefined);
    const alerted = supervisorAlert.notified
      ? t(turn.language, "bot.staff.escalated_alerted", { names: supervisorAlert.supervisors.map((supervisor) => supervisor.name) })
      : t(turn.language, "bot.staff.escalated_unalerted");
    say(`${t(turn.language, "bot.staff.escalated", { number: ticket.number, urgency: urgencyName(turn.language, ticket.urgency) })}\n${alerted}`, ticket.number);
  },
} satisfies StaffCommand;
