/**
 * The guided report (报修): what is wrong → category check → product → photos → phone →
 * address → preferred time → summary → ticket.
 *
 * Only what is not known yet is asked. A phone number or an address written in the
 * description is taken from it (report-details.ts); the category question is left out when
 * the classifier is confident ({@link CONFIDENT_CLASSIFICATION}). When the customer wrote the
 * problem before being asked (a first message, `/report <words>`, a photo's caption), the
 * report is a quick one: only the phone is asked if missing, then the summary, which offers
 * photos and the optional fields. The summary always shows everything, and every field can
 * be changed from it.
 *
 * Why an explicit state machine and not @grammyjs/conversations: conversations replays a
 * grammY middleware function over the recorded Telegram updates, so its state is a log of
 * Telegram contexts tied to grammY's Context type. This dialog must run unchanged behind
 * WeChat and in unit tests without any chat library, so its state is plain data
 * ({@link DialogState}) that the adapter stores in our database after every message; a
 * restart between two messages resumes at the same step.
 */
import {
  CATEGORIES,
  describeError,
  describeUrgentIntake,
  formatDateTime,
  isAppError,
  checkReportField,
  formatPhone,
  maskPhone,
  normalizePhone,
  REPORT_LIMITS,
  type Category,
  type ReportInput,
} from "../../core/index.ts";
import { keepAttachment } from "./attachments.ts";
import { payload, type Button } from "./payloads.ts";
import { extractReportDetails } from "./report-details.ts";
import { saySafetyAdvice } from "./safety-advice.ts";
import { categoryName, orNone, t, urgencyName } from "./text.ts";
import type { Turn } from "./turn.ts";
import { REPORT_STEPS, type Choice, type DialogState, type ReportDraft, type ReportStep, type StoredAttachment } from "./types.ts";

type ReportState = Extract<DialogState, { kind: "report" }>;

const STEPS: readonly ReportStep[] = REPORT_STEPS;

/**
 * The category question is left out at or above this confidence of `core.suggestClassification`
 * (the weaker of its category and urgency confidences), unless the guess is "other". Chosen on
 * the 65 held-out reports the classifier never trained on (training/holdout/intake-holdout.jsonl):
 * at 0.7 or more, 37 of them (57 %) skip the question and none of those has a wrong category; the
 * most confident wrong guess there scored 0.59. The summary still shows the category and urgency,
 * and "Change something" changes the category.
 */
export const CONFIDENT_CLASSIFICATION = 0.7;

/** Long enough to act on (the core's rule); a chat keeps the first part of a longer text rather than refusing it. */
const isUsableDescription = (text: string) => !checkReportField("description", text.slice(0, REPORT_LIMITS.description));

/**
 * A message that is a whole report by itself: a problem described and a phone number to call.
 * The customer does not have to be asked whether to report it; the summary asks to submit.
 */
export function holdsReport(text: string): boolean {
  const details = extractReportDetails(text);
  return details.phone !== undefined && isUsableDescription(details.description);
}

/**
 * Starts a report, possibly with what the customer already said or sent. Words written before
 * being asked make it a quick report (see the top of this file). `adviceShown`: the safety
 * advice for that description was said already (when it arrived as free text).
 */
export async function startReport(turn: Turn, init: { description?: string; attachments?: StoredAttachment[]; adviceShown?: boolean } = {}): Promise<void> {
  // A customer who has opened as many tickets as the chat limit allows hears so (and from
  // when) before typing a report that would be held; the dialog answers the AppError.
  await turn.core.checkChatIntake({ channel: turn.msg.channel, externalId: turn.msg.sender.id });
  const description = init.description?.trim();
  const state: ReportState = { kind: "report", step: "description", draft: { attachments: init.attachments ?? [] }, ...(description ? { quick: true } : {}) };
  turn.session.dialog = state;
  if (description && takeDescription(turn, state, description)) {
    // Safety first: advice for a danger comes before the next question.
    if (!init.adviceShown) await saySafetyAdvice(turn, description);
    return advance(turn, state);
  }
  turn.say(t(turn.language, state.draft.attachments.length > 0 ? "bot.report.attachment_received" : "bot.report.ask_description"));
}

