/** The Urgency… button on a staff post: a menu of urgencies, then the chosen one set on the ticket. No command types it. */
import { URGENCIES } from "../../../core/index.ts";
import { payload } from "../payloads.ts";
import { t, urgencyName } from "../text.ts";
import type { StaffButtonHandlers } from "./command.ts";

export const urgencyButtons = {
  staff_urgency_menu({ turn }, button) {
    const language = turn.language;
    turn.say({
      text: t(language, "bot.staff.choose_urgency", { number: button.number }),
      choices: [URGENCIES.map((urgency) => ({ label: urgencyName(language, urgency), payload: payload.staffUrgency(button.number, urgency) }))],
      about: { ticketNumber: button.number, kind: "notice" },
    });
  },
  async staff_urgency({ turn, initiator, say }, button) {
    turn.result.clearButtons = true;
    const ticket = await turn.core.reclassify(button.number, { urgency: button.urgency }, initiator);
    say(t(turn.language, "bot.staff.urgency_set", { number: ticket.number, urgency: urgencyName(turn.language, ticket.urgency) }), ticket.number);
  },
} satisfies Partial<StaffButtonHandlers>;
