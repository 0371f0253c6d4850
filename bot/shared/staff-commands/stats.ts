/** `/stats`: open tickets in total, unassigned and the caller's, by status and by urgency. */
import { OPEN_STATUSES, STAFF_ROLES, URGENCIES } from "../../../core/index.ts";
import { statusName, t, urgencyName } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const statsCommand = {
  name: "stats",
  help: "bot.staff.help.stats",
  roles: STAFF_ROLES,
  needsTicket: false,
  async run({ turn, staff }) {
    const language = turn.language;
    const counts = await turn.core.queueCounts(staff.id);
    const separator = language === "en" ? ", " : "，";
    // Listed in the lifecycle's order and from most to least urgent, as staff read them.
    const byStatus = OPEN_STATUSES.flatMap((status) => (counts.byStatus[status] ? [`${statusName(language, status)} ${counts.byStatus[status]}`] : []));
    const byUrgency = URGENCIES.flatMap((urgency) => (counts.byUrgency[urgency] ? [`${urgencyName(language, urgency)} ${counts.byUrgency[urgency]}`] : []));
    turn.say(
      t(language, "bot.staff.stats", {
        open: counts.open,
        unassigned: counts.unassigned,
        mine: counts.mine,
        byStatus: byStatus.join(separator) || t(language, "value.none"),
        byUrgency: byUrgency.join(separator) || t(language, "value.none"),
      }),
    );
  },
} satisfies StaffCommand;
