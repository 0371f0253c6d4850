import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { parseCommand } from "../shared/parse-command.ts";
import type { AttachmentRef, BotStores, InboundMessage, TicketLink } from "../shared/types.ts";

export type InboundDeps = {
  stores: Pick<BotStores, "links" | "topics">;
  staffChatId?: string;
  /** The bot's @username (without @), to ignore commands addressed to other bots. */
  botUsername: string;
};

/**
 * Turns a grammY update into the dialog layer's {@link InboundMessage}, or null for updates
 * the bots do not handle (other groups, channels, other bots, service messages). Replies
 * and topics are resolved to tickets from stored links here, so the dialog never reads
 * ticket numbers out of message text.
 */
export async function toInbound(ctx: Context, deps: InboundDeps): Promise<InboundMessage | null> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || from.is_bot || !chat) return null;
  let kind: InboundMessage["chat"]["kind"];
  if (chat.type === "private") kind = "private";
  else if ((chat.type === "group" || chat.type === "supergroup") && deps.staffChatId && String(chat.id) === deps.staffChatId) kind = "group";
  else return null;

  const chatId = String(chat.id);
  const profileName = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  const base = {
    channel: "telegram" as const,
    eventId: String(ctx.update.update_id),
    sender: {
      id: String(from.id),
      displayName: profileName || from.username || String(from.id),
      ...(profileName ? { profileName } : {}),
      ...(from.language_code ? { languageHint: from.language_code } : {}),
      ...(from.username ? { username: from.username } : {}),
    },
  };

  const query = ctx.callbackQuery;
  if (query) {
    const message = query.message;
    if (!message || query.data === undefined) return null;
    const topicTicket = await topicTicketOf(deps, kind, chatId, message);
    return {
      ...base,
      chat: { kind, id: chatId, ...(threadOf(message) ? { topicId: String(threadOf(message)) } : {}) },
      messageId: String(message.message_id),
      attachments: [],
      button: query.data,
      ...(topicTicket ? { topicTicket } : {}),
    };
  }

  const edited = ctx.editedMessage;
  const message = ctx.message ?? edited;
  if (!message) return null;
  const text = message.text ?? message.caption;
  const command = parseCommand(message.text);
  if (command?.mention && command.mention.toLowerCase() !== deps.botUsername.toLowerCase()) return null;

  const [replyTo, topicTicket, editLink] = await Promise.all([
    replyLinkOf(deps, chatId, message),
    topicTicketOf(deps, kind, chatId, message),
    edited ? deps.stores.links.find("telegram", chatId, String(message.message_id)) : Promise.resolve(null),
  ]);
  const thread = threadOf(message);
  return {
    ...base,
    chat: { kind, id: chatId, ...(thread ? { topicId: String(thread) } : {}) },
    messageId: String(message.message_id),
    ...(text !== undefined ? { text } : {}),
    attachments: attachmentsOf(message),
    // Anyone can send any contact card; only the sender's own (what the "share my phone
    // number" button sends) proves the number is theirs.
    ...(message.contact ? { contactPhone: message.contact.phone_number, contactPhoneVerified: message.contact.user_id === from.id } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(topicTicket ? { topicTicket } : {}),
    ...(edited ? { edit: editLink?.kind === "customer_inbound" ? { ticketNumber: editLink.ticketNumber } : {} } : {}),
  };
}

function threadOf(message: Pick<Message, "is_topic_message" | "message_thread_id">): number | undefined {
  return message.is_topic_message ? message.message_thread_id : undefined;
}

async function replyLinkOf(deps: InboundDeps, chatId: string, message: Message): Promise<TicketLink | null> {
  const replied = message.reply_to_message;
  if (!replied) return null;
  // In a forum every message "replies" to its topic's first message; that is not a reply.
  if (message.is_topic_message && replied.message_id === message.message_thread_id) return null;
  return deps.stores.links.find("telegram", chatId, String(replied.message_id));
}

async function topicTicketOf(deps: InboundDeps, kind: InboundMessage["chat"]["kind"], chatId: string, message: Pick<Message, "is_topic_message" | "message_thread_id">) {
  const thread = threadOf(message);
  if (kind !== "group" || thread === undefined) return null;
  return deps.stores.topics.ticketOf("telegram", chatId, String(thread));
}

function attachmentsOf(message: Message): AttachmentRef[] {
  const refs: AttachmentRef[] = [];
  const photo = message.photo?.at(-1);
  if (photo) refs.push({ kind: "photo", ref: photo.file_id, ...(photo.file_size !== undefined ? { sizeBytes: photo.file_size } : {}) });
  if (message.voice) {
    refs.push({
      kind: "voice",
      ref: message.voice.file_id,
      ...(message.voice.mime_type ? { mimeType: message.voice.mime_type } : {}),
      ...(message.voice.file_size !== undefined ? { sizeBytes: message.voice.file_size } : {}),
    });
  }
  const document = message.document;
  if (document) {
    refs.push({
      kind: "document",
      ref: document.file_id,
      ...(document.mime_type ? { mimeType: document.mime_type } : {}),
      ...(document.file_name ? { fileName: document.file_name } : {}),
      ...(document.file_size !== undefined ? { sizeBytes: document.file_size } : {}),
    });
  }
  return refs;
}
