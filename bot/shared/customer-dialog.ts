/**
 * What customers say to the bot in a private chat: the menu, the guided report, status and
 * chase, free text (offered as a report, or added to their open ticket), survey answers.
 */
import {
  CUSTOMER_WRITABLE_STATUSES,
  customerMayChase,
  describeError,
  formatDateTime,
  isAppError,
  parseTicketNumber,
  TEXT_MAX_LENGTH,
  REPORT_LIMITS,
  type Customer,
  type Language,
  type PublicTimelineEntry,
  type Ticket,
  type TicketStatus,
} from "../../core/index.ts";
import type { ParsedCommand } from "./parse-command.ts";
import { payload, type Button } from "./payloads.ts";
import { continueReport, startReport } from "./report-dialog.ts";
import { answerSurveyButton, answerSurveyComment } from "./survey-dialog.ts";
import { orNone, preview, statusName, t } from "./text.ts";
import type { Turn } from "./turn.ts";
import type { Choice, StoredAttachment } from "./types.ts";


export const CUSTOMER_COMMANDS: ReadonlySet<string> = new Set(["start", "menu", "help", "report", "status", "chase", "lang", "language", "cancel", "faq"]);

const LANGUAGE_WORDS: Record<string, Language> = {
  en: "en",
  english: "en",
  zh: "zh-Hans",
  "zh-hans": "zh-Hans",
  "zh-cn": "zh-Hans",
  cn: "zh-Hans",
  中文: "zh-Hans",
  简体: "zh-Hans",
  简体中文: "zh-Hans",
  "zh-hant": "zh-Hant",
  "zh-tw": "zh-Hant",
  "zh-hk": "zh-Hant",
  繁體: "zh-Hant",
  繁體中文: "zh-Hant",
  繁体: "zh-Hant",
};

const LANGUAGE_LABELS: { readonly [L in Language]: string } = { en: "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文" };

