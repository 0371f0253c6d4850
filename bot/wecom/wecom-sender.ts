/**
 * Delivers the outbox's messages to WeCom customers (kf/send_msg), within WeCom's window:
 * after a customer's message, at most 5 messages in 48 hours (window.ts).
 *
 * - Window open with two or more messages left: the message goes.
 * - One message left: notifications are gathered and go as one message an hour before the
 *   window closes (each row is held until then; the first row due sends them all, and the
 *   others are then marked sent on their turn, having been delivered inside it).
 * - Window closed (48 h passed or the 5 spent): the row is held (SendResult `held`) until the
 *   customer writes again, when the channel releases it to go right after the reply. Staff see
 *   on the ticket that the customer cannot be reached, once per ticket and closed window; the
 *   core sends the same news by SMS when SMS is configured for it.
 * - The survey first tries the session-end message (kf/service_state/trans to "ended", then
 *   kf/send_msg_on_event with its msg_code): it needs no window, but only exists while WeCom
 *   still has an open session with the customer; otherwise it is handled like any message.
 *
 * Only customers are reached on WeCom: staff work in the Telegram (or WeChat) staff chat.
 */
import { randomBytes } from "node:crypto";
import { ticketNumberOf, type ButtonAction, type ChannelSender, type Core, type DeliveryTarget, type OutgoingMessage, type SendResult } from "../../core/index.ts";
import { payload } from "../shared/payloads.ts";
import type { BotLogger, BotStores } from "../shared/types.ts";
import { toKfMessage, type MenuChoice } from "./render.ts";
import { MERGE_LEAD_MS, windowStatus, type PendingPart, type WindowState, type WindowStore } from "./window.ts";
import { INVALID_CREDENTIAL, TOKEN_ERRCODES, TRANSIENT_ERRCODES, WecomApiError, type WecomApi } from "./wecom-api.ts";

/** How long a row waits for a customer who does not write; the channel releases it as soon as they do. */
export const UNREACHABLE_RECHECK_MS = 7 * 24 * 3600_000;
/** kf/service_state/trans: the session has ended. */
const SESSION_ENDED = 4;

export type WecomSenderOptions = {
  api: WecomApi;
  core: Pick<Core, "recordCustomerUnreachable">;
  stores: Pick<BotStores, "surveyPrompts" | "sessions">;
  windows: WindowStore;
  withWindow: <T>(externalUserId: string, work: () => Promise<T>) => Promise<T>;
  now: () => Date;
  logger: BotLogger;
  newKey?: () => string;
};

