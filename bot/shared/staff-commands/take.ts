/** `/take <number>` and the Take button on a staff post: the caller holds the ticket. */
import { STAFF_ROLES } from "../../../core/index.ts";
import { t } from "../text.ts";
import type { StaffCommand, StaffContext } from "./command.ts";

export const takeCommand = {
  name: "take",
  help: "bot.staff.help.take",
  usage: "/take <number>",
  roles: STAFF_ROLES,
  needsTicket: true,
  run: (context) => take(context, context.target.number),
  buttons: {
    staff_take: (context, button) => take(context, button.number),
  },
} satisfies StaffCommand;

async function take({ turn, initiator, say }: StaffContext, number: string): Promise<void> {
  const ticket = await turn.core.take(number, initiator);
  say(t(turn.language, "bot.staff.taken", { number: ticket.number }), ticket.number);
}
