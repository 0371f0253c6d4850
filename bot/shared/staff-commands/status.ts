/**
 * `/status <number> <status> [note]`: moves a ticket through the status machine; `scheduled`
 * takes the visit time first (`/status SR… scheduled 2026-11-25 14:00`). Without a status it
 * shows the ticket.
 */
import { STAFF_ROLES, TICKET_STATUSES } from "../../../core/index.ts";
import { textAfterWords } from "../parse-command.ts";
import { statusName, t } from "../text.ts";
import type { StaffCommand } from "./command.ts";
import { parseAppointment, parseStatus } from "./parse-words.ts";
import { showTicket } from "./show.ts";

export const statusCommand = {
  name: "status",
  help: "bot.staff.help.status",
  usage: "/status <number> <status> [note]",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, target }) {
    const language = turn.language;
    const [word, ...after] = target.args;
    if (!word) return showTicket(turn, target.number);
    const status = parseStatus(word);
    if (!status) {
      say(t(language, "bot.staff.unknown_status", { value: word, statuses: TICKET_STATUSES.join(", ") }));
      return;
    }
    let consumed = 1;
    let appointmentAt: Date | undefined;
    if (status === "scheduled" && after[0] && /^\d/.test(after[0])) {
      const parsed = parseAppointment(after, turn.timeZone, turn.now);
      if (!parsed) {
        say(t(language, "bot.staff.bad_time", { value: after.slice(0, 2).join(" ") }));
        return;
      }
      appointmentAt = parsed.at;
      consumed += parsed.words;
    }
    const note = textAfterWords(target.rest, consumed);
    const ticket = await turn.core.changeStatus({
      number: target.number,
      status,
      initiator,
      ...(note ? { note } : {}),
      ...(appointmentAt ? { appointmentAt } : {}),
    });
    say(t(language, "bot.staff.status_changed", { number: ticket.number, status: statusName(language, ticket.status) }), ticket.number);
  },
} satisfies StaffCommand;
