/**
 * The dialog layer's entry point: one inbound message and the sender's session in, replies
 * and the new session out. Routing:
 *
 * - button presses: staff buttons need registered staff; the rest belong to the customer's
 *   dialog (menu, report steps, offers, chase, survey);
 * - the staff group: staff commands (refused for anyone not registered), notes and replies
 *   by replying to the bot's posts or writing in a ticket's topic; nothing else is answered;
 * - private chats: staff commands for registered staff, everything else is the customer's.
 *
 * Domain errors become one sentence in the user's language; anything else propagates to the
 * adapter's error boundary.
 */
import { describeError, isAppError, isWellFormedText } from "../../core/index.ts";
import { findCustomerCommand, runCustomerCommand } from "./customer-commands/index.ts";
import { handleCustomerButton, handleCustomerMessage } from "./customer-dialog.ts";
import { parseCommand } from "./parse-command.ts";
import { isStaffButton, parseButton } from "./payloads.ts";
import { findStaffCommand, handleStaffButton, handleStaffText, runStaffCommand } from "./staff-commands.ts";
import { t } from "./text.ts";
import { Turn, type DialogDeps } from "./turn.ts";
import type { DialogResult, InboundMessage, Reply, Session } from "./types.ts";

export type Dialog = ReturnType<typeof createDialog>;

export function createDialog(deps: DialogDeps) {
  return {
    async handle(message: InboundMessage, stored: unknown): Promise<DialogResult> {
      const session = parseSession(stored);
      const msg = withNumberedChoice(deps, message, session);
      const turn = new Turn(deps, msg, session);
      if (msg.text !== undefined && !isWellFormedText(msg.text)) {
        // Text no store can write (a lone UTF-16 surrogate): said once here for every command,
        // report step, note and reply, before anything is recorded.
        turn.say(t(turn.language, "bot.common.ill_formed_text"));
        return turn.result;
      }
      try {
        await adoptProfileName(turn);
        await route(turn);
      } catch (error) {
        if (!isAppError(error)) throw error;
        deps.logger.debug({ code: error.code, detail: error.message }, "dialog answered with a domain error");
        turn.say(describeError(turn.language, error).message);
      }
      if (!deps.hasButtons) rememberChoices(turn.result.replies, session);
      return turn.result;
    },
  };
}

async function route(turn: Turn): Promise<void> {
  const { msg } = turn;
  if (msg.button !== undefined) {
    const button = parseButton(msg.button);
    if (!button) {
      turn.result.toast = t(turn.language, "bot.common.stale_button");
      turn.result.clearButtons = true;
      return;
    }
    if (isStaffButton(button)) {
      const staff = await turn.staff();
      if (!staff) {
        turn.result.toast = t(turn.language, "bot.staff.refused");
        return;
      }
      return handleStaffButton(turn, staff, button);
    }
    if (msg.chat.kind === "group") return;
    return handleCustomerButton(turn, button);
  }

  const command = parseCommand(msg.text);
  if (msg.chat.kind === "group") {
    // An edited command or note in the staff chat is not done a second time.
    if (msg.edit) return;
    if (command) {
      if (!findStaffCommand(command.name)) return;
      const staff = await turn.staff();
      if (!staff) {
        turn.say(t(turn.language, "bot.staff.refused"));
        return;
      }
      return runStaffCommand(turn, staff, command);
    }
    if (!msg.replyTo && !msg.topicTicket) return;
    const staff = await turn.staff();
    if (staff) await handleStaffText(turn, staff);
    return;
  }

  if (command && !msg.edit) {
    if (findStaffCommand(command.name)) {
      const staff = await turn.staff();
      if (staff) return runStaffCommand(turn, staff, command);
      if (!findCustomerCommand(command.name)) {
        turn.say(t(turn.language, "bot.staff.refused"));
        return;
      }
    }
    return runCustomerCommand(turn, command);
  }
  // A registered staff member replying in private to the bot's message about a ticket
  // (e.g. "assigned to you") writes on that ticket.
  if (msg.replyTo && msg.replyTo.kind !== "customer_inbound" && !turn.session.dialog) {
    const staff = await turn.staff();
    if (staff) return handleStaffText(turn, staff);
  }
  return handleCustomerMessage(turn);
}

/**
 * A staff member still shown under a placeholder ("Admin 9101") takes their chat profile's
 * name with their first message (the core does it once, and only for a marked placeholder).
 */
async function adoptProfileName(turn: Turn): Promise<void> {
  const profileName = turn.msg.sender.profileName;
  if (!profileName) return;
  const staff = await turn.staff();
  if (!staff) return;
  const renamed = await turn.core.adoptStaffProfileName(staff.id, profileName);
  if (renamed) turn.rememberStaff(renamed);
}

/** Sessions come back from storage as JSON: keep only what this version understands. */
function parseSession(stored: unknown): Session {
  if (typeof stored !== "object" || stored === null) return {};
  const raw = stored as Record<string, unknown>;
  const session: Session = {};
  if (raw.language === "en" || raw.language === "zh-Hans" || raw.language === "zh-Hant") session.language = raw.language;
  const dialog = raw.dialog as Session["dialog"] | undefined;
  if (dialog && typeof dialog === "object" && (dialog.kind === "report" || dialog.kind === "offer" || dialog.kind === "survey_comment")) {
    session.dialog = structuredClone(dialog);
  }
  if (Array.isArray(raw.lastChoices)) session.lastChoices = raw.lastChoices.filter((choice): choice is string => typeof choice === "string");
  return session;
}

/** On a text-only channel, a typed "2" picks the second choice of the last numbered list. */
function withNumberedChoice(deps: DialogDeps, message: InboundMessage, session: Session): InboundMessage {
  if (deps.hasButtons || message.button !== undefined || !session.lastChoices?.length) return message;
  const typed = /^\s*(\d{1,2})\s*$/.exec(message.text ?? "");
  const choice = typed ? session.lastChoices[Number(typed[1]) - 1] : undefined;
  return choice ? { ...message, button: choice } : message;
}

function rememberChoices(replies: readonly Reply[], session: Session): void {
  const last = [...replies].reverse().find((reply) => reply.choices?.length);
  if (last) session.lastChoices = last.choices?.flat().map((choice) => choice.payload) ?? [];
  else if (replies.length > 0) delete session.lastChoices;
}

/** For text-only channels: the reply's choices as numbered lines after its text. */
export function renderNumberedChoices(reply: Reply): string {
  const choices = reply.choices?.flat() ?? [];
  if (choices.length === 0) return reply.text;
  return `${reply.text}\n\n${choices.map((choice, index) => `${index + 1}. ${choice.label}`).join("\n")}`;
}
