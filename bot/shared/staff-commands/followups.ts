/**
 * `/followups`: the open low-score follow-ups (a customer who scored below 3 was promised a
 * supervisor's call within 24 h), earliest due first. `/followup <number> done [note]`: the call
 * was made; the note goes on the ticket's timeline. Supervisors and admins.
 */
import { formatDateTime, isAppError, rolesWith } from "../../../core/index.ts";
import { textAfterWords } from "../parse-command.ts";
import { preview, t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

const DONE_WORDS = new Set(["done", "ok", "完成", "已完成", "完成了"]);

export const followupsCommand = {
  name: "followups",
  help: "bot.staff.help.followups",
  roles: rolesWith("followUp"),
  needsTicket: false,
  async run({ turn, staff }) {
    const language = turn.language;
    const open = await turn.core.followUps.open(staff);
    const lines = open.map((task) =>
      t(language, "bot.staff.followups_line", {
        number: task.number,
        name: task.contactName,
        phone: task.phone,
        dueAt: formatDateTime(task.dueAt, language, turn.timeZone),
        overdue: task.overdue ? t(language, "bot.staff.followups_overdue") : "",
        note: task.note ? preview(task.note) : "—",
      }),
    );
    turn.say(`${t(language, "bot.staff.followups_header", { total: open.length })}\n${lines.length > 0 ? lines.join("\n") : t(language, "bot.staff.followups_empty")}`);
  },
} satisfies StaffCommand;

export const followupCommand = {
  name: "followup",
  help: null,
  usage: "/followup <number> done [note]",
  roles: rolesWith("followUp"),
  needsTicket: true,
  async run({ turn, staff, initiator, say, usage, target }) {
    const [word] = target.args;
    if (!word || !DONE_WORDS.has(word.toLowerCase())) return usage();
    const note = textAfterWords(target.rest, 1);
    try {
      const done = await turn.core.followUps.complete(target.number, staff, initiator, note || undefined);
      say(t(turn.language, "bot.staff.followup_done", { number: done.number }), done.number);
    } catch (error) {
      if (!isAppError(error) || error.code !== "not_found") throw error;
      // An unknown ticket answers as every command does; a known one simply has no open follow-up.
      await turn.core.show(target.number);
      say(t(turn.language, "bot.staff.followup_none", { number: target.number }), target.number);
    }
  },
} satisfies StaffCommand;
