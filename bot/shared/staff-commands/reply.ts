/** `/reply <number> <text>`: a message to the ticket's customer, on their channel. */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const replyCommand = {
  name: "reply",
  help: "bot.staff.help.reply",
  usage: "/reply <number> <text>",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, usage, target }) {
    if (!target.rest) return usage();
    const ticket = await turn.core.reply(target.number, target.rest, initiator);
    say(t(turn.language, "bot.staff.replied", { number: ticket.number }), ticket.number);
  },
} satisfies StaffCommand;
