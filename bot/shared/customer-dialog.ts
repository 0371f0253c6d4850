/**
 * What customers say to the bot in a private chat besides commands (customer-commands/):
 * buttons (the menu, the guided report, offers, chase, survey), free text and files (offered
 * as a report, or added to their open ticket), survey comments.
 */
import { isAppError, parseTicketNumber, withinReopenWindow, TEXT_MAX_LENGTH, REPORT_LIMITS, type Customer, type Language, type Ticket } from "../../core/index.ts";
import { keepAttachment } from "./attachments.ts";
import { chase } from "./customer-commands/chase.ts";
import { answerFaq } from "./customer-commands/faq.ts";
import { changeLanguage } from "./customer-commands/lang.ts";
import { activeTickets, listTickets } from "./customer-commands/status.ts";
import { payload, type Button } from "./payloads.ts";
import { continueReport, holdsReport, startReport } from "./report-dialog.ts";
import { cancelTicket, confirmFixed, reportNotFixed } from "./resolution-dialog.ts";
import { saySafetyAdvice } from "./safety-advice.ts";
import { answerSurveyButton, answerSurveyComment } from "./survey-dialog.ts";
import { preview, statusName, t } from "./text.ts";
import type { Turn } from "./turn.ts";
import type { Choice, StoredAttachment } from "./types.ts";

export async function handleCustomerButton(turn: Turn, button: Button): Promise<void> {
  const dialog = turn.session.dialog;
  switch (button.kind) {
    case "menu":
      turn.result.clearButtons = true;
      if (button.item === "report") return startReport(turn);
      if (button.item === "status") return listTickets(turn);
      return answerFaq(turn, "");
    case "language":
      turn.result.clearButtons = true;
      return changeLanguage(turn, button.language);
    case "report":
    case "report_category":
    case "report_edit":
      if (dialog?.kind !== "report") {
        turn.result.clearButtons = true;
        turn.result.toast = t(turn.language, "bot.common.stale_button");
        if (button.kind === "report" && button.action === "confirm") turn.say(t(turn.language, "bot.report.nothing_to_confirm"));
        return;
      }
      return continueReport(turn, dialog, button);
    case "offer": {
      turn.result.clearButtons = true;
      if (dialog?.kind !== "offer") {
        turn.result.toast = t(turn.language, "bot.common.stale_button");
        return;
      }
      turn.session.dialog = undefined;
      if (button.action === "yes") {
        // A report holds as many files as intake takes; the newest are kept.
        const attachments = (dialog.attachments ?? []).slice(-REPORT_LIMITS.attachments);
        // The text's safety advice was said when it arrived.
        return startReport(turn, { ...(dialog.text ? { description: dialog.text } : {}), ...(attachments.length > 0 ? { attachments } : {}), adviceShown: true });
      }
      turn.say(t(turn.language, "bot.offer.declined"));
      return;
    }
    case "offer_add": {
      turn.result.clearButtons = true;
      if (dialog?.kind !== "offer") {
        turn.result.toast = t(turn.language, "bot.common.stale_button");
        return;
      }
      turn.session.dialog = undefined;
      const attachments = dialog.attachments ?? [];
      await addToTicket(turn, button.number, dialog.text || attachmentLabel(turn.language, attachments), attachments, "bot.customer.message_added");
      return;
    }
    case "chase":
      turn.result.clearButtons = true;
      return chase(turn, button.number);
    case "fix": {
      if (button.action === "ok") return confirmFixed(turn, button.number);
      // Words still waiting in an offer ("is this about ticket X?") go with the objection.
      const words = dialog?.kind === "offer" ? dialog.text : undefined;
      if (dialog?.kind === "offer") turn.session.dialog = undefined;
      return reportNotFixed(turn, button.number, words);
    }
    case "cancel_ticket":
      return cancelTicket(turn, button.number, button.action);
    case "survey":
      return answerSurveyButton(turn, button.key, button.score);
    default:
      turn.result.toast = t(turn.language, "bot.common.stale_button");
  }
}

/**
 * A message that is neither a command nor a button. Words and files (a photo, a voice note)
 * go the same way: onto the ticket the message replies to; onto the customer's one open
 * ticket (with a button in case it is a new problem); to a choice among several open
 * tickets; otherwise a new report is offered (text) or started (files, which must not be lost).
 */
