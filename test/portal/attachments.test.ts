import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../../core/errors.ts";
import { checkAttachment, createAttachmentStorage, detectImageType, safeFileName } from "../../server/attachments.ts";
import { tinyPng } from "./support.ts";

/** Real 8×8 images, encoded once with libvips (sharp) and kept as bytes here. */
const JPEG = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAX/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCeAGpH/9k=",
  "base64",
);
const WEBP = Buffer.from("UklGRjQAAABXRUJQVlA4ICgAAACQAQCdASoIAAgAAsBMJaACdLoAA5gA/ujXHrz1McX/5mj9JvpN3MAA", "base64");
/** AVIF is ISO-BMFF like HEIC but not a format we accept. */
const AVIF = Buffer.from(
  "AAAAHGZ0eXBhdmlmAAAAAG1pZjFhdmlmbWlhZgAAANZtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAABAAAAImlsb2MAAAAAREAAAQABAAAAAAD6AAEAAAAAAAAAGgAAACNpaW5mAAAAAAABAAAAFWluZmUCAAAAAAEAAGF2MDEAAAAAVmlwcnAAAAA4aXBjbwAAAAxhdjFDgSACAAAAABRpc3BlAAAAAAAAAAgAAAAIAAAAEHBpeGkAAAAAAwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAgMAAAAibWRhdBIACgg4CL9hAQ0GkDIMGwAAAEAAr9OE9h3f",
  "base64",
);

/** The ISO-BMFF `ftyp` box an iPhone writes at the start of a HEIC photo, then filler. */
function heicHeader(majorBrand: string, compatible: string[]): Uint8Array {
  const brands = [majorBrand, "\0\0\0\0", ...compatible].join("");
  const box = Buffer.alloc(8 + brands.length);
  box.writeUInt32BE(box.length, 0);
  box.write("ftyp", 4, "latin1");
  box.write(brands, 8, "latin1");
  return Buffer.concat([box, Buffer.from("\0\0\0\x08meta", "latin1"), Buffer.alloc(64, 1)]);
}

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "attachments-"));
  dirs.push(dir);
  return dir;
};

