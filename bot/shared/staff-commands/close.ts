/** `/close <number> [resolution]`: closes the ticket; the core asks the customer for feedback. */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const closeCommand = {
  name: "close",
  help: "bot.staff.help.close",
  usage: "/close <number> [resolution]",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, target }) {
    const ticket = await turn.core.close(target.number, initiator, target.rest || undefined);
    say(t(turn.language, "bot.staff.closed", { number: ticket.number }), ticket.number);
  },
} satisfies StaffCommand;
