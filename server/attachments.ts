import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, normalize, sep } from "node:path";
import { AppError, REPORT_LIMITS, type Attachment } from "../core/index.ts";

/** The photo types customers may send, recognized by their first bytes. */
export type ImageType = { mimeType: "image/jpeg" | "image/png" | "image/webp" | "image/heic"; extension: "jpg" | "png" | "webp" | "heic" };

export const MAX_ATTACHMENT_BYTES = REPORT_LIMITS.attachmentBytes;
export const MAX_ATTACHMENT_LABEL = "10 MB";

/** ISO-BMFF brands of HEIC/HEIF still images (an AVIF or MP4 file has others). */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/**
 * The image type of a file from its magic bytes; null when it is none of the accepted ones.
 * The type a client declares (a browser's guess from the file name) is never trusted: a
 * renamed executable stays refused, a photo named `.txt` is still a photo.
 */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { mimeType: "image/jpeg", extension: "jpg" };
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, index) => bytes[index] === byte)) {
    return { mimeType: "image/png", extension: "png" };
  }
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { mimeType: "image/webp", extension: "webp" };
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp") {
    const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const majorBrand = ascii(8, 12);
    if (majorBrand === "heic" || majorBrand === "heix" || majorBrand === "hevc" || majorBrand === "hevx" || majorBrand === "heim" || majorBrand === "heis") {
      return { mimeType: "image/heic", extension: "heic" };
    }
    // Generic HEIF (mif1/msf1) counts when a HEVC brand is among the compatible ones.
    const end = Math.min(bytes.length, Math.max(16, boxSize));
    const compatible: string[] = [];
    for (let offset = 16; offset + 4 <= end; offset += 4) compatible.push(ascii(offset, offset + 4));
    if (HEIF_BRANDS.has(majorBrand) && compatible.some((brand) => brand.startsWith("he"))) return { mimeType: "image/heic", extension: "heic" };
  }
  return null;
}

export type AttachmentInput = {
  bytes: Uint8Array;
  /** The name the customer's device gave the file; kept for staff, never used as a path. */
  fileName: string;
  /** The type the client declared; only logged when it disagrees, never trusted. */
  declaredType?: string;
};

/** What one saved file is, ready to go on a ticket (`storagePath` is relative to DATA_DIR). */
export type SavedAttachment = Omit<Attachment, "id">;

/**
 * Checks a photo without saving it: `payload_too_large` over 10 MB, `unsupported_media` when
 * its bytes are not JPEG, PNG, WebP or HEIC, `validation` when it is empty.
 */
export function checkAttachment(input: AttachmentInput): ImageType {
  return checkPhoto({ head: input.bytes, size: input.bytes.byteLength, fileName: input.fileName, ...(input.declaredType !== undefined ? { declaredType: input.declaredType } : {}) });
}

/** A photo by its size and first bytes (a streamed upload on disk): the checks of {@link checkAttachment}. */
export type PhotoHead = { head: Uint8Array; size: number; fileName: string; declaredType?: string };

export function checkPhoto(input: PhotoHead): ImageType {
  if (input.size === 0) throw new AppError("validation", { params: { fields: ["photos"] }, detail: "empty file" });
  if (input.size > MAX_ATTACHMENT_BYTES) {
    throw new AppError("payload_too_large", { params: { limit: MAX_ATTACHMENT_LABEL, fileName: input.fileName }, detail: `${input.size} bytes` });
  }
  const type = detectImageType(input.head);
  if (!type) throw new AppError("unsupported_media", { params: { fileName: input.fileName }, detail: `declared ${input.declaredType ?? "nothing"}` });
  return type;
}

/** A display name without directories, control characters or absurd length. */
export function safeFileName(name: string, extension: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.normalize("NFC").replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "").trim().slice(0, 200);
  return cleaned || `photo.${extension}`;
}

/**
 * Stores customers' photos under `${DATA_DIR}/uploads/YYYY/MM/<uuid>.<ext>`. Used by the
 * portal's report form and by the chat bots for photos sent in a chat.
 */
