/**
 * Staff commands (contracts.md), the same on every channel: parse → core use case → reply.
 * Each command is a record in its own file under staff-commands/, collected by its
 * registry; this file dispatches to them. The ticket is the number typed after the command,
 * or — when none is typed — the ticket of the bot message being replied to or of the forum
 * topic, both resolved by the adapter from stored links.
 */
import { AppError, parseTicketNumber, type Staff } from "../../core/index.ts";
import { textAfterWords, type ParsedCommand } from "./parse-command.ts";
import type { StaffButton } from "./payloads.ts";
import type { CommandContext, StaffButtonHandler, StaffButtonKind, StaffContext, Target } from "./staff-commands/command.ts";
import { findStaffCommand, helpCommand, STAFF_BUTTONS } from "./staff-commands/index.ts";
import { t } from "./text.ts";
import type { Turn } from "./turn.ts";

export { findStaffCommand } from "./staff-commands/index.ts";
export { parseAppointment, parseStatus } from "./staff-commands/parse-words.ts";

export async function runStaffCommand(turn: Turn, staff: Staff, command: ParsedCommand): Promise<void> {
  const entry = findStaffCommand(command.name) ?? helpCommand;
  // A fast, friendly refusal in the words of the core's own (which still guards the use case).
  if (!entry.roles.includes(staff.role)) throw new AppError("forbidden", { detail: `${staff.role} may not /${entry.name}` });
  const context: CommandContext = {
    ...staffContext(turn, staff),
    command,
    usage: () => turn.say(t(turn.language, "bot.staff.usage", { usage: entry.usage ?? "/help" })),
  };
  if (!entry.needsTicket) return entry.run(context);
  const target = targetOf(turn, command);
  if (!target) {
    turn.say(t(turn.language, "bot.staff.need_number"));
    return;
  }
  return entry.run({ ...context, target });
}

/**
 * Plain text from staff in the staff chat: in a ticket's topic it is an internal note; a
 * reply to a relayed customer message goes back to the customer; a reply to another bot
 * post of a ticket is a note. Anything else is people talking and is left alone.
 */
export async function handleStaffText(turn: Turn, staff: Staff): Promise<void> {
  const { msg } = turn;
  const text = msg.text?.trim();
  if (!text || msg.edit) return;
  const initiator = turn.staffInitiator(staff);
  if (msg.replyTo?.kind === "customer_message") {
    const ticket = await turn.core.reply(msg.replyTo.ticketNumber, text, initiator);
    turn.say({ text: t(turn.language, "bot.staff.replied", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
    return;
  }
  if (msg.replyTo && msg.replyTo.kind !== "customer_inbound") {
    const ticket = await turn.core.note(msg.replyTo.ticketNumber, text, initiator);
    turn.say({ text: t(turn.language, "bot.staff.noted", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
    return;
  }
  if (msg.topicTicket) {
    // The topic is the ticket's conversation among staff: recorded quietly, like a chat.
    await turn.core.note(msg.topicTicket, text, initiator);
  }
}

/** A button on a staff post, answered by the command file it belongs to. */
export async function handleStaffButton(turn: Turn, staff: Staff, button: StaffButton): Promise<void> {
  return press(staffContext(turn, staff), button);
}

function press<K extends StaffButtonKind>(context: StaffContext, button: Extract<StaffButton, { kind: K }>): Promise<void> | void {
  const handler: StaffButtonHandler<K> = STAFF_BUTTONS[button.kind];
  return handler(context, button);
}

function staffContext(turn: Turn, staff: Staff): StaffContext {
  return {
    turn,
    staff,
    initiator: turn.staffInitiator(staff),
    say: (text, number) => turn.say(number ? { text, about: { ticketNumber: number, kind: "notice" } } : { text }),
  };
}

function targetOf(turn: Turn, command: ParsedCommand): Target | null {
  const first = command.args[0];
  const typed = first ? parseTicketNumber(first, turn.numberPrefix) : null;
  if (typed) {
    const rest = textAfterWords(command.rest, 1);
    return { number: typed, rest, args: command.args.slice(1) };
  }
  const context = turn.msg.replyTo?.ticketNumber ?? turn.msg.topicTicket;
  return context ? { number: context, rest: command.rest, args: command.args } : null;
}
