/**
 * `/visit <number> reached [note]` · `/visit <number> unreached [next time] [note]`: the
 * outcome of a return-visit call (回访). Not reached needs a next attempt; without a typed
 * time the core picks the next acceptable calling slot after a day.
 */
import { formatDateTime, isAppError, STAFF_ROLES } from "../../../core/index.ts";
import { textAfterWords } from "../parse-command.ts";
import { t } from "../text.ts";
import type { StaffCommand } from "./command.ts";
import { parseAppointment } from "./parse-words.ts";

const VISIT_OUTCOMES: Readonly<Record<string, "reached" | "unreached">> = {
  reached: "reached",
  ok: "reached",
  接通: "reached",
  已接通: "reached",
  联系上: "reached",
  已联系: "reached",
  聯繫上: "reached",
  已聯繫: "reached",
  unreached: "unreached",
  not_reached: "unreached",
  "not-reached": "unreached",
  未接通: "unreached",
  未联系上: "unreached",
  未聯繫上: "unreached",
  无人接听: "unreached",
  無人接聽: "unreached",
};

export const visitCommand = {
  name: "visit",
  help: "bot.staff.help.visit",
  usage: "/visit <number> reached|unreached [next time, e.g. 2026-11-28 19:30] [note]",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, usage, target }) {
    const language = turn.language;
    const [word, ...after] = target.args;
    const key = word?.toLowerCase();
    const outcome = key && Object.hasOwn(VISIT_OUTCOMES, key) ? VISIT_OUTCOMES[key] : undefined;
    if (!outcome) return usage();
    let consumed = 1;
    let nextAttemptAt: Date | undefined;
    if (outcome === "unreached" && after[0] && /^\d/.test(after[0])) {
      const parsed = parseAppointment(after, turn.timeZone, turn.now);
      if (!parsed) {
        say(t(language, "bot.staff.bad_time", { value: after.slice(0, 2).join(" ") }));
        return;
      }
      nextAttemptAt = parsed.at;
      consumed += parsed.words;
    }
    const note = textAfterWords(target.rest, consumed);
    let visit;
    try {
      visit = await turn.core.recordReturnVisit(target.number, outcome, initiator, { ...(note ? { note } : {}), ...(nextAttemptAt ? { nextAttemptAt } : {}) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === "illegal_transition") {
        say(t(language, "bot.staff.visit_done", { number: target.number }), target.number);
        return;
      }
      if (error.code !== "not_found") throw error;
      // An unknown ticket answers as every command does; a known one simply has no visit (yet).
      await turn.core.show(target.number);
      say(t(language, "bot.staff.visit_none", { number: target.number }), target.number);
      return;
    }
    say(
      outcome === "reached"
        ? t(language, "bot.staff.visit_reached", { number: target.number })
        : t(language, "bot.staff.visit_unreached", { number: target.number, attempts: visit.attempts, next: formatDateTime(visit.dueAt, language, turn.timeZone) }),
      target.number,
    );
  },
} satisfies StaffCommand;