/** Feeds one message or button press into a report in progress. */
export async function continueReport(turn: Turn, state: ReportState, button: Button | null): Promise<void> {
  const { msg } = turn;
  if (button?.kind === "report" && button.action === "cancel") {
    turn.session.dialog = undefined;
    turn.result.clearButtons = true;
    turn.say({ text: t(turn.language, "bot.report.cancelled"), removeKeyboard: true });
    return;
  }
  if (msg.attachments.length > 0) {
    const added = await addAttachments(turn, state);
    // A caption is the customer's words: use it as the answer to a text step.
    if (!msg.text) {
      if (state.step === "photos") return;
      turn.say(state.step === "description" && added > 0 ? t(turn.language, "bot.report.attachment_received") : promptFor(turn, state));
      return;
    }
  }
  if (button?.kind === "report_edit") {
    if (state.step !== "confirm") return stale(turn, state);
    state.editing = true;
    turn.result.clearButtons = true;
    moveTo(turn, state, button.step);
    return;
  }
  switch (state.step) {
    case "description":
      return answerDescription(turn, state);
    case "category":
      return answerCategory(turn, state, button);
    case "product":
    case "address":
    case "time":
      return answerText(turn, state, button);
    case "photos":
      if (button?.kind === "report" && (button.action === "photos_done" || button.action === "skip")) {
        turn.result.clearButtons = true;
        return advance(turn, state);
      }
      return button ? stale(turn, state) : useButtons(turn, state);
    case "phone":
      return answerPhone(turn, state, button);
    case "confirm":
      return answerConfirm(turn, state, button);
  }
}

async function answerDescription(turn: Turn, state: ReportState): Promise<void> {
  const text = turn.msg.text?.trim() ?? "";
  if (!takeDescription(turn, state, text)) {
    turn.say(t(turn.language, turn.msg.button ? "bot.report.ask_description" : "bot.report.too_short"));
    return;
  }
  // Safety first: advice for a danger comes before the next question.
  await saySafetyAdvice(turn, text);
  // A changed description may change the category: it is checked again (when not confident), then back to the summary.
  advance(turn, state);
}

function answerCategory(turn: Turn, state: ReportState, button: Button | null): void {
  if (button?.kind === "report" && button.action === "ok") {
    turn.result.clearButtons = true;
    return advance(turn, state);
  }
  if (button?.kind === "report" && button.action === "change_category") {
    turn.result.clearButtons = true;
    turn.say({ text: t(turn.language, "bot.report.choose_category"), choices: categoryChoices(turn) });
    return;
  }
  if (button?.kind === "report_category") {
    state.draft.category = button.category === state.draft.suggested?.category ? undefined : button.category;
    turn.result.clearButtons = true;
    return advance(turn, state);
  }
  return button ? stale(turn, state) : useButtons(turn, state);
}

function answerText(turn: Turn, state: ReportState, button: Button | null): void {
  const step = state.step as "product" | "address" | "time";
  if (button?.kind === "report" && button.action === "skip") {
    setField(state.draft, step, undefined);
    state.draft.skipped = [...new Set([...(state.draft.skipped ?? []), step])];
    turn.result.clearButtons = true;
    return advance(turn, state);
  }
  if (button) return stale(turn, state);
  const text = turn.msg.text?.trim();
  if (!text) {
    turn.say(promptFor(turn, state));
    return;
  }
  const max = step === "product" ? REPORT_LIMITS.product : step === "address" ? REPORT_LIMITS.address : REPORT_LIMITS.preferredTime;
  setField(state.draft, step, text.slice(0, max));
  state.draft.skipped = state.draft.skipped?.filter((skipped) => skipped !== step);
  advance(turn, state);
}

async function answerPhone(turn: Turn, state: ReportState, button: Button | null): Promise<void> {
  const { draft } = state;
  if (draft.phoneCheck && answerPhoneCode(turn, state, button)) return;
  const typed = turn.msg.contactPhone ?? turn.msg.text ?? "";
  const phone = normalizePhone(typed);
  if (!phone) {
    turn.say(typed ? { ...phonePrompt(turn), text: t(turn.language, "bot.report.bad_phone") } : phonePrompt(turn));
    return;
  }
  draft.phone = phone;
  delete draft.phoneCheck;
  // Verified only by the sender's own contact card or an SMS code; a typed number (or an edit to one) is not.
  if (turn.msg.contactPhone !== undefined && turn.msg.contactPhoneVerified === true) {
    draft.phoneVerified = true;
    return advance(turn, state, { removeKeyboard: true });
  }
  delete draft.phoneVerified;
  const codes = turn.deps.phoneCodes;
  if (!codes) return advance(turn, state, { removeKeyboard: true });
  const sent = await codes.send(phone, turn.language);
  if (!sent.sent) {
    turn.deps.logger.warn({ reason: sent.reason }, "a phone verification code could not be sent; the typed phone stays unverified");
    turn.say(t(turn.language, "bot.phone_code.not_sent"));
    return advance(turn, state, { removeKeyboard: true });
  }
  draft.phoneCheck = { phone, challenge: sent.challenge, tries: 0 };
  turn.say({ text: t(turn.language, "bot.phone_code.sent", { phone: maskPhone(phone) }), choices: [[{ label: t(turn.language, "bot.common.skip"), payload: payload.skip }]] });
}

