import { types, type Message } from "wechaty";
import type { AttachmentRef, InboundMessage } from "../shared/types.ts";
import type { StaffRoom } from "./staff-room.ts";

/**
 * Turns a Wechaty message into the dialog layer's {@link InboundMessage}, or null for what
 * the bot does not answer: its own messages, rooms other than the staff room, official and
 * corporate accounts, system notices. The contact id is the identity (staff and customers);
 * a file is referred to by the message id, fetched later by the file fetcher.
 */
export async function toInbound(message: Message, options: { staffRoom: StaffRoom }): Promise<InboundMessage | null> {
  if (message.self()) return null;
  const talker = message.talker();
  const room = message.room();
  let chat: InboundMessage["chat"];
  if (room) {
    // By the pinned id, not the name: a customer's group named like the staff room is not it.
    if (!(await options.staffRoom.isStaffRoom(room))) return null;
    chat = { kind: "group", id: room.id };
  } else {
    if (talker.type() !== types.Contact.Individual) return null;
    chat = { kind: "private", id: talker.id };
  }
  const name = talker.name().trim();
  const type = message.type();
  const text = type === types.Message.Text ? message.text() : undefined;
  const attachments = attachmentsOf(message);
  // Stickers, links, transfers in the staff room are not for the bot; in a private chat the
  // dialog answers "I can read text, photos and voice messages".
  if (room && text === undefined && attachments.length === 0) return null;
  const mentions = room ? await mentionsOf(message) : [];
  return {
    channel: "wechat",
    eventId: message.id,
    sender: {
      id: talker.id,
      displayName: name || talker.id,
      ...(name ? { profileName: name } : {}),
      // WeChat tells no client language; the desk's customers write Chinese (switchable with /lang).
      languageHint: "zh-CN",
    },
    chat,
    messageId: message.id,
    ...(text !== undefined ? { text } : {}),
    attachments,
    ...(mentions.length > 0 ? { mentions } : {}),
  };
}

function attachmentsOf(message: Message): AttachmentRef[] {
  switch (message.type()) {
    case types.Message.Image:
      return [{ kind: "photo", ref: message.id }];
    case types.Message.Audio:
      return [{ kind: "voice", ref: message.id }];
    case types.Message.Attachment:
    case types.Message.Video:
      return [{ kind: "document", ref: message.id }];
    default:
      return [];
  }
}

async function mentionsOf(message: Message): Promise<{ externalId: string; displayName: string }[]> {
  try {
    const contacts = await message.mentionList();
    return contacts.map((contact) => ({ externalId: contact.id, displayName: contact.name() }));
  } catch {
    // A puppet that cannot resolve mentions: `/staff add` then takes a contact id.
    return [];
  }
}