export function createWecomSender(options: WecomSenderOptions): ChannelSender {
  const { api, windows, logger } = options;
  const newKey = options.newKey ?? (() => randomBytes(8).toString("base64url"));

  /** The message's buttons as menu choices; a survey score's token is stored under a short key first (menu ids are short). */
  async function choicesOf(externalUserId: string, message: OutgoingMessage): Promise<MenuChoice[]> {
    const buttons = message.rendered.buttons ?? [];
    const keys = new Map<string, string>();
    const choices: MenuChoice[] = [];
    for (const button of buttons) {
      if (!("action" in button)) continue;
      const data = await payloadOf(button.action, externalUserId, keys);
      if (data) choices.push({ label: button.label, payload: data });
    }
    return choices;
  }

  async function payloadOf(action: ButtonAction, externalUserId: string, keys: Map<string, string>): Promise<string | null> {
    switch (action.kind) {
      case "survey_score": {
        let key = keys.get(action.surveyId);
        if (!key) {
          key = newKey();
          keys.set(action.surveyId, key);
          await options.stores.surveyPrompts.create({
            key,
            channel: "wecom",
            surveyId: action.surveyId,
            token: action.surveyToken,
            ticketNumber: action.number,
            externalId: externalUserId,
            createdAt: options.now(),
          });
        }
        return payload.survey(key, action.score);
      }
      case "fixed":
        return payload.fixed(action.number);
      case "not_fixed":
        return payload.notFixed(action.number);
      case "take":
      case "assign_menu":
      case "urgency_menu":
        // Staff buttons: never on a customer's message.
        return null;
    }
  }

  /** The text with the message's links written out (a text-only channel shows no link buttons). */
  function textOf(message: OutgoingMessage): string {
    const links = [...(message.rendered.buttons ?? []).filter((button) => "url" in button), ...(message.rendered.links ?? [])] as { label: string; url: string }[];
    const unseen = links.filter((link) => !message.rendered.text.includes(link.url));
    return unseen.length ? `${message.rendered.text}\n${unseen.map((link) => `${link.label}: ${link.url}`).join("\n")}` : message.rendered.text;
  }

  /** A typed number answers the last numbered choices: the dialog reads them from the session. */
  async function rememberChoices(externalUserId: string, choices: readonly MenuChoice[]): Promise<void> {
    if (choices.length === 0) return;
    const stored = (await options.stores.sessions.load("wecom", externalUserId)) as Record<string, unknown> | null;
    const session = { ...(stored && typeof stored === "object" ? stored : {}), lastChoices: choices.map((choice) => choice.payload) };
    await options.stores.sessions.save("wecom", externalUserId, session, options.now());
  }

  async function trySessionEnd(state: WindowState, externalUserId: string, text: string, choices: MenuChoice[]): Promise<boolean> {
    try {
      const { msgCode } = await api.transServiceState({ openKfid: state.openKfid, externalUserId, state: SESSION_ENDED });
      if (!msgCode) return false;
      await api.sendMsgOnEvent({ code: msgCode, message: toKfMessage(text, choices) });
      return true;
    } catch (error) {
      logger.info({ err: describe(error) }, "wecom: no session-end message for the survey; sending it as a message");
      return false;
    }
  }

  async function unreachable(state: WindowState | null, externalUserId: string, message: OutgoingMessage, now: Date): Promise<SendResult> {
    const ticketId = message.ticketId;
    if (ticketId && !(state?.unreachable ?? []).includes(ticketId)) {
      await options.core.recordCustomerUnreachable({ ticketId, channel: "wecom", notification: message.notification });
      // No window stored (the customer never wrote here, or it was lost): a closed stub keeps the
      // record, so the 7-day recheck neither records it again nor queues another SMS.
      await windows.save(externalUserId, { ...(state ?? closedStub()), unreachable: [...(state?.unreachable ?? []), ticketId] });
    }
    return { status: "held", reason: "wecom: the customer must write first (48 h / 5 messages window)", until: new Date(now.getTime() + UNREACHABLE_RECHECK_MS) };
  }

  async function sendToCustomer(externalUserId: string, message: OutgoingMessage): Promise<SendResult> {
    return options.withWindow(externalUserId, async () => {
      const now = options.now();
      const state = await windows.load(externalUserId);
      if (state?.delivered?.includes(message.outboxId)) {
        await windows.save(externalUserId, { ...state, delivered: state.delivered.filter((id) => id !== message.outboxId) });
        return { status: "sent" };
      }
      const text = textOf(message);
      const choices = await choicesOf(externalUserId, message);
      if (state?.openKfid && message.notification.kind === "customer.survey" && (await trySessionEnd(state, externalUserId, text, choices))) {
        await rememberChoices(externalUserId, choices);
        return { status: "sent" };
      }
      const status = windowStatus(state, now);
      if (!state || status.kind === "closed") return unreachable(state, externalUserId, message, now);

      if (status.remaining >= 2) {
        const msgid = await api.sendMsg({ toUser: externalUserId, openKfid: state.openKfid, message: toKfMessage(text, choices) });
        await windows.save(externalUserId, { ...state, sent: state.sent + 1 });
        await rememberChoices(externalUserId, choices);
        return { status: "sent", ...(msgid ? { externalMessageId: msgid } : {}) };
      }

      // The last message of the window: gathered notifications go together, shortly before it closes.
      const parts: PendingPart[] = [...(state.parts ?? []).filter((part) => part.outboxId !== message.outboxId), { outboxId: message.outboxId, text, ...(choices.length ? { choices } : {}) }];
      const sendAt = new Date(status.closesAt.getTime() - MERGE_LEAD_MS);
      if (now < sendAt) {
        await windows.save(externalUserId, { ...state, parts });
        return { status: "held", reason: `wecom: last message of the window, gathering notifications until ${sendAt.toISOString()}`, until: sendAt };
      }
      const lastChoices = [...parts].reverse().find((part) => part.choices?.length)?.choices ?? [];
      const msgid = await api.sendMsg({ toUser: externalUserId, openKfid: state.openKfid, message: toKfMessage(parts.map((part) => part.text).join("\n\n"), lastChoices) });
      const others = parts.map((part) => part.outboxId).filter((id) => id !== message.outboxId);
      const { parts: _sentParts, ...rest } = state;
      await windows.save(externalUserId, { ...rest, sent: state.sent + 1, delivered: [...(state.delivered ?? []), ...others] });
      await rememberChoices(externalUserId, lastChoices);
      logger.info({ outboxId: message.outboxId, merged: parts.length, ticketNumber: ticketNumberOf(message.notification) }, "wecom: the window's last message carried the gathered notifications");
      return { status: "sent", ...(msgid ? { externalMessageId: msgid } : {}) };
    });
  }

  return {
    channel: "wecom",
    async send(target: DeliveryTarget, message: OutgoingMessage): Promise<SendResult> {
      if (target.kind !== "customer") return { status: "failed", reason: "WeCom customer service reaches customers only (staff use the staff chat)" };
      try {
        return await sendToCustomer(target.externalId, message);
      } catch (error) {
        const result = toSendResult(error);
        logger.warn({ outboxId: message.outboxId, result }, "wecom delivery did not succeed");
        return result;
      }
    },
  };
}

/** Busy, rate-limited and network faults are retried; WeCom refusing the message is recorded on the ticket. */
export function toSendResult(error: unknown): SendResult {
  if (error instanceof WecomApiError) {
    if (TRANSIENT_ERRCODES.includes(error.errcode)) return { status: "retry", reason: error.message };
    // The desk's credentials, not the customer: keep the message (as Telegram's 401).
    if (TOKEN_ERRCODES.includes(error.errcode) || error.errcode === INVALID_CREDENTIAL) return { status: "retry", reason: error.message };
    return { status: "failed", reason: error.message };
  }
  return { status: "retry", reason: describe(error) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A window that was never open: no account to send through, closed since the epoch; the customer's next message replaces it. */
function closedStub(): WindowState {
  return { openKfid: "", lastInboundAt: new Date(0).toISOString(), sent: 0 };
}
