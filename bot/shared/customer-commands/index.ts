/**
 * The registry of customer commands: every record from this folder's files, in the order the
 * customer's /help lists them. Dispatch, /help and the answer to an unknown command derive
 * from it. A new command is a new file, placed in the list below.
 */
import type { Language } from "../../../core/index.ts";
import type { ParsedCommand } from "../parse-command.ts";
import { t } from "../text.ts";
import type { Turn } from "../turn.ts";
import { cancelCommand } from "./cancel.ts";
import { chaseCommand } from "./chase.ts";
import type { CustomerCommand } from "./command.ts";
import { faqCommand } from "./faq.ts";
import { fixedCommand } from "./fixed.ts";
import { notFixedCommand } from "./not-fixed.ts";
import { langCommand } from "./lang.ts";
import { reportCommand } from "./report.ts";
import { startCommand } from "./start.ts";
import { statusCommand } from "./status.ts";

/** `/help`, also the answer to a command no record claims. */
export const helpCommand: CustomerCommand = {
  name: "help",
  help: null,
  run: ({ turn }) => turn.say(customerHelp(turn.language)),
};

/** In the order /help lists them, one line each. */
export const CUSTOMER_COMMANDS: readonly CustomerCommand[] = [
  startCommand,
  helpCommand,
  reportCommand,
  statusCommand,
  chaseCommand,
  fixedCommand,
  notFixedCommand,
  faqCommand,
  langCommand,
  cancelCommand,
];

const BY_NAME = new Map<string, CustomerCommand>();
for (const command of CUSTOMER_COMMANDS) {
  for (const name of [command.name, ...(command.aliases ?? [])]) {
    if (BY_NAME.has(name)) throw new Error(`two customer commands are called /${name}`);
    BY_NAME.set(name, command);
  }
}

/** The command a customer typed (by name or alias), or undefined when none is called that. */
export function findCustomerCommand(name: string): CustomerCommand | undefined {
  return BY_NAME.get(name);
}

export function runCustomerCommand(turn: Turn, command: ParsedCommand): Promise<void> | void {
  return (findCustomerCommand(command.name) ?? helpCommand).run({ turn, command });
}

export function customerHelp(language: Language): string {
  return CUSTOMER_COMMANDS.flatMap((command) => (command.help ? [t(language, command.help)] : [])).join("\n");
}