export async function handleCustomerCommand(turn: Turn, command: ParsedCommand): Promise<void> {
  switch (command.name) {
    case "start":
    case "menu":
      return showMenu(turn);
    case "help":
      turn.say(t(turn.language, "bot.help.customer"));
      return;
    case "faq":
      return answerFaq(turn, command.rest);
    case "lang":
    case "language":
      return changeLanguage(turn, command.args[0]);
    case "cancel":
      if (turn.session.dialog?.kind === "report") {
        turn.session.dialog = undefined;
        turn.say({ text: t(turn.language, "bot.report.cancelled"), removeKeyboard: true });
      } else {
        turn.session.dialog = undefined;
        await showMenu(turn);
      }
      return;
    case "report":
      return startReport(turn, command.rest ? { description: command.rest } : {});
    case "status":
      return command.args[0] ? showTicket(turn, command.args.join("")) : listTickets(turn);
    case "chase":
      return chase(turn, command.args.join(""));
    default:
      turn.say(t(turn.language, "bot.help.customer"));
  }
}

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
        return startReport(turn, { ...(dialog.text ? { description: dialog.text } : {}), ...(attachments.length > 0 ? { attachments } : {}) });
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
  // What goes on the ticket: the customer's words (a caption), else a label for the files.
  const words = (text || attachmentLabel(turn.language, attachments)).slice(0, TEXT_MAX_LENGTH);
  if (msg.replyTo) {
    try {
      await addToTicket(turn, msg.replyTo.ticketNumber, words, attachments, "bot.customer.message_added");
      // The open question about earlier files stays open.
      if (earlier) session.dialog = earlier;
      return;
    } catch (error) {
      // A reply to a message about a finished ticket is a new matter: offer a report below.
      if (!isAppError(error) || (error.code !== "illegal_transition" && error.code !== "not_found")) throw error;
    }
  }
  const customer = await turn.customer();
  const active = customer ? await activeTickets(turn, customer) : [];
  const offered = [...(earlier?.attachments ?? []), ...attachments].slice(-MAX_OFFERED_FILES);
  if (attachments.length > 0 && active.length === 0) {
    return startReport(turn, { attachments: offered.slice(-REPORT_LIMITS.attachments), ...(text ? { description: text } : {}) });
  }
  session.dialog = { kind: "offer", text: (text || earlier?.text || "").slice(0, TEXT_MAX_LENGTH), ...(offered.length > 0 ? { attachments: offered } : {}) };
  const newProblem: Choice = { label: t(turn.language, "bot.offer.new_ticket"), payload: payload.offerYes };
  if (active.length === 1 && active[0]) {
    const added = await addToTicket(turn, active[0].number, words, attachments, null);
    if (added) {
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
  turn.say({
    text: t(turn.language, "bot.offer.ask", { text: preview(text, 200) }),
    choices: [
      [
        { label: t(turn.language, "bot.common.yes"), payload: payload.offerYes },
        { label: t(turn.language, "bot.common.no"), payload: payload.offerNo },
      ],
    ],
  });
}

/** Downloads and keeps the message's files; a file that cannot be kept is explained and left out. */
async function fetchAttachments(turn: Turn): Promise<StoredAttachment[]> {
  const attachments: StoredAttachment[] = [];
  for (const ref of turn.msg.attachments) {
    try {
      attachments.push(await turn.deps.fetchAttachment(ref));
    } catch (error) {
      if (!isAppError(error)) throw error;
      turn.say(describeError(turn.language, error).message);
    }
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

const FAQ_RESULTS = 3;

/**
 * `/faq <words>` (常见问题 <words>): the best knowledge-base articles with their portal links;
 * the fixed FAQ when there are no words, no match, or the search fails.
 */
async function answerFaq(turn: Turn, words: string): Promise<void> {
  const language = turn.language;
  const knowledgeBase = turn.deps.knowledgeBase ?? turn.core.knowledgeBase;
  const query = words.trim().slice(0, 200);
  if (!query) {
    turn.say(`${t(language, "bot.faq")}\n\n${t(language, "bot.faq.search_hint")}`);
    return;
  }
  let hits: readonly { slug: string; title: string }[] = [];
  try {
    hits = (await knowledgeBase.search(query, language, FAQ_RESULTS)).slice(0, FAQ_RESULTS);
  } catch (error) {
    turn.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "knowledge base search failed; answering with the fixed FAQ");
  }
  if (hits.length === 0) {
    turn.say(`${t(language, "bot.faq.no_match", { query: preview(query, 60) })}\n\n${t(language, "bot.faq")}`);
    return;
  }
  const base = turn.core.settings().publicUrl.replace(/\/+$/, "");
  const lines = hits.map((hit) => t(language, "bot.faq.result_line", { title: hit.title, link: `${base}/faq/${encodeURIComponent(hit.slug)}` }));
  turn.say(`${t(language, "bot.faq.results", { query: preview(query, 60) })}\n\n${lines.join("\n\n")}`);
}

async function showMenu(turn: Turn): Promise<void> {
  const language = turn.language;
  turn.say({
    text: t(language, "bot.menu.welcome", { name: turn.msg.sender.displayName }),
    choices: [
      [{ label: t(language, "bot.menu.report"), payload: payload.menuReport }],
      [
        { label: t(language, "bot.menu.status"), payload: payload.menuStatus },
        { label: t(language, "bot.menu.faq"), payload: payload.menuFaq },
      ],
    ],
  });
  if (turn.session.dialog?.kind === "report") turn.say(t(language, "bot.report.in_progress"));
}

async function changeLanguage(turn: Turn, word: string | undefined): Promise<void> {
  const language = word ? LANGUAGE_WORDS[word.toLowerCase()] ?? (LANGUAGE_LABELS[word as Language] ? (word as Language) : undefined) : undefined;
  if (!language) {
    turn.say({
      text: t(turn.language, "bot.lang.choose"),
      choices: [(Object.keys(LANGUAGE_LABELS) as Language[]).map((code) => ({ label: LANGUAGE_LABELS[code], payload: payload.language(code) }))],
    });
    return;
  }
  turn.session.language = language;
  turn.language = language;
  // Notifications (replies from staff, status changes) are written in the customer's stored
  // language. A sender who is no customer yet keeps the choice in the session, and their
  // first report takes it from there.
  await turn.core.setLanguage({ channel: turn.msg.channel, externalId: turn.msg.sender.id }, language);
  turn.say(t(language, "bot.lang.changed"));
}

async function activeTickets(turn: Turn, customer: Customer): Promise<Ticket[]> {
  const { tickets } = await turn.core.list({ customerId: customer.id, statuses: [...CUSTOMER_WRITABLE_STATUSES], limit: 20 });
  return tickets;
}

/** The customer's own ticket by number, or null (another customer's number looks unknown). */
async function ownTicket(turn: Turn, input: string): Promise<Ticket | null> {
  const number = parseTicketNumber(input, turn.numberPrefix);
  const customer = await turn.customer();
  if (!number || !customer) return null;
  const { tickets } = await turn.core.list({ customerId: customer.id, limit: 200 });
  return tickets.find((ticket) => ticket.number === number) ?? null;
}

async function listTickets(turn: Turn): Promise<void> {
  const customer = await turn.customer();
  const active = customer ? await activeTickets(turn, customer) : [];
  if (active.length === 0) {
    turn.say(t(turn.language, "bot.status.none"));
    return;
  }
  const lines = active.map((ticket) =>
    t(turn.language, "bot.status.line", { number: ticket.number, status: statusName(turn.language, ticket.status), description: preview(ticket.description) }),
  );
  turn.say(`${t(turn.language, "bot.status.list_header")}\n${lines.join("\n")}`);
}

async function showTicket(turn: Turn, input: string): Promise<void> {
  const ticket = await ownTicket(turn, input);
  if (!ticket) {
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  const view = await turn.core.publicView(ticket);
  const language = turn.language;
  const updates = view.timeline
    .slice(-5)
    .map((entry) => `${formatDateTime(entry.at, language, turn.timeZone)} ${eventLine(language, entry, view.assigneeName)}`);
  turn.say({
    text: t(language, "bot.status.detail", {
      number: view.number,
      status: statusName(language, view.status),
      assignee: view.assigneeName ?? t(language, "value.unassigned"),
      appointment: orNone(language, formatDateTime(view.appointmentAt, language, turn.timeZone)),
      due: orNone(language, formatDateTime(view.dueAt, language, turn.timeZone)),
      updates: updates.length > 0 ? updates.join("\n") : t(language, "bot.status.no_updates"),
    }),
    about: { ticketNumber: view.number, kind: "notice" },
  });
}

function eventLine(language: Language, entry: PublicTimelineEntry, assigneeName: string | null): string {
  switch (entry.type) {
    case "created":
      return t(language, "bot.event.created");
    case "status_changed":
      return t(language, "bot.event.status_changed", { status: entry.toStatus ? statusName(language, entry.toStatus as TicketStatus) : "" });
    case "assigned":
    case "transferred":
      return t(language, "bot.event.assigned", { name: assigneeName ?? t(language, "value.none") });
    case "appointment_set":
      return t(language, "bot.event.appointment_set");
    case "reply":
      return t(language, "bot.event.reply", { text: preview(entry.text ?? "", 120) });
    case "customer_message":
      return t(language, "bot.event.customer_message", { text: preview(entry.text ?? "", 120) });
    case "chased":
      return t(language, "bot.event.chased");
    case "closed":
      return t(language, "bot.event.status_changed", { status: statusName(language, "closed") });
    case "cancelled":
      return t(language, "bot.event.status_changed", { status: statusName(language, "cancelled") });
    default:
      return t(language, "bot.event.other");
  }
}

async function chase(turn: Turn, input: string): Promise<void> {
  const customer = await turn.customer();
  if (!input) {
    const active = customer ? (await activeTickets(turn, customer)).filter((ticket) => customerMayChase(ticket.status)) : [];
    if (active.length === 0) {
      turn.say(t(turn.language, "bot.status.none"));
      return;
    }
    if (active.length > 1) {
      turn.say({
        text: t(turn.language, "bot.chase.choose"),
        choices: active.slice(0, 6).map((ticket) => [{ label: `${ticket.number} · ${preview(ticket.description, 24)}`, payload: payload.chase(ticket.number) }]),
      });
      return;
    }
    input = active[0]?.number ?? "";
  }
  if (!customer) {
    turn.say(t(turn.language, "error.not_found"));
    return;
  }
  const ticket = await turn.core.chase(input, turn.customerInitiator(customer));
  turn.say({ text: t(turn.language, "bot.chase.done", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
}

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
): Promise<boolean> {
  const customer = await turn.customer();
  if (!customer) {
    turn.say(t(turn.language, "error.not_found"));
    return false;
  }
  const ticket = await turn.core.customerMessage(numberInput, text.slice(0, TEXT_MAX_LENGTH), turn.customerInitiator(customer), { attachments });
  turn.result.inboundLink = { ticketNumber: ticket.number, kind: "customer_inbound" };
  if (confirmation) turn.say({ text: t(turn.language, confirmation, { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
  return true;
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
