/**
 * `/name <name>`: the name customers see for the sender ("assigned to 王芳"); any active staff
 * member sets their own. `/name` alone says what it is now.
 */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const nameCommand = {
  name: "name",
  help: "bot.staff.help.name",
  usage: "/name <your name>",
  roles: STAFF_ROLES,
  needsTicket: false,
  async run({ turn, staff, command }) {
    if (!command.rest.trim()) {
      turn.say(t(turn.language, "bot.staff.name_current", { name: staff.name }));
      return;
    }
    const renamed = await turn.core.renameStaff(staff.id, command.rest, staff);
    turn.say(t(turn.language, "bot.staff.renamed", { name: renamed.name }));
  },
} satisfies StaffCommand;
