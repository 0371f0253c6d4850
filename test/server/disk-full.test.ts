import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payload } from "../../bot/shared/payloads.ts";
import type { DialogResult, InboundMessage, ReportStep } from "../../bot/shared/types.ts";
import { textOnlyDialog } from "../bot/support/memory-bot-stores.ts";
import { buildDbCore } from "../support/desk-fixture.ts";
import { smallDisk, type SmallDisk } from "../support/small-disk.ts";
import { cookieJar, hiddenValue, startPortalServer, tinyPng, type PortalServer } from "../portal/support.ts";

/**
 * A desk whose DATA_DIR (database and photos) is on a disk that fills up: a real tmpfs when
 * the tests run as root, else a database that may not grow (see small-disk.ts). Writes must
 * fail at once with a message that says so, /health must say 503, nothing half-written may
 * stay, and everything must work again once space is freed, without a restart.
 */
let disk: SmallDisk;
let server: PortalServer;
beforeAll(async () => {
  disk = smallDisk(24);
  server = await startPortalServer({ dataDir: disk.dir, limits: null });
});
afterAll(async () => {
  await server?.close();
  disk?.cleanup();
});

const report = { name: "Wang Fang", phone: "13800138000", description: "The washer does not spin, code E3" };

async function postTicket(language: string) {
  const started = Date.now();
  const response = await fetch(`${server.baseUrl}/api/tickets`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": language },
    body: JSON.stringify(report),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string }; number?: string }, ms: Date.now() - started };
}

async function health() {
  const response = await fetch(`${server.baseUrl}/health`, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function ticketCount(): Promise<number> {
  return server.desk.db.ticket.count();
}

/** Every file under DATA_DIR/uploads (none while the disk is full: no empty or cut-off photo). */
function uploads(): string[] {
  const root = join(disk.dir, "uploads");
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

async function portalReport(photo: Uint8Array<ArrayBuffer>) {
  const jar = cookieJar();
  const page = await fetch(`${server.baseUrl}/report`, { headers: { "accept-language": "en" } });
  jar.store(page);
  const html = await page.text();
  const form = new FormData();
  form.set("csrf", hiddenValue(html, "csrf"));
  form.set("formId", hiddenValue(html, "formId"));
  for (const [name, value] of Object.entries(report)) form.set(name, value);
  form.append("photos", new Blob([photo], { type: "image/png" }), "washer.png");
  const response = await fetch(`${server.baseUrl}/report`, {
    method: "POST",
    body: form,
    headers: { origin: server.baseUrl, cookie: jar.header(), "accept-language": "en" },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, html: await response.text() };
}

describe("a full disk under DATA_DIR", () => {
  it("fails each write at once with a clear message, answers /health 503, leaves nothing behind, and recovers when space is back", async () => {
    expect((await postTicket("en")).status).toBe(201);
    expect((await health()).status).toBe(200);
    const before = await ticketCount();
    const db = server.desk.db;

    await disk.fill(db);
    // A photo and the report: the photo cannot be written, or the ticket cannot; neither stays.
    const refusedPage = await portalReport(await tinyPng());
    expect(refusedPage.status).toBe(503);
    expect(refusedPage.html).toContain("We cannot save anything at the moment");
    expect(refusedPage.html).toContain("The washer does not spin, code E3");
    if (disk.kind === "tmpfs") expect(uploads()).toEqual([]);

    // Before the fix the first write failed and every later one hung for good: each one now
    // answers (the timeouts above are ceilings, not measurements).
    for (const [language, words] of [
      ["en", "We cannot save anything at the moment"],
      ["zh-CN", "系统暂时无法保存任何内容"],
      ["zh-TW", "系統暫時無法儲存任何內容"],
    ] as const) {
      const refused = await postTicket(language);
      expect(refused.status).toBe(503);
      expect(refused.body.error?.code).toBe("unavailable");
      expect(refused.body.error?.message).toContain(words);
    }
    expect(await health()).toEqual({ status: 503, body: { ok: false, database: "cannot write" } });
    expect(await ticketCount()).toBe(before);

    await disk.free(db);
    expect((await health()).status).toBe(200);
    const accepted = await postTicket("en");
    expect(accepted.status).toBe(201);
    const page = await portalReport(await tinyPng());
    expect(page.status).toBe(201);
    expect(await ticketCount()).toBe(before + 2);
    if (disk.kind === "tmpfs") expect(uploads()).toHaveLength(1);
  });
});

describe("a full disk in a chat", () => {
  it("tells the customer in their language that the report could not be saved, and takes it once space is back", async () => {
    const chatDisk = smallDisk(24);
    const desk = await buildDbCore({ dir: chatDisk.dir, classification: { confidence: 0.9 } });
    try {
      const dialog = textOnlyDialog(desk.core);
      for (const [hint, words] of [
        ["en", "We cannot save anything at the moment"],
        ["zh-hans", "系统暂时无法保存任何内容"],
        ["zh-hant", "系統暫時無法儲存任何內容"],
      ] as const) {
        let stored: unknown = null;
        let sequence = 0;
        const sender = { id: `chat-${hint}`, displayName: "Lin", languageHint: hint };
        const send = async (input: Partial<InboundMessage>): Promise<DialogResult> => {
          sequence++;
          const message: InboundMessage = { channel: "telegram", eventId: `${hint}-${sequence}`, sender, chat: { kind: "private", id: sender.id }, messageId: String(sequence), attachments: [], ...input };
          const result = await dialog.handle(message, stored);
          stored = JSON.parse(JSON.stringify(result.session)) as unknown;
          return result;
        };
        const waitingFor = (): ReportStep | "offer" | null => {
          const session = stored as { dialog?: { kind: string; step?: ReportStep } } | null;
          if (session?.dialog?.kind === "offer") return "offer";
          return session?.dialog?.kind === "report" ? (session.dialog.step ?? null) : null;
        };
        await send({ text: "/report" });
        for (let step = waitingFor(), guard = 0; step && step !== "confirm" && guard < 12; step = waitingFor(), guard++) {
          if (step === "description") await send({ text: "The air conditioner blows warm air" });
          else if (step === "phone") await send({ text: "138 0013 8000" });
          else if (step === "address") await send({ text: "100 Zhangjiang Road, Shanghai" });
          else if (step === "photos") await send({ button: payload.photosDone });
          else if (step === "category") await send({ button: payload.categoryOk });
          else if (step === "offer") await send({ button: payload.offerYes });
          else await send({ button: payload.skip });
        }
        expect(waitingFor()).toBe("confirm");

        await chatDisk.fill(desk.db);
        const refused = await send({ button: payload.confirm });
        expect(refused.replies.map((reply) => reply.text).join("\n")).toContain(words);
        await chatDisk.free(desk.db);
        // (Reads may fail too while the disk is full: SQLite cannot grow its shared-memory file.)
        expect(await desk.db.ticket.count()).toBe(0);
        // The report is still there to confirm once the desk can write again.
        const accepted = await send({ button: payload.confirm });
        expect(accepted.replies.map((reply) => reply.text).join("\n")).toMatch(/SR\d{12}/);
        expect(await desk.db.ticket.count()).toBe(1);
        await desk.db.ticket.deleteMany({});
      }
    } finally {
      await desk.cleanup();
      chatDisk.cleanup();
    }
  });
});
