/** `/note <number> <text>`: an internal note, seen by staff only. */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const noteCommand = {
  name: "note",
  help: "bot.staff.help.note",
  usage: "/note <number> <text>",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, usage, target }) {
    if (!target.rest) return usage();
    const ticket = await turn.core.note(target.number, target.rest, initiator);
    say(t(turn.language, "bot.staff.noted", { number: ticket.number }), ticket.number);
  },
} satisfies StaffCommand;
