/**
 * What a staff command is: one record per command, in its own file in this folder, collected
 * by index.ts. Dispatch, the /help listing, the role check and the answer to an unknown
 * command all read the records, so adding a command is adding a file (and its place in the
 * registry's list).
 */
import type { Initiator, MessageKey, Staff, StaffRole } from "../../../core/index.ts";
import type { ParsedCommand } from "../parse-command.ts";
import type { StaffButton } from "../payloads.ts";
import type { Turn } from "../turn.ts";

/** A registered staff member's turn. */
export type StaffContext = {
  turn: Turn;
  staff: Staff;
  initiator: Initiator;
  /** Replies; with a ticket number the reply is about that ticket, so replying to it acts on it. */
  say(text: string, number?: string): void;
};

export type CommandContext = StaffContext & {
  command: ParsedCommand;
  /** Answers with the command's `usage` line. */
  usage(): void;
};

/** The ticket a command is about, and the words typed after its number. */
export type Target = { number: string; rest: string; args: string[] };

export type TicketCommandContext = CommandContext & { target: Target };

export type StaffButtonKind = StaffButton["kind"];
export type StaffButtonHandler<K extends StaffButtonKind> = (context: StaffContext, button: Extract<StaffButton, { kind: K }>) => Promise<void> | void;
/** One handler per kind of staff button; index.ts checks that every kind has one. */
export type StaffButtonHandlers = { [K in StaffButtonKind]: StaffButtonHandler<K> };

type CommandRecord = {
  /** What staff type after the slash, in lower case. */
  name: string;
  aliases?: readonly string[];
  /** The command's entry in /help, one catalog key (so one text per language); null leaves it out. */
  help: MessageKey | null;
  /** The syntax shown as "Usage: …" when words are missing or wrong ("/help" when absent). */
  usage?: string;
  /**
   * Who may run it, from the core's role rules (`rolesWith`). Others are refused before
   * anything is read and do not see it in /help; the core still checks every use case.
   */
  roles: readonly StaffRole[];
  /** The buttons on staff posts that belong to this command (payloads.ts encodes them). */
  buttons?: Partial<StaffButtonHandlers>;
};

/**
 * A staff command. `needsTicket`: the command is about one ticket, the number typed first or
 * else the ticket of the replied-to bot post or of the forum topic; without one, staff are
 * asked which ticket and `run` is not called.
 */
export type StaffCommand = CommandRecord &
  (
    | { needsTicket: true; run(context: TicketCommandContext): Promise<void> | void }
    | { needsTicket: false; run(context: CommandContext): Promise<void> | void }
  );
