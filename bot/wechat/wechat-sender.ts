/**
 * Delivers the outbox's stored messages on WeChat through the bot account (the outbox worker
 * resolves the recipient and renders the message, then calls `send`). WeChat has no buttons:
 * a customer's choices (a 1–5 survey, fixed / not fixed) become a line of numbers, and the
 * numbers' payloads are stored in that customer's session so the reply "5" picks the fifth;
 * a staff-room post lists the commands its buttons stand for. Every message goes through the
 * account's {@link Pacer}.
 */
import { randomBytes } from "node:crypto";
import { FileBox } from "file-box";
import type { Wechaty } from "wechaty";
import { ticketNumberOf, type ButtonAction, type ChannelSender, type DeliveryTarget, type Language, type MessageButton, type OutgoingMessage, type SendResult } from "../../core/index.ts";
import { actionPayload } from "../shared/action-payload.ts";
import { withNumberedChoices } from "../shared/text-choices.ts";
import { t } from "../shared/text.ts";
import type { BotLogger, BotStores } from "../shared/types.ts";
import type { KeyedQueue } from "./keyed-queue.ts";
import type { Pacer } from "./pacer.ts";
import type { StaffRoom } from "./staff-room.ts";

export type WechatSenderOptions = {
  wechaty: Wechaty;
  pacer: Pacer;
  /** Per-contact queue shared with the dialog, so session writes never interleave. */
  queue: KeyedQueue;
  /** The staff room (pinned by id); staff-room messages wait while it is unknown or ambiguous. */
  staffRoom: StaffRoom;
  stores: Pick<BotStores, "sessions" | "surveyPrompts">;
  clock: { now(): Date };
  logger: BotLogger;
  /** Short keys for survey prompts; random by default. */
  newKey?: () => string;
  /** Where a stored file is on disk; without it, relayed files are only mentioned in the text. */
  mediaPath?: (storagePath: string) => string;
};

/** While the account is logged out, messages wait this long between tries (a login can take a while). */
const LOGGED_OUT_RETRY_SECONDS = 60;

export function createWechatSender(options: WechatSenderOptions): ChannelSender {
  const { wechaty, pacer, stores, logger } = options;
  const newKey = options.newKey ?? (() => randomBytes(8).toString("base64url"));

  /** The message's action buttons as payloads; a survey's get a stored prompt only this contact may answer. */
  async function payloadsFor(externalId: string, buttons: readonly MessageButton[]): Promise<{ labels: string[]; payloads: string[] }> {
    const labels: string[] = [];
    const payloads: string[] = [];
    const promptKeys = new Map<string, string>();
    for (const button of buttons) {
      if (!("action" in button)) continue;
      const value = await actionPayload(button.action, async (survey) => {
        let key = promptKeys.get(survey.surveyId);
        if (!key) {
          key = newKey();
          promptKeys.set(survey.surveyId, key);
          await stores.surveyPrompts.create({
            key,
            channel: "wechat",
            surveyId: survey.surveyId,
            token: survey.surveyToken,
            ticketNumber: survey.number,
            externalId,
            createdAt: options.clock.now(),
          });
        }
        return key;
      });
      labels.push(button.label);
      payloads.push(value);
    }
    return { labels, payloads };
  }

  /** The numbers of the message's choices become the contact's current ones (the dialog maps a typed "5" to the fifth). */
  async function rememberChoices(externalId: string, payloads: string[]): Promise<void> {
    const stored = await stores.sessions.load("wechat", externalId);
    const session = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
    await stores.sessions.save("wechat", externalId, { ...session, lastChoices: payloads }, options.clock.now());
  }

  async function sendToPerson(externalId: string, message: OutgoingMessage): Promise<SendResult> {
    const contact = await wechaty.Contact.find({ id: externalId });
    if (!contact) return { status: "failed", reason: `WeChat contact ${externalId} is not known to the logged-in account` };
    const { labels, payloads } = await payloadsFor(externalId, message.rendered.buttons ?? []);
    const text = withNumberedChoices(message.language, message.rendered.text, labels);
    return options.queue.run(externalId, async () => {
      // Stored before sending: a reply that comes right after the message finds its numbers.
      if (payloads.length > 0) await rememberChoices(externalId, payloads);
      await pacer.run(() => contact.say(text));
      return { status: "sent" } as const;
    });
  }

  async function sendToStaffRoom(message: OutgoingMessage): Promise<SendResult> {
    if (!options.staffRoom.configured) return { status: "failed", reason: "no WeChat staff room is configured (WECHAT_STAFF_ROOM)" };
    const found = await options.staffRoom.find();
    // The account may not be in the room yet, or two rooms share its name: keep the message for later.
    if ("problem" in found) return { status: "retry", reason: found.problem, afterSeconds: LOGGED_OUT_RETRY_SECONDS };
    const { room } = found;
    const hints = commandHints(message.language, message.rendered.buttons ?? []);
    await pacer.run(() => room.say(hints ? `${message.rendered.text}\n\n${hints}` : message.rendered.text));
    // The customer's photos and voice under the post, best effort: the text is out, a retry would post it twice.
    for (const file of options.mediaPath ? (message.rendered.files ?? []) : []) {
      const path = options.mediaPath?.(file.storagePath);
      if (!path) continue;
      try {
        await pacer.run(() => room.say(FileBox.fromFile(path, file.fileName || undefined)));
      } catch (error) {
        logger.warn({ err: describe(error), ticketNumber: ticketNumberOf(message.notification), outboxId: message.outboxId }, "could not relay a customer's file to the WeChat staff room");
      }
    }
    return { status: "sent" };
  }

  return {
    channel: "wechat",
    async send(target: DeliveryTarget, message: OutgoingMessage): Promise<SendResult> {
      if (!wechaty.isLoggedIn) return { status: "retry", reason: "the WeChat account is not logged in", afterSeconds: LOGGED_OUT_RETRY_SECONDS };
      try {
        switch (target.kind) {
          case "customer":
          case "staff":
            return await sendToPerson(target.externalId, message);
          case "staff_room":
            return await sendToStaffRoom(message);
        }
      } catch (error) {
        // Puppets fail in their own ways (a dropped session, a web-protocol hiccup): worth another try.
        const result: SendResult = { status: "retry", reason: describe(error) };
        logger.warn({ outboxId: message.outboxId, target: target.kind, result }, "wechat delivery did not succeed");
        return result;
      }
    },
  };
}

/** What a staff post's buttons do, as the commands to type in the room. */
function commandHints(language: Language, buttons: readonly MessageButton[]): string | null {
  const commands = buttons.flatMap((button) => ("action" in button ? commandFor(button.action) : []));
  return commands.length > 0 ? t(language, "bot.staff.room_commands", { commands: commands.join(" · ") }) : null;
}

function commandFor(action: ButtonAction): string[] {
  switch (action.kind) {
    case "take":
      return [`/take ${action.number}`];
    case "assign_menu":
      return [`/assign ${action.number} <staff>`];
    case "urgency_menu":
    case "survey_score":
    case "fixed":
    case "not_fixed":
      return [];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
