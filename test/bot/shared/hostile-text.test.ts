import { describe, expect, it } from "vitest";
import { createDialog } from "../../../bot/shared/dialog.ts";
import { parseButton, payload } from "../../../bot/shared/payloads.ts";
import type { DialogResult, InboundMessage } from "../../../bot/shared/types.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";
import { createMemoryBotStores, silentLogger } from "../support/memory-bot-stores.ts";

/** The dialog over a core with in-memory stores; sessions go through JSON as the adapters store them. */
function chat() {
  const desk = buildCore();
  const botStores = createMemoryBotStores();
  const dialog = createDialog({
    core: desk.core,
    surveyPrompts: botStores.surveyPrompts,
    seenUsers: botStores.seenUsers,
    fetchAttachment: () => Promise.reject(new Error("no files here")),
    logger: silentLogger([]),
    hasButtons: true,
  });
  const sessions = new Map<string, string>();
  let sequence = 0;
  async function send(person: { id: string; displayName: string; languageHint?: string }, input: Partial<InboundMessage> & { group?: boolean }): Promise<DialogResult> {
    const { group, ...rest } = input;
    sequence++;
    const stored = sessions.get(person.id);
    const result = await dialog.handle(
      { channel: "telegram", eventId: String(sequence), sender: person, chat: { kind: group ? "group" : "private", id: group ? "-100" : person.id }, messageId: String(sequence), attachments: [], ...rest },
      stored ? (JSON.parse(stored) as unknown) : null,
    );
    sessions.set(person.id, JSON.stringify(result.session));
    return result;
  }
  return { ...desk, send, sessions };
}

const texts = (result: DialogResult) => result.replies.map((reply) => reply.text);
const alice = { id: "101", displayName: "Alice", languageHint: "en" };
const wang = { id: "102", displayName: "王芳", languageHint: "zh-hans" };
const ILL_FORMED_EN = "Part of your message could not be read (perhaps a broken emoji), so it was not recorded. Please type it again and send it.";

describe("ill-formed text in chat", () => {
  it("is answered with a clear message at any report step, and the step stays where it was", async () => {
    const h = chat();
    await h.send(alice, { text: "/report" });
    const before = h.sessions.get(alice.id);
    expect(texts(await h.send(alice, { text: "The fridge \ud800 is warm" }))).toEqual([ILL_FORMED_EN]);
    expect(h.sessions.get(alice.id)).toBe(before);
    expect(texts(await h.send(wang, { text: "\udfff" }))).toEqual(["您的消息里有无法识别的字符（可能是残缺的表情符号），没有记录。请重新输入后再发送。"]);
    // The report goes on with well-formed text.
    expect(texts(await h.send(alice, { text: "The fridge is warm 🧊" }))).not.toContain(ILL_FORMED_EN);
    expect(h.sessions.get(alice.id)).not.toBe(before);
  });

  it("never reaches a ticket as a staff note or a customer message", async () => {
    const h = chat();
    const { ticket } = await h.core.intake({ name: "Alice", phone: "13800138000", description: "The fridge is warm", channel: "telegram", identity: { channel: "telegram", externalId: alice.id } });
    await h.deps.staff.create({ id: "staff-9", name: "Agnes", role: "agent", createdAt: h.clock.now(), identities: [{ channel: "telegram", externalId: "900" }] });
    const agnes = { id: "900", displayName: "Agnes", languageHint: "en" };
    expect(texts(await h.send(agnes, { text: `/note ${ticket.number} checked \ud800`, group: true }))).toEqual([ILL_FORMED_EN]);
    expect(texts(await h.send(agnes, { text: "parts \ud800", group: true, topicTicket: ticket.number }))).toEqual([ILL_FORMED_EN]);
    expect(texts(await h.send(alice, { text: "any news? \ud800" }))).toEqual([ILL_FORMED_EN]);
    expect((await h.core.show(ticket.number)).timeline.map((event) => event.type)).toEqual(["created"]);
  });

  it("is refused by the core itself whatever the channel, naming the field", async () => {
    const h = chat();
    const { ticket } = await h.core.intake({ name: "Alice", phone: "13800138000", description: "The fridge is warm", channel: "telegram" });
    const staff = await h.addStaff("Agnes", "agent");
    await expect(h.core.note(ticket.number, "x\ud800", staff)).rejects.toMatchObject({
      code: "validation",
      params: { fields: ["text"], issues: [{ field: "text", problem: { kind: "ill_formed_text" } }] },
    });
    await expect(h.core.intake({ name: "Alice", phone: "13800138000", description: "warm", channel: "telegram", attachments: [{ fileName: "a\ud800.jpg", mimeType: "image/jpeg", sizeBytes: 3, storagePath: "uploads/a.jpg" }] })).rejects.toMatchObject({
      code: "validation",
      params: { fields: ["attachments.0.fileName"] },
    });
  });
});

describe("survey score buttons", () => {
  it("take exactly one digit 1–5", () => {
    expect(parseButton(payload.survey("k1", 5))).toEqual({ kind: "survey", key: "k1", score: 5 });
    for (const forged of ["sv:k1:5.0", "sv:k1:0x5", "sv:k1: 5", "sv:k1:5e0", "sv:k1:05", "sv:k1:6", "sv:k1:0"]) expect(parseButton(forged), forged).toBeNull();
  });
});
