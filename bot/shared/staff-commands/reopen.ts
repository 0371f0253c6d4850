/** `/reopen <number> [reason]`: a resolved or closed ticket back to the desk, within the reopen window. */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const reopenCommand = {
  name: "reopen",
  help: "bot.staff.help.reopen",
  usage: "/reopen <number> [reason]",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, target }) {
    const ticket = await turn.core.reopen(target.number, initiator, target.rest || undefined);
    say(t(turn.language, "bot.staff.reopened", { number: ticket.number }), ticket.number);
  },
} satisfies StaffCommand;
