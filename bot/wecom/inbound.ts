import type { AttachmentRef, InboundMessage } from "../shared/types.ts";
import type { KfMessage } from "./wecom-api.ts";

/** `origin` of a message the customer sent (4 is the system's events, 5 a human receptionist's). */
export const ORIGIN_CUSTOMER = 3;

/**
 * A message the customer sent, as the dialog layer's {@link InboundMessage}; null for what the
 * dialog does not answer (events, receptionists' messages, kinds it cannot read: video, location,
 * links, mini programs). The customer is their `external_userid`: WeCom shares no phone number
 * and no name, so a typed phone is never verified (core's resolveCustomerLink). A clicked menu
 * item comes back as text with its `menu_id`: the choice's payload.
 */
export function toInbound(message: KfMessage): InboundMessage | null {
  const userId = message.external_userid;
  if (message.origin !== ORIGIN_CUSTOMER || !userId) return null;
  const base = {
    channel: "wecom" as const,
    eventId: message.msgid,
    // WeCom tells no client language; its customers are on the mainland (a customer may still pick another with /lang).
    sender: { id: userId, displayName: userId, languageHint: "zh-CN" },
    chat: { kind: "private" as const, id: userId },
    messageId: message.msgid,
  };
  switch (message.msgtype) {
    case "text": {
      const text = message.text?.content ?? "";
      const menuId = message.text?.menu_id;
      return { ...base, text, attachments: [], ...(menuId ? { button: menuId } : {}) };
    }
    case "image":
      return message.image ? { ...base, attachments: [ref("photo", message.image.media_id)] } : null;
    case "voice":
      // sync_msg is asked for AMR (voice_format 0, the default).
      return message.voice ? { ...base, attachments: [ref("voice", message.voice.media_id, "audio/amr")] } : null;
    case "file":
      return message.file ? { ...base, attachments: [ref("document", message.file.media_id)] } : null;
    default:
      return null;
  }
}

function ref(kind: AttachmentRef["kind"], mediaId: string, mimeType?: string): AttachmentRef {
  return { kind, ref: mediaId, ...(mimeType ? { mimeType } : {}) };
}
