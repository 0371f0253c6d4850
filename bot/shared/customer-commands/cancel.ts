/** `/cancel`: drops the report in progress, or whatever question was open, and shows the menu. */
import { t } from "../text.ts";
import type { CustomerCommand } from "./command.ts";
import { showMenu } from "./start.ts";

export const cancelCommand = {
  name: "cancel",
  help: "bot.help.customer.cancel",
  async run({ turn }) {
    if (turn.session.dialog?.kind === "report") {
      turn.session.dialog = undefined;
      turn.say({ text: t(turn.language, "bot.report.cancelled"), removeKeyboard: true });
    } else {
      turn.session.dialog = undefined;
      await showMenu(turn);
    }
  },
} satisfies CustomerCommand;
