/**
 * `/reject <number> <reason for the customer>`: a supervisor turns down what awaits approval,
 * saying why in words the customer receives. Internal remarks go in `/note`.
 */
import { rolesWith } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const rejectCommand = {
  name: "reject",
  help: "bot.staff.help.reject",
  usage: "/reject <number> <reason for the customer>",
  roles: rolesWith("decideApproval"),
  needsTicket: true,
  async run({ turn, initiator, say, usage, target }) {
    if (!target.rest) return usage();
    const ticket = await turn.core.reject(target.number, target.rest, initiator);
    say(t(turn.language, "bot.staff.rejected", { number: ticket.number }), ticket.number);
  },
} satisfies StaffCommand;
