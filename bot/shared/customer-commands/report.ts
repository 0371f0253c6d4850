/** `/report [words]` (报修): starts the guided report, the words as its description. */
import { startReport } from "../report-dialog.ts";
import type { CustomerCommand } from "./command.ts";

export const reportCommand = {
  name: "report",
  help: "bot.help.customer.report",
  run: ({ turn, command }) => startReport(turn, command.rest ? { description: command.rest } : {}),
} satisfies CustomerCommand;
