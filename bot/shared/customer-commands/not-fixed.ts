/** `/notfixed [number]` (没修好): the problem is not solved; the ticket goes back to work (or a follow-up is opened). */
import { reportNotFixed } from "../resolution-dialog.ts";
import type { CustomerCommand } from "./command.ts";

export const notFixedCommand = {
  name: "notfixed",
  aliases: ["not_fixed"],
  // Listed in /help on the line of /fixed.
  help: null,
  run: ({ turn, command }) => reportNotFixed(turn, command.args.join("")),
} satisfies CustomerCommand;
