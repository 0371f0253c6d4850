/** `/approve <number>`: a supervisor approves paid service or HQ support (主管批准). */
import { rolesWith } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const approveCommand = {
  name: "approve",
  help: "bot.staff.help.approve",
  usage: "/approve <number>",
  roles: rolesWith("decideApproval"),
  needsTicket: true,
  async run({ turn, initiator, say, target }) {
    const ticket = await turn.core.approve(target.number, initiator);
    say(t(turn.language, "bot.staff.approved", { number: ticket.number }), ticket.number);
  },
} satisfies StaffCommand;