/** The most wrong codes taken for one SMS before the number goes on unverified. */
const PHONE_CODE_TRIES = 5;

/**
 * The reply to an SMS code: the code (verified: the report may join the customer who holds
 * the phone), "skip" (the number stays unverified), or something else, which is answered as
 * a new phone (returns false). Nothing says the number belongs to anyone: the code is offered
 * for every typed phone alike.
 */
function answerPhoneCode(turn: Turn, state: ReportState, button: Button | null): boolean {
  const { draft } = state;
  const check = draft.phoneCheck;
  if (!check) return false;
  if (button?.kind === "report" && button.action === "skip") {
    delete draft.phoneCheck;
    turn.result.clearButtons = true;
    advance(turn, state, { removeKeyboard: true });
    return true;
  }
  if (button) {
    stale(turn, state);
    return true;
  }
  const code = /^\s*(\d{4,8})\s*$/.exec(turn.msg.text ?? "")?.[1];
  if (!code) return false;
  const verdict = turn.deps.phoneCodes?.check({ challenge: check.challenge, phone: check.phone, code, now: turn.now }) ?? "expired";
  if (verdict === "ok" && draft.phone === check.phone) {
    delete draft.phoneCheck;
    draft.phoneVerified = true;
    turn.say(t(turn.language, "bot.phone_code.verified"));
    advance(turn, state, { removeKeyboard: true });
    return true;
  }
  check.tries += 1;
  if (verdict === "expired" || check.tries >= PHONE_CODE_TRIES) {
    delete draft.phoneCheck;
    turn.say(t(turn.language, "bot.phone_code.expired"));
    advance(turn, state, { removeKeyboard: true });
    return true;
  }
  turn.say({ text: t(turn.language, "bot.phone_code.wrong"), choices: [[{ label: t(turn.language, "bot.common.skip"), payload: payload.skip }]] });
  return true;
}

/** The phone question: a channel with a "share my number" button offers it; a text-only one asks to type it. */
function phonePrompt(turn: Turn): { text: string; askContact?: { label: string } } {
  const language = turn.language;
  if (!turn.deps.hasButtons) return { text: t(language, "bot.report.ask_phone_typed") };
  return { text: t(language, "bot.report.ask_phone"), askContact: { label: t(language, "bot.report.share_contact") } };
}

async function answerConfirm(turn: Turn, state: ReportState, button: Button | null): Promise<void> {
  if (button?.kind === "report" && button.action === "edit") {
    turn.result.clearButtons = true;
    turn.say({ text: t(turn.language, "bot.report.choose_field"), choices: fieldChoices(turn) });
    return;
  }
  if (!(button?.kind === "report" && button.action === "confirm")) return button ? stale(turn, state) : useButtons(turn, state);
  await submit(turn, state);
}

/**
 * The chat account a report comes from. `phoneVerified` tells intake whether the channel
 * vouches for the phone: only then may a new account be attached to an existing customer
 * with that phone (and see their tickets, and receive their notifications).
 */
type ReportIdentity = NonNullable<ReportInput["identity"]> & { phoneVerified: boolean };

