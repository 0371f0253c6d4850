/**
 * What a customer command is: one record per command, in its own file in this folder,
 * collected by index.ts, which derives dispatch, the customer's /help and the set of names
 * from the records (see ../staff-commands/command.ts for the staff side).
 */
import type { MessageKey } from "../../../core/index.ts";
import type { ParsedCommand } from "../parse-command.ts";
import type { Turn } from "../turn.ts";

export type CustomerCommand = {
  /** What customers type after the slash, in lower case (the Chinese keywords map to these in parse-command.ts). */
  name: string;
  aliases?: readonly string[];
  /** The command's line in /help (a catalog key, so one text per language); null leaves it out. */
  help: MessageKey | null;
  run(context: { turn: Turn; command: ParsedCommand }): Promise<void> | void;
};
