/**
 * `/login`: a one-time sign-in link to the staff console, for the sender only, and only in a
 * private chat (a link posted in the staff group would let anyone there in as the sender).
 */
import { formatTime, SIGN_IN_LINK_MINUTES, STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const loginCommand = {
  name: "login",
  help: "bot.staff.help.login",
  roles: STAFF_ROLES,
  needsTicket: false,
  async run({ turn, staff }) {
    if (turn.msg.chat.kind !== "private") {
      turn.say(t(turn.language, "bot.staff.login_private_only"));
      return;
    }
    const link = await turn.core.staffAccess.issueSignInLink(staff.id, staff);
    const until = formatTime(link.expiresAt, turn.language, turn.core.settings().timeZone);
    turn.say(t(turn.language, "bot.staff.login_link", { url: link.url, minutes: SIGN_IN_LINK_MINUTES, until }));
  },
} satisfies StaffCommand;