export async function handleCustomerMessage(turn: Turn): Promise<void> {
  const { msg, session } = turn;
  if (msg.edit) return relayEdit(turn);
  const dialog = session.dialog;
  if (dialog?.kind === "report") return continueReport(turn, dialog, null);
  if (dialog?.kind === "survey_comment" && msg.text && (await answerSurveyComment(turn, dialog.promptKey))) return;
  if (dialog?.kind === "survey_comment" || dialog?.kind === "offer") session.dialog = undefined;

  const text = msg.text?.trim() ?? "";
  const attachments = msg.attachments.length > 0 ? await fetchAttachments(turn) : [];
  // Files still waiting for an answer to "which ticket?" are not dropped by the next message:
  // several photos sent at once (an album) arrive as one message each, or the customer adds
  // a word before choosing. The new question carries them all, so any answer takes them along.
  const earlier = dialog?.kind === "offer" && dialog.attachments?.length ? dialog : undefined;
  if (attachments.length === 0 && !text) {
    // A file that could not be kept was explained already; anything else (a sticker) is not understood.
    if (msg.attachments.length === 0 && !msg.contactPhone) turn.say(t(turn.language, "bot.common.unsupported"));
    if (earlier) session.dialog = earlier;
    return;
  }
  // Safety first: words that describe a danger get its advice before any question.
  await saySafetyAdvice(turn, text);
  // What goes on the ticket: the customer's words (a caption), else a label for the files.
  const words = (text || attachmentLabel(turn.language, attachments)).slice(0, TEXT_MAX_LENGTH);
  if (msg.replyTo) {
    try {
      await addToTicket(turn, msg.replyTo.ticketNumber, words, attachments, "bot.customer.message_added");
      // The open question about earlier files stays open.
      if (earlier) session.dialog = earlier;
      return;
    } catch (error) {
      if (!isAppError(error) || (error.code !== "illegal_transition" && error.code !== "not_found" && error.code !== "ticket_not_open")) throw error;
      // A reply about a closed ticket: the same problem back (not fixed), or a new matter.
      if (error.code === "ticket_not_open" && error.params.status === "closed") {
        const number = msg.replyTo.ticketNumber;
        session.dialog = { kind: "offer", text: text.slice(0, TEXT_MAX_LENGTH), ...(attachments.length > 0 ? { attachments } : {}) };
        turn.say({
          text: t(turn.language, "bot.customer.closed_offer", { number }),
          choices: [
            [{ label: t(turn.language, "bot.customer.closed_offer.not_fixed", { number }), payload: payload.notFixed(number) }],
            [{ label: t(turn.language, "bot.offer.new_ticket"), payload: payload.offerYes }],
          ],
        });
        return;
      }
      // Otherwise (not theirs, cancelled) it is a new matter: offer a report below.
    }
  }
  const customer = await turn.customer();
  const active = customer ? await activeTickets(turn, customer) : [];
  const offered = [...(earlier?.attachments ?? []), ...attachments].slice(-MAX_OFFERED_FILES);
  if (attachments.length > 0 && active.length === 0) {
    return startReport(turn, { attachments: offered.slice(-REPORT_LIMITS.attachments), ...(text ? { description: text } : {}), adviceShown: true });
  }
  // A message that holds the problem and a phone number is a report: straight to its summary (which asks to submit).
  if (active.length === 0 && holdsReport(text)) {
    return startReport(turn, { description: text, ...(offered.length > 0 ? { attachments: offered.slice(-REPORT_LIMITS.attachments) } : {}), adviceShown: true });
  }
  session.dialog = { kind: "offer", text: (text || earlier?.text || "").slice(0, TEXT_MAX_LENGTH), ...(offered.length > 0 ? { attachments: offered } : {}) };
  const newProblem: Choice = { label: t(turn.language, "bot.offer.new_ticket"), payload: payload.offerYes };
  if (active.length === 1 && active[0]) {
    const added = await addToTicket(turn, active[0].number, words, attachments, null);
    if (added) {
      // On a resolved ticket the message was an objection: the ticket is open again.
      if (active[0].status === "resolved" && added.status !== "resolved") {
        session.dialog = undefined;
        turn.say({
          text: t(turn.language, "bot.customer.message_reopened", { number: added.number, status: statusName(turn.language, added.status) }),
          about: { ticketNumber: added.number, kind: "notice" },
        });
        return;
      }
      turn.say({ text: t(turn.language, "bot.customer.message_added_single", { number: active[0].number }), choices: [[newProblem]] });
      return;
    }
  }
  if (active.length > 1) {
    turn.say({
      text: t(turn.language, "bot.offer.which", { text: preview(session.dialog.text || attachmentLabel(turn.language, offered), 200) }),
      choices: [[newProblem], ...active.slice(0, 3).map((ticket) => [{ label: t(turn.language, "bot.offer.add_to", { number: ticket.number }), payload: payload.offerAdd(ticket.number) }])],
    });
    return;
  }
  // A customer whose last ticket closed may be telling us it is not fixed: offer that too.
  const closed = customer ? await lastClosedTicket(turn, customer) : null;
  turn.say({
    text: t(turn.language, "bot.offer.ask", { text: preview(text, 200) }),
    choices: [
      [
        { label: t(turn.language, "bot.common.yes"), payload: payload.offerYes },
        { label: t(turn.language, "bot.common.no"), payload: payload.offerNo },
      ],
      ...(closed ? [[{ label: t(turn.language, "bot.customer.closed_offer.not_fixed", { number: closed }), payload: payload.notFixed(closed) }]] : []),
    ],
  });
}