export function createAttachmentStorage(options: { dataDir: string; now?: () => Date; newId?: () => string }) {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const root = normalize(options.dataDir);

  function absolute(storagePath: string): string {
    const path = normalize(join(root, storagePath));
    if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) throw new AppError("forbidden", { detail: "path outside the data directory" });
    return path;
  }

  return {
    /** Checks and writes one photo; throws the AppErrors of `checkAttachment`. */
    async saveAttachment(input: AttachmentInput): Promise<SavedAttachment> {
      const type = checkAttachment(input);
      const at = now();
      const month = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
      const storagePath = `uploads/${month}/${newId()}.${type.extension}`;
      const path = absolute(storagePath);
      await writeWhole(path, input.bytes);
      return { fileName: safeFileName(input.fileName, type.extension), mimeType: type.mimeType, sizeBytes: input.bytes.byteLength, storagePath };
    },

    /**
     * Checks a photo already on disk (a streamed upload under DATA_DIR) and moves it into
     * place: a rename, no copy, no second write.
     */
    async adoptUpload(input: PhotoHead & { path: string }): Promise<SavedAttachment> {
      const type = checkPhoto(input);
      const at = now();
      const month = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
      const storagePath = `uploads/${month}/${newId()}.${type.extension}`;
      const path = absolute(storagePath);
      try {
        await mkdir(dirname(path), { recursive: true });
        await rename(input.path, path);
      } catch (error) {
        if (isDiskFull(error)) throw new AppError("unavailable", { params: { reason: "storage_full" }, detail: `cannot store an upload: ${String(error)}`, cause: error });
        throw error;
      }
      return { fileName: safeFileName(input.fileName, type.extension), mimeType: type.mimeType, sizeBytes: input.size, storagePath };
    },

    /** Where streamed uploads wait until their report is stored (same disk: adopting them is a rename). */
    incomingDir: join(root, "uploads", ".incoming"),

    /**
     * Removes streamed uploads left behind by a request that never finished (the process was
     * killed mid-upload): files in the incoming folder older than `olderThanMs`. A live upload
     * is minutes old at most, so an hour leaves every request in flight alone. Returns how many.
     */
    async sweepIncoming(olderThanMs: number): Promise<number> {
      const dir = join(root, "uploads", ".incoming");
      const names = await readdir(dir).catch(() => [] as string[]);
      const before = now().getTime() - olderThanMs;
      let removed = 0;
      for (const name of names) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => null);
        if (!info?.isFile() || info.mtimeMs > before) continue;
        await rm(path, { force: true });
        removed++;
      }
      return removed;
    },

    /** Removes files saved for a report that was then not stored (a failed or repeated submit). */
    async removeAttachments(saved: readonly Pick<SavedAttachment, "storagePath">[]): Promise<void> {
      await Promise.all(saved.map((file) => rm(absolute(file.storagePath), { force: true })));
    },

    /** The absolute path of a stored file, for serving it to staff. */
    pathOf: absolute,
  };
}

export type AttachmentStorage = ReturnType<typeof createAttachmentStorage>;

/** A file-system error that means the disk cannot take more (full, quota, read-only). */
export function isDiskFull(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? (error as { code: unknown }).code : undefined;
  return code === "ENOSPC" || code === "EDQUOT" || code === "EROFS";
}

/**
 * Writes a file whole or not at all: into a temporary name beside it, renamed once every byte
 * is written, the temporary file removed on any failure. A full disk therefore leaves no empty
 * or cut-off photo behind, and is the domain's `unavailable` error (said to the customer).
 */
export async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}.${randomUUID()}.part`;
  try {
    await mkdir(dirname(path), { recursive: true });
    // `wx`: never overwrite; a clash of random ids would be a bug worth an error.
    await writeFile(partial, bytes, { flag: "wx", mode: 0o640 });
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    if (isDiskFull(error)) throw new AppError("unavailable", { params: { reason: "storage_full" }, detail: `cannot write an upload: ${String(error)}`, cause: error });
    throw error;
  }
}
