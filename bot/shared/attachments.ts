/**
 * Keeping the files a user sends: each is fetched from the channel and saved, or the user is
 * told why it was not. Nothing is acknowledged ("attached", "added") that was not saved, and
 * a file that failed is never recorded.
 */
import { describeError, isAppError, type MessageKey } from "../../core/index.ts";
import { t } from "./text.ts";
import type { Turn } from "./turn.ts";
import type { AttachmentRef, StoredAttachment } from "./types.ts";

/**
 * The channel could not hand the file over (its download failed, the network broke off): no
 * bytes, so nothing was saved. Thrown by a channel's `fetchAttachment`; the user is asked to
 * send the file again. A file refused for what it is (too large, not a photo) is an AppError.
 */
export class AttachmentUnavailableError extends Error {
  override readonly name = "AttachmentUnavailableError";
}

const UNAVAILABLE: Record<AttachmentRef["kind"], MessageKey> = {
  photo: "bot.attachment.unavailable.photo",
  voice: "bot.attachment.unavailable.voice",
  document: "bot.attachment.unavailable.document",
};

/** Fetches and saves one file; when that fails, says why and returns null (nothing is kept). */
export async function keepAttachment(turn: Turn, ref: AttachmentRef): Promise<StoredAttachment | null> {
  try {
    return await turn.deps.fetchAttachment(ref);
  } catch (error) {
    if (error instanceof AttachmentUnavailableError) {
      turn.deps.logger.warn({ err: error.message, kind: ref.kind }, "a file the user sent could not be fetched; asked to send it again");
      turn.say(t(turn.language, UNAVAILABLE[ref.kind]));
      return null;
    }
    if (!isAppError(error)) throw error;
    turn.say(describeError(turn.language, error).message);
    return null;
  }
}