/** The number of the customer's most recently closed ticket, if it closed within the reopen window. */
async function lastClosedTicket(turn: Turn, customer: Customer): Promise<string | null> {
  const { tickets } = await turn.core.list({ customerId: customer.id, statuses: ["closed"], limit: 20 });
  const days = turn.core.settings().reopenWindowDays;
  const recent = tickets.filter((ticket) => ticket.closedAt && withinReopenWindow(ticket, turn.now, days));
  recent.sort((left, right) => (right.closedAt?.getTime() ?? 0) - (left.closedAt?.getTime() ?? 0));
  return recent[0]?.number ?? null;
}

/** Downloads and keeps the message's files; a file that cannot be kept is explained and left out. */
async function fetchAttachments(turn: Turn): Promise<StoredAttachment[]> {
  const attachments: StoredAttachment[] = [];
  for (const ref of turn.msg.attachments) {
    const kept = await keepAttachment(turn, ref);
    if (kept) attachments.push(kept);
  }
  return attachments;
}

/** Stands for files sent without a caption, in the customer's words: "[Photo]", "[语音]". */
function attachmentLabel(language: Language, attachments: readonly StoredAttachment[]): string {
  const kinds = new Set(
    attachments.map((attachment) =>
      attachment.mimeType.startsWith("image/") ? "bot.customer.sent_photo" : attachment.mimeType.startsWith("audio/") ? "bot.customer.sent_voice" : "bot.customer.sent_file",
    ),
  );
  return [...kinds].map((key) => t(language, key)).join(" ");
}

/** Files one pending question ("which ticket?") carries: a Telegram album has at most 10. */
const MAX_OFFERED_FILES = 10;

/**
 * Records the customer's words (and files) on their ticket (staff see them relayed into the
 * ticket's topic or post). With `confirmation: null` the caller says something itself.
 */
async function addToTicket(
  turn: Turn,
  numberInput: string,
  text: string,
  attachments: readonly StoredAttachment[],
  confirmation: "bot.customer.message_added" | null,
): Promise<Ticket | null> {
  const customer = await turn.customer();
  if (!customer) {
    turn.say(t(turn.language, "error.not_found"));
    return null;
  }
  // A message on a resolved ticket reopens it (core/tickets/add-customer-message.ts): the confirmation says so.
  const wasResolved = confirmation !== null && (await activeTickets(turn, customer)).some((ticket) => ticket.number === parseTicketNumber(numberInput, turn.numberPrefix) && ticket.status === "resolved");
  const ticket = await turn.core.customerMessage(numberInput, text.slice(0, TEXT_MAX_LENGTH), turn.customerInitiator(customer), { attachments });
  turn.result.inboundLink = { ticketNumber: ticket.number, kind: "customer_inbound" };
  if (confirmation && wasResolved && ticket.status !== "resolved") {
    turn.say({
      text: t(turn.language, "bot.customer.message_reopened", { number: ticket.number, status: statusName(turn.language, ticket.status) }),
      about: { ticketNumber: ticket.number, kind: "notice" },
    });
  } else if (confirmation) {
    turn.say({ text: t(turn.language, confirmation, { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
  }
  return ticket;
}

/** An edited message that had been relayed to a ticket is relayed again, marked as a correction. */
async function relayEdit(turn: Turn): Promise<void> {
  const number = turn.msg.edit?.ticketNumber;
  const text = turn.msg.text?.trim();
  if (!number || !text) return;
  const customer = await turn.customer();
  if (!customer) return;
  await turn.core.customerMessage(number, `✏️ ${text.slice(0, 3990)}`, turn.customerInitiator(customer));
  turn.say({ text: t(turn.language, "bot.customer.edit_relayed", { number }), about: { ticketNumber: number, kind: "notice" } });
}
