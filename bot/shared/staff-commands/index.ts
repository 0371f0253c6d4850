/**
 * The registry of staff commands: every record from this folder's files, in the order /help
 * lists them. Dispatch (../staff-commands.ts), the /help text, the role check and the answer
 * to an unknown command all derive from it, and the buttons on staff posts from the records'
 * `buttons`. A new command is a new file, placed in a row below.
 */
import { STAFF_ROLES, type Language, type StaffRole } from "../../../core/index.ts";
import { t } from "../text.ts";
import { approveCommand } from "./approve.ts";
import { assignCommand } from "./assign.ts";
import { closeCommand } from "./close.ts";
import type { StaffButtonHandlers, StaffCommand } from "./command.ts";
import { escalateCommand } from "./escalate.ts";
import { followupCommand, followupsCommand } from "./followups.ts";
import { noteCommand } from "./note.ts";
import { nameCommand } from "./name.ts";
import { loginCommand } from "./login.ts";
import { mineCommand, queueCommand } from "./queue.ts";
import { rejectCommand } from "./reject.ts";
import { reopenCommand } from "./reopen.ts";
import { replyCommand } from "./reply.ts";
import { showCommand } from "./show.ts";
import { staffCommand } from "./staff.ts";
import { statsCommand } from "./stats.ts";
import { statusCommand } from "./status.ts";
import { takeCommand } from "./take.ts";
import { urgencyButtons } from "./urgency.ts";
import { visitCommand } from "./visit.ts";

/** One row per line of /help. */
const HELP_ROWS: readonly (readonly StaffCommand[])[] = [
  [queueCommand, mineCommand, showCommand, takeCommand, assignCommand],
  [statusCommand, noteCommand, replyCommand],
  [approveCommand, rejectCommand, escalateCommand],
  [closeCommand, reopenCommand, statsCommand],
  [visitCommand],
  [followupsCommand, followupCommand],
  [staffCommand, nameCommand, loginCommand],
];

/** `/help`, also the answer to a command no record claims: the commands the caller's role may run. */
export const helpCommand: StaffCommand = {
  name: "help",
  help: null,
  roles: STAFF_ROLES,
  needsTicket: false,
  run: ({ turn, staff }) => turn.say(staffHelp(turn.language, staff.role)),
};

export const STAFF_COMMANDS: readonly StaffCommand[] = [...HELP_ROWS.flat(), helpCommand];

const BY_NAME = new Map<string, StaffCommand>();
for (const command of STAFF_COMMANDS) {
  for (const name of [command.name, ...(command.aliases ?? [])]) {
    if (BY_NAME.has(name)) throw new Error(`two staff commands are called /${name}`);
    BY_NAME.set(name, command);
  }
}

/** The command staff typed (by name or alias), or undefined when none is called that. */
export function findStaffCommand(name: string): StaffCommand | undefined {
  return BY_NAME.get(name);
}

export function staffHelp(language: Language, role: StaffRole): string {
  const lines = HELP_ROWS.map((row) =>
    row
      .flatMap((command) => (command.help && command.roles.includes(role) ? [t(language, command.help)] : []))
      .join(" · "),
  ).filter((line) => line !== "");
  return [t(language, "bot.staff.help.header"), ...lines, t(language, "bot.staff.help.footer")].join("\n");
}

/** A handler for every kind of staff button: a kind without one does not compile. */
export const STAFF_BUTTONS: StaffButtonHandlers = { ...takeCommand.buttons, ...assignCommand.buttons, ...urgencyButtons };
