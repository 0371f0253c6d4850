/** `/fixed [number]` (已修好): the customer confirms the fix; the resolved ticket closes and the survey follows. */
import { confirmFixed } from "../resolution-dialog.ts";
import type { CustomerCommand } from "./command.ts";

export const fixedCommand = {
  name: "fixed",
  aliases: ["confirm"],
  help: "bot.help.customer.fixed",
  run: ({ turn, command }) => confirmFixed(turn, command.args.join("")),
} satisfies CustomerCommand;
