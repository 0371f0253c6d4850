/** `/start` (also `/menu`): the welcome with the menu buttons. */
import { payload } from "../payloads.ts";
import { t } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { CustomerCommand } from "./command.ts";

export const startCommand = {
  name: "start",
  aliases: ["menu"],
  help: null,
  run: ({ turn }) => showMenu(turn),
} satisfies CustomerCommand;

/** Also what `/cancel` shows when no report is in progress. */
export async function showMenu(turn: Turn): Promise<void> {
  const language = turn.language;
  turn.say({
    text: t(language, "bot.menu.welcome", { name: turn.msg.sender.displayName }),
    choices: [
      [{ label: t(language, "bot.menu.report"), payload: payload.menuReport }],
      [
        { label: t(language, "bot.menu.status"), payload: payload.menuStatus },
        { label: t(language, "bot.menu.faq"), payload: payload.menuFaq },
      ],
    ],
  });
  if (turn.session.dialog?.kind === "report") turn.say(t(language, "bot.report.in_progress"));
}
