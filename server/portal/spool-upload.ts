/**
 * The report form's multipart body, streamed: text fields are kept (small, limited), each
 * photo goes straight to a temporary file under `DATA_DIR/uploads/.incoming` as it arrives,
 * so a 50 MB post costs a few chunks of memory instead of 50 MB. Limits are applied while
 * reading (busboy): a file stops being written one byte past the per-photo limit, files past
 * the count are skipped unread, and the total is the body's declared length, which the
 * guard checked before (Node's parser never delivers more). The first bytes of each file are
 * kept for the magic-bytes check. `discard()` removes every temporary file not adopted into
 * storage: callers run it whatever happened (refusal, error, success).
 */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";

/** One photo on disk, not yet checked nor stored. */
export type SpooledFile = {
  field: string;
  /** The name the browser gave; only shown and kept, never a path. */
  name: string;
  declaredType: string;
  /** Bytes written; `maxFileBytes + 1` when the photo was longer (the rest was not kept). */
  size: number;
  /** The file's first bytes (its type is recognized from them). */
  head: Uint8Array;
  /** The temporary file. */
  path: string;
};

export type SpooledForm = {
  /** The text fields, for the page (no files in it). */
  form: FormData;
  files: SpooledFile[];
  /** More files than `maxFiles` were sent (the extra ones were not read). */
  tooManyFiles: boolean;
  /** A photo could not be written (a full disk); the body was still read to its end. */
  writeFailure?: unknown;
  discard(): Promise<void>;
};

export type SpoolLimits = { maxFileBytes: number; maxFiles: number; maxFieldBytes: number; maxFields: number };

const HEAD_BYTES = 4096;

export async function spoolMultipart(body: AsyncIterable<Buffer>, headers: Record<string, string | undefined>, options: { dir: string } & SpoolLimits): Promise<SpooledForm> {
  await mkdir(options.dir, { recursive: true });
  const form = new FormData();
  // In the order sent; an empty part (a file input left empty) is dropped at the end.
  const entries: SpooledFile[] = [];
  const temporary: string[] = [];
  let tooManyFiles = false;
  let writeFailure: unknown;
  const unnamed = new Set<SpooledFile>();
  const writes: Promise<void>[] = [];

  const parser = busboy({
    headers: { ...headers, "content-type": headers["content-type"] ?? "" },
    limits: { fileSize: options.maxFileBytes + 1, files: options.maxFiles, fieldSize: options.maxFieldBytes, fields: options.maxFields, parts: options.maxFiles + options.maxFields },
  });
  parser.on("field", (name, value) => form.append(name, value));
  parser.on("filesLimit", () => (tooManyFiles = true));
  parser.on("file", (field, stream, info) => {
    // A file input left empty still sends a nameless, empty part: nothing to keep.
    const path = join(options.dir, `${randomUUID()}.part`);
    temporary.push(path);
    const entry: SpooledFile = { field, name: info.filename || "photo", declaredType: info.mimeType, size: 0, head: new Uint8Array(0), path };
    entries.push(entry);
    if (!info.filename) unnamed.add(entry);
    const head: Buffer[] = [];
    let headSize = 0;
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (headSize < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
    });
    const write = pipeline(stream, createWriteStream(path, { flags: "wx", mode: 0o640 })).then(
      () => {
        entry.size = stream.truncated ? options.maxFileBytes + 1 : size;
        entry.head = Buffer.concat(head);
      },
      (error: unknown) => {
        // A full disk: the rest of this file is drained unwritten, the form still read.
        writeFailure ??= error;
        stream.resume();
      },
    );
    writes.push(write);
  });

  const discard = async () => {
    await Promise.all(temporary.map((path) => rm(path, { force: true }).catch(() => undefined)));
  };
  try {
    await pipeline(Readable.from(body), parser);
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    await discard();
    throw error;
  }
  if (writeFailure !== undefined) await discard();
  const files = entries.filter((entry) => entry.size > 0 || !unnamed.has(entry));
  return { form, files, tooManyFiles, ...(writeFailure !== undefined ? { writeFailure } : {}), discard };
}