async function submit(turn: Turn, state: ReportState): Promise<void> {
  const { msg, core } = turn;
  const { draft } = state;
  const identity: ReportIdentity = { channel: msg.channel, externalId: msg.sender.id, phoneVerified: draft.phoneVerified === true };
  try {
    const intake = await core.intake({
      name: msg.sender.displayName.trim().slice(0, REPORT_LIMITS.name) || msg.sender.username || msg.sender.id,
      phone: draft.phone ?? "",
      description: draft.description ?? "",
      ...(draft.product ? { product: draft.product } : {}),
      ...(draft.address ? { address: draft.address } : {}),
      ...(draft.preferredTime ? { preferredTime: draft.preferredTime } : {}),
      ...(draft.category ? { category: draft.category } : {}),
      channel: msg.channel,
      // The message that carried the confirmation: a redelivered or double-pressed
      // confirmation of the same summary finds the ticket it already made.
      sourceMessageId: `${msg.chat.id}:${msg.messageId}`,
      language: turn.language,
      identity,
      attachments: draft.attachments,
    });
    const { ticket } = intake;
    turn.session.dialog = undefined;
    turn.result.clearButtons = true;
    // An urgent report says "supervisor alerted" only when one was; otherwise what to do and the hotline.
    const urgent = describeUrgentIntake(turn.language, intake, core.settings().deskHotline);
    const created = t(turn.language, "bot.report.created", {
      number: ticket.number,
      due: orNone(turn.language, formatDateTime(ticket.firstResponseDueAt, turn.language, turn.timeZone)),
    });
    turn.say({
      text: urgent.length > 0 ? `${urgent.join("\n")}\n\n${created}` : created,
      about: { ticketNumber: ticket.number, kind: "notice" },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    turn.say(describeError(turn.language, error).message);
    turn.say(promptFor(turn, state));
  }
}

/** Fetches and keeps the message's files; returns how many were kept. */
async function addAttachments(turn: Turn, state: ReportState): Promise<number> {
  let added = 0;
  for (const ref of turn.msg.attachments) {
    if (state.draft.attachments.length >= REPORT_LIMITS.attachments) {
      turn.say({
        text: t(turn.language, "bot.report.photo_limit", { max: REPORT_LIMITS.attachments }),
        ...(state.step === "photos" ? { choices: [[{ label: t(turn.language, "bot.common.done"), payload: payload.photosDone }]] } : {}),
      });
      return added;
    }
    const kept = await keepAttachment(turn, ref);
    if (!kept) {
      // Explained by keepAttachment; at the photos step the customer may still go on without it.
      if (state.step === "photos") turn.say({ text: t(turn.language, "bot.report.photo_not_added", { count: state.draft.attachments.length }), choices: [[{ label: t(turn.language, "bot.common.done"), payload: payload.photosDone }]] });
      continue;
    }
    state.draft.attachments.push(kept);
    added++;
    if (state.step === "photos") {
      turn.say({
        text: t(turn.language, "bot.report.photo_added", { count: state.draft.attachments.length }),
        choices: [[{ label: t(turn.language, "bot.common.done"), payload: payload.photosDone }]],
      });
    }
  }
  return added;
}

/**
 * The customer's words as the description: a phone and an address in them fill those fields
 * when still empty (never replacing an answer, e.g. a shared contact). False when what is left
 * is too short to act on; the description is then asked for (the details found are kept).
 */
function takeDescription(turn: Turn, state: ReportState, text: string): boolean {
  const details = extractReportDetails(text);
  const { draft } = state;
  if (details.phone && draft.phone === undefined) {
    draft.phone = details.phone;
    delete draft.phoneVerified;
  }
  if (details.address && draft.address === undefined) draft.address = details.address;
  if (!isUsableDescription(details.description)) return false;
  const description = details.description.slice(0, REPORT_LIMITS.description);
  draft.description = description;
  const classified = turn.core.suggestClassification([description, draft.product].filter(Boolean).join("\n"));
  draft.suggested = { category: classified.category, urgency: classified.urgency, confidence: classified.confidence };
  draft.category = undefined;
  return true;
}

/** Confident enough not to ask (see {@link CONFIDENT_CLASSIFICATION}); "other" is always asked. */
function isConfident(suggested: ReportDraft["suggested"]): boolean {
  return suggested !== undefined && suggested.category !== "other" && (suggested.confidence ?? 0) >= CONFIDENT_CLASSIFICATION;
}

/** A step that need not be asked: its answer is known, or it is optional on a quick report (the summary offers it). */
function isSettled(state: ReportState, step: ReportStep): boolean {
  const { draft } = state;
  switch (step) {
    case "description":
      return draft.description !== undefined;
    case "category":
      return isConfident(draft.suggested);
    case "phone":
      return draft.phone !== undefined;
    case "address":
      return draft.address !== undefined || state.quick === true;
    case "product":
    case "photos":
    case "time":
      return state.quick === true;
    case "confirm":
      return false;
  }
}

function setField(draft: ReportDraft, step: "product" | "address" | "time", value: string | undefined): void {
  if (step === "product") draft.product = value;
  else if (step === "address") draft.address = value;
  else draft.preferredTime = value;
}

function advance(turn: Turn, state: ReportState, options: { removeKeyboard?: boolean } = {}): void {
  moveTo(turn, state, nextStep(state), options);
}

/** The next step to ask: while editing from the summary, back to it (after the category check that follows a new description). */
function nextStep(state: ReportState): ReportStep {
  if (state.editing) return state.step === "description" && !isSettled(state, "category") ? "category" : "confirm";
  return STEPS.slice(STEPS.indexOf(state.step) + 1).find((step) => !isSettled(state, step)) ?? "confirm";
}

function moveTo(turn: Turn, state: ReportState, step: ReportStep, options: { removeKeyboard?: boolean } = {}): void {
  state.step = step;
  if (step === "confirm") state.editing = false;
  const prompt = promptFor(turn, state);
  turn.say(options.removeKeyboard ? { ...prompt, removeKeyboard: true } : prompt);
}

function stale(turn: Turn, state: ReportState): void {
  turn.result.toast = t(turn.language, "bot.common.stale_button");
  turn.say(promptFor(turn, state));
}

function useButtons(turn: Turn, state: ReportState): void {
  turn.say(t(turn.language, "bot.report.use_buttons"));
  turn.say(promptFor(turn, state));
}

/** The question for the current step, with its buttons. */
export function promptFor(turn: Turn, state: ReportState): { text: string; choices?: Choice[][]; askContact?: { label: string } } {
  const language = turn.language;
  const skip = (): Choice[][] => [[{ label: t(language, "bot.common.skip"), payload: payload.skip }]];
  switch (state.step) {
    case "description":
      return { text: t(language, "bot.report.ask_description") };
    case "category": {
      const suggested = state.draft.suggested ?? { category: "other" as Category, urgency: "normal" as const };
      return {
        text: t(language, "bot.report.suggestion", {
          category: categoryName(language, suggested.category),
          urgency: urgencyName(language, suggested.urgency),
        }),
        choices: [
          [
            { label: t(language, "bot.report.category_ok"), payload: payload.categoryOk },
            { label: t(language, "bot.report.category_change"), payload: payload.categoryChange },
          ],
        ],
      };
    }
    case "product":
      return { text: t(language, "bot.report.ask_product"), choices: skip() };
    case "photos":
      return { text: t(language, "bot.report.ask_photos"), choices: [[{ label: t(language, "bot.common.done"), payload: payload.photosDone }]] };
    case "phone":
      return phonePrompt(turn);
    case "address":
      return { text: t(language, "bot.report.ask_address"), choices: skip() };
    case "time":
      return { text: t(language, "bot.report.ask_time"), choices: skip() };
    case "confirm":
      return {
        text: t(language, state.quick ? "bot.report.summary_quick" : "bot.report.summary", { lines: summaryLines(turn, state.draft) }),
        choices: [
          [{ label: t(language, "bot.report.confirm"), payload: payload.confirm }],
          [
            { label: t(language, "bot.report.edit"), payload: payload.edit },
            { label: t(language, "bot.report.cancel"), payload: payload.cancel },
          ],
        ],
      };
  }
}

function summaryLines(turn: Turn, draft: ReportDraft): string {
  const language = turn.language;
  const category = draft.category ?? draft.suggested?.category ?? "other";
  const rows: [string, string][] = [
    [t(language, "bot.report.field.description"), draft.description ?? ""],
    [t(language, "bot.report.field.category"), categoryName(language, category)],
    [t(language, "bot.report.field.urgency"), urgencyName(language, draft.suggested?.urgency ?? "normal")],
    [t(language, "bot.report.field.product"), orNone(language, draft.product)],
    [t(language, "bot.report.field.photos"), String(draft.attachments.length)],
    [t(language, "bot.report.field.phone"), orNone(language, draft.phone ? formatPhone(draft.phone) : undefined)],
    [t(language, "bot.report.field.address"), orNone(language, draft.address)],
    [t(language, "bot.report.field.time"), orNone(language, draft.preferredTime)],
  ];
  const colon = language === "en" ? ": " : "：";
  return rows.map(([label, value]) => `${label}${colon}${value}`).join("\n");
}

function categoryChoices(turn: Turn): Choice[][] {
  const rows: Choice[][] = [];
  CATEGORIES.forEach((category, index) => {
    if (index % 2 === 0) rows.push([]);
    rows.at(-1)?.push({ label: categoryName(turn.language, category), payload: payload.category(category) });
  });
  return rows;
}

function fieldChoices(turn: Turn): Choice[][] {
  const language = turn.language;
  const field = (step: ReportStep, key: Parameters<typeof t>[1]): Choice => ({ label: t(language, key), payload: payload.editField(step) });
  return [
    [field("description", "bot.report.field.description"), field("category", "bot.report.field.category")],
    [field("product", "bot.report.field.product"), field("photos", "bot.report.field.photos")],
    [field("phone", "bot.report.field.phone"), field("address", "bot.report.field.address")],
    [field("time", "bot.report.field.time")],
  ];
}
