/** `/stats`: open tickets in total, unassigned and the caller's, by status and by urgency. */
import { OPEN_STATUSES, STAFF_ROLES, URGENCIES } from "../../../core/index.ts";
import { statusName, t, urgencyName } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { StaffCommand } from "./command.ts";

export const statsCommand = {
  name: "stats",
  help: "bot.staff.help.stats",
  roles: STAFF_ROLES,
  needsTicket: false,
  async run({ turn, staff }) {
    const language = turn.language;
    const open = [...OPEN_STATUSES];
    const count = async (filter: Parameters<Turn["core"]["list"]>[0]) => (await turn.core.list({ ...filter, limit: 1 })).total;
    const [total, unassigned, mine, byStatus, byUrgency] = await Promise.all([
      count({ statuses: open }),
      count({ statuses: open, assigneeId: null }),
      count({ statuses: open, assigneeId: staff.id }),
      Promise.all(open.map(async (status) => [status, await count({ statuses: [status] })] as const)),
      Promise.all(URGENCIES.map(async (urgency) => [urgency, await count({ statuses: open, urgencies: [urgency] })] as const)),
    ]);
    const separator = language === "en" ? ", " : "，";
    turn.say(
      t(language, "bot.staff.stats", {
        open: total,
        unassigned,
        mine,
        byStatus: byStatus.filter(([, n]) => n > 0).map(([status, n]) => `${statusName(language, status)} ${n}`).join(separator) || t(language, "value.none"),
        byUrgency: byUrgency.filter(([, n]) => n > 0).map(([urgency, n]) => `${urgencyName(language, urgency)} ${n}`).join(separator) || t(language, "value.none"),
      }),
    );
  },
} satisfies StaffCommand;
