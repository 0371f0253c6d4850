/**
 * `/cancel`: drops the report in progress, or whatever question was open, and shows the menu.
 * `/cancel <number>` (取消 <number>): cancels the customer's own open ticket, after a yes/no question.
 */
import { parseTicketNumber } from "../../../core/index.ts";
import { cancelTicket } from "../resolution-dialog.ts";
import { t } from "../text.ts";
import type { CustomerCommand } from "./command.ts";
import { showMenu } from "./start.ts";

export const cancelCommand = {
  name: "cancel",
  help: "bot.help.customer.cancel",
  async run({ turn, command }) {
    const number = parseTicketNumber(command.args.join(""), turn.numberPrefix);
    if (number && turn.session.dialog?.kind !== "report") {
      turn.session.dialog = undefined;
      return cancelTicket(turn, number, "ask");
    }
    if (turn.session.dialog?.kind === "report") {
      turn.session.dialog = undefined;
      turn.say({ text: t(turn.language, "bot.report.cancelled"), removeKeyboard: true });
    } else {
      turn.session.dialog = undefined;
      await showMenu(turn);
    }
  },
} satisfies CustomerCommand;