describe("detectImageType", () => {
  it("recognizes JPEG, PNG, WebP and HEIC by their bytes", async () => {
    expect(detectImageType(JPEG)?.mimeType).toBe("image/jpeg");
    expect(detectImageType(await tinyPng())?.mimeType).toBe("image/png");
    expect(detectImageType(WEBP)?.mimeType).toBe("image/webp");
    expect(detectImageType(heicHeader("heic", ["mif1", "heic"]))?.mimeType).toBe("image/heic");
    expect(detectImageType(heicHeader("mif1", ["mif1", "heic"]))?.mimeType).toBe("image/heic");
  });

  it("refuses other files whatever they are called", () => {
    expect(detectImageType(Buffer.from("MZ\x90\0 a Windows program"))).toBeNull();
    expect(detectImageType(Buffer.from("%PDF-1.7 a document"))).toBeNull();
    expect(detectImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectImageType(AVIF)).toBeNull();
    expect(detectImageType(heicHeader("mp42", ["isom", "mp42"]))).toBeNull();
    expect(detectImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});

describe("checkAttachment", () => {
  const codeOf = (action: () => unknown) => {
    try {
      action();
      return "ok";
    } catch (error) {
      return isAppError(error) ? error.code : "other";
    }
  };

  it("trusts the bytes, not the declared type", async () => {
    expect(codeOf(() => checkAttachment({ bytes: Buffer.from("just text"), fileName: "photo.jpg", declaredType: "image/jpeg" }))).toBe("unsupported_media");
    const png = await tinyPng();
    expect(checkAttachment({ bytes: png, fileName: "notes.txt", declaredType: "text/plain" }).mimeType).toBe("image/png");
  });

  it("refuses empty files and files over 10 MB with a clear code", () => {
    expect(codeOf(() => checkAttachment({ bytes: new Uint8Array(0), fileName: "empty.jpg" }))).toBe("validation");
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(JPEG.subarray(0, 4));
    expect(codeOf(() => checkAttachment({ bytes: huge, fileName: "huge.jpg" }))).toBe("payload_too_large");
    const atLimit = new Uint8Array(10 * 1024 * 1024);
    atLimit.set(JPEG.subarray(0, 4));
    expect(codeOf(() => checkAttachment({ bytes: atLimit, fileName: "big.jpg" }))).toBe("ok");
  });
});

describe("attachment storage", () => {
  it("stores a photo under DATA_DIR/uploads with the detected type and a safe display name", async () => {
    const dataDir = tempDir();
    const storage = createAttachmentStorage({ dataDir, now: () => new Date("2026-11-24T02:00:00Z"), newId: () => "fixed-id" });
    const saved = await storage.saveAttachment({ bytes: JPEG, fileName: "../../etc/洗衣机 E3.JPG", declaredType: "application/octet-stream" });
    expect(saved).toEqual({ fileName: "洗衣机 E3.JPG", mimeType: "image/jpeg", sizeBytes: JPEG.length, storagePath: "uploads/2026/11/fixed-id.jpg" });
    const path = join(dataDir, saved.storagePath);
    expect(readFileSync(path).equals(JPEG)).toBe(true);
    expect(statSync(path).mode & 0o007).toBe(0); // not readable by other users
    expect(storage.pathOf(saved.storagePath)).toBe(path);
    expect(() => storage.pathOf("../outside.jpg")).toThrow();

    await storage.removeAttachments([saved]);
    expect(statSync(path, { throwIfNoEntry: false })).toBeUndefined();
  });

  it("writes nothing for a refused file", async () => {
    const dataDir = tempDir();
    const storage = createAttachmentStorage({ dataDir });
    await expect(storage.saveAttachment({ bytes: AVIF, fileName: "photo.avif" })).rejects.toMatchObject({ code: "unsupported_media" });
    expect(statSync(join(dataDir, "uploads"), { throwIfNoEntry: false })).toBeUndefined();
  });

  it("keeps display names short and free of paths and control characters", () => {
    expect(safeFileName("C:\\Users\\me\\Desktop\\fridge.png", "png")).toBe("fridge.png");
    expect(safeFileName("a\u0000b\nc<d>.jpg", "jpg")).toBe("abcd.jpg");
    expect(safeFileName("", "webp")).toBe("photo.webp");
    expect(safeFileName("x".repeat(400), "jpg")).toHaveLength(200);
  });
});

describe("uploads left by requests that never finished", () => {
  it("are swept when older than the given age; younger ones (a live upload) stay", async () => {
    const { mkdirSync, writeFileSync, utimesSync, readdirSync } = await import("node:fs");
    const dataDir = mkdtempSync(join(tmpdir(), "desk-sweep-"));
    try {
      const now = new Date("2026-12-02T10:00:00Z");
      const storage = createAttachmentStorage({ dataDir, now: () => now });
      mkdirSync(storage.incomingDir, { recursive: true });
      const old = join(storage.incomingDir, "crashed.part");
      const live = join(storage.incomingDir, "uploading.part");
      writeFileSync(old, "half a photo");
      writeFileSync(live, "a photo on its way");
      utimesSync(old, new Date(now.getTime() - 2 * 3600_000), new Date(now.getTime() - 2 * 3600_000));
      utimesSync(live, new Date(now.getTime() - 60_000), new Date(now.getTime() - 60_000));
      expect(await storage.sweepIncoming(3600_000)).toBe(1);
      expect(readdirSync(storage.incomingDir)).toEqual(["uploading.part"]);
      // No incoming folder yet: nothing to do, no error.
      expect(await createAttachmentStorage({ dataDir: join(dataDir, "fresh") }).sweepIncoming(0)).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
