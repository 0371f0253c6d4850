import type { Message } from "wechaty";
import { AppError, REPORT_LIMITS } from "../../core/index.ts";
import { AttachmentUnavailableError } from "../shared/attachments.ts";
import type { AttachmentRef, SaveAttachment, StoredAttachment } from "../shared/types.ts";

const LIMIT_LABEL = "10 MB";

/**
 * Fetches a file a WeChat user sent (the message's FileBox, through the puppet) and hands
 * the bytes to the attachment storage, which checks the type by content. `messageOf` finds
 * the message an {@link AttachmentRef} names (the bot keeps the one being handled). A file the
 * puppet cannot hand over is an {@link AttachmentUnavailableError}: nothing is saved and the
 * user is asked to send it again. (With wechaty-puppet-mock an image reads back as whatever
 * the test sent, or a placeholder.)
 */
export function createWechatFileFetcher(options: {
  messageOf: (messageId: string) => Message | undefined;
  saveAttachment: SaveAttachment;
  maxBytes?: number;
}): (ref: AttachmentRef) => Promise<StoredAttachment> {
  const maxBytes = options.maxBytes ?? REPORT_LIMITS.attachmentBytes;
  return async (ref) => {
    const message = options.messageOf(ref.ref);
    if (!message) throw new AttachmentUnavailableError("the message carrying the file is no longer at hand");
    let bytes: Uint8Array;
    let name: string;
    let mediaType: string | undefined;
    try {
      const box = await message.toFileBox();
      if (box.size > maxBytes) throw tooLarge(box.size);
      bytes = new Uint8Array(await box.toBuffer());
      name = box.name;
      mediaType = box.mediaType && box.mediaType !== "application/octet-stream" ? box.mediaType : undefined;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AttachmentUnavailableError(`the puppet could not hand over the file: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength);
    return options.saveAttachment({ bytes, fileName: name || ref.kind, ...(mediaType ? { declaredType: mediaType } : {}) });
  };
}

function tooLarge(size: number): AppError {
  return new AppError("payload_too_large", { params: { limit: LIMIT_LABEL }, detail: `${size} bytes` });
}
