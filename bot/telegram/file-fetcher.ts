import { GrammyError, type Api } from "grammy";
import { AppError, REPORT_LIMITS } from "../../core/index.ts";
import { AttachmentUnavailableError } from "../shared/attachments.ts";
import type { AttachmentRef, SaveAttachment, StoredAttachment } from "../shared/types.ts";

const LIMIT_LABEL = "10 MB";

/**
 * Fetches a file a user sent (getFile, then `${apiRoot}/file/bot<token>/<file_path>`) and
 * hands the bytes to the attachment storage, which checks the type by content. The size is
 * checked before downloading (Telegram reports it) and again on the bytes. A file Telegram
 * will not hand over (getFile refused, the download failed or broke off) is an
 * {@link AttachmentUnavailableError}: nothing is saved and the user is asked to send it again.
 */
export function createTelegramFileFetcher(options: {
  api: Api;
  token: string;
  apiRoot: string;
  saveAttachment: SaveAttachment;
  maxBytes?: number;
}): (ref: AttachmentRef) => Promise<StoredAttachment> {
  const maxBytes = options.maxBytes ?? REPORT_LIMITS.attachmentBytes;
  const tooLarge = (size: number) => new AppError("payload_too_large", { params: { limit: LIMIT_LABEL }, detail: `${size} bytes` });

  return async (ref) => {
    if (ref.sizeBytes !== undefined && ref.sizeBytes > maxBytes) throw tooLarge(ref.sizeBytes);
    const file = await options.api.getFile(ref.ref).catch((error: unknown) => {
      // The Bot API refuses to hand out files over 20 MB.
      if (error instanceof GrammyError && /too big/i.test(error.description)) throw tooLarge(ref.sizeBytes ?? 0);
      throw new AttachmentUnavailableError(`getFile failed: ${error instanceof GrammyError ? error.description : describe(error)}`);
    });
    if (file.file_size !== undefined && file.file_size > maxBytes) throw tooLarge(file.file_size);
    if (!file.file_path) throw new AppError("payload_too_large", { params: { limit: LIMIT_LABEL }, detail: "Telegram gave no file path (over the Bot API download limit)" });
    const bytes = await download(`${options.apiRoot.replace(/\/$/, "")}/file/bot${options.token}/${file.file_path}`);
    if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength);
    const fileName = ref.fileName ?? file.file_path.split("/").pop() ?? `${ref.kind}`;
    return options.saveAttachment({ bytes, fileName, declaredType: ref.mimeType ?? defaultType(ref.kind) });
  };
}

/** The file's bytes; any failure is an {@link AttachmentUnavailableError} (the URL holds the token: never in a message). */
async function download(url: string): Promise<Uint8Array> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new AttachmentUnavailableError(`file download failed with HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof AttachmentUnavailableError) throw error;
    throw new AttachmentUnavailableError(`file download failed: ${describe(error)}`);
  }
}

/** An error's name only: a fetch error's message may quote the URL, which holds the bot token. */
function describe(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function defaultType(kind: AttachmentRef["kind"]): string | undefined {
  if (kind === "photo") return "image/jpeg";
  if (kind === "voice") return "audio/ogg";
  return undefined;
}
