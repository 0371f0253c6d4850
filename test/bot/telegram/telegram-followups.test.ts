import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { payload } from "../../../bot/shared/payloads.ts";
import { createArticleStore } from "../../../db/article-store.ts";
import { buttonData, startDesk, type DeskHarness } from "./telegram-harness.ts";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0]);

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);

/** A Telegram customer (Chinese client) with one open ticket reported through the core. */
async function customerWithTicket(h: DeskHarness) {
  const user = h.api.user({ first_name: "芳", last_name: "王", language_code: "zh-hans" });
  const chat = h.api.privateChat(user);
  const { ticket } = await h.desk.core.intake({
    name: "王芳",
    phone: "13800138000",
    description: "空调漏水",
    channel: "telegram",
    language: "zh-Hans",
    identity: { channel: "telegram", externalId: String(user.id) },
  });
  await h.flushOutbox();
  return { user, chat, ticket };
}

describe("Telegram: follow-ups on existing tickets", () => {
  it("writes notifications in the language the customer chose with /lang", async () => {
    const h = (harness = await startDesk());
    const { user, chat, ticket } = await customerWithTicket(h);
    await h.say(h.admin, h.staffGroup, `/reply ${ticket.number} 师傅明天到`);
    expect(textsOf((await h.flushOutbox()).filter((message) => message.chat.id === user.id))).toEqual([`关于工单 ${ticket.number} 的回复：\n师傅明天到`]);

    expect(textsOf(await h.say(user, chat, "/lang en"))).toEqual(["Language set to English."]);
    expect(await h.desk.stores.customers.findById(ticket.customerId)).toMatchObject({ language: "en" });
    await h.say(h.admin, h.staffGroup, `/reply ${ticket.number} The technician comes at 14:00`);
    expect(textsOf((await h.flushOutbox()).filter((message) => message.chat.id === user.id))).toEqual([
      `Reply about ticket ${ticket.number}:\nThe technician comes at 14:00`,
    ]);
  });

  it("adds a photo and a voice note to the open ticket and shows them to staff under the relayed message", async () => {
    const h = (harness = await startDesk());
    const { api, staffGroup, admin } = h;
    const { user, chat, ticket } = await customerWithTicket(h);

    api.addFile("leak-photo", JPEG, { mimeType: "image/jpeg" });
    const added = await h.deliver(() => api.sendPhoto(user, chat, "leak-photo"));
    expect(textsOf(added)).toEqual([`已补充到您未完结的工单 ${ticket.number}，服务台会看到。如果这是另一个问题，请选下面的选项。`]);
    expect(buttonData(added[0], "o:")).toBe(payload.offerYes);
    const stored = await h.desk.core.show(ticket.number);
    expect(stored.attachments).toMatchObject([{ mimeType: "image/jpeg", sizeBytes: JPEG.byteLength }]);
    expect(h.uploaded(stored.attachments[0]?.storagePath ?? "missing")).toBe(true);

    const relayed = (await h.flushOutbox()).filter((message) => message.chat.id === staffGroup.id);
    expect(relayed.map((message) => message.text ?? "(photo)")).toEqual([`Customer message on ticket ${ticket.number}: [照片]`, "(photo)"]);
    const [text, photo] = relayed;
    expect(photo?.photo).toBeDefined();
    expect(photo?.reply_to_message?.message_id).toBe(text?.message_id);
    expect(api.callsOf("sendPhoto").at(-1)?.files[0]?.bytes).toEqual(JPEG);

    // Staff answer the photo itself: it goes to the customer like a reply to the text.
    expect(textsOf(await h.say(admin, staffGroup, "Thanks, we bring a new hose", { reply_to_message: photo as Message }))).toEqual([
      `Reply sent to the customer of ${ticket.number}.`,
    ]);
    expect(textsOf((await h.flushOutbox()).filter((message) => message.chat.id === user.id))).toEqual([
      `关于工单 ${ticket.number} 的回复：\nThanks, we bring a new hose`,
    ]);

    // A voice note with the same path: recorded on the ticket and posted as a voice message.
    api.addFile("voice-note", OGG, { mimeType: "audio/ogg" });
    await h.deliver(() => api.sendVoice(user, chat, "voice-note"));
    const voice = (await h.flushOutbox()).filter((message) => message.chat.id === staffGroup.id);
    expect(voice[0]?.text).toBe(`Customer message on ticket ${ticket.number}: [语音]`);
    expect(voice[1]?.voice).toBeDefined();
    expect((await h.desk.core.show(ticket.number)).attachments.map((attachment) => attachment.mimeType)).toEqual(["image/jpeg", "audio/ogg"]);
  });

  it("lets staff record return visits with /visit in the group and in private", async () => {
    const h = (harness = await startDesk());
    const { api, staffGroup, admin, desk } = h;
    const { ticket } = await customerWithTicket(h);
    await h.say(admin, staffGroup, `/take ${ticket.number}`);
    await h.say(admin, staffGroup, `/status ${ticket.number} resolved replaced the hose`);
    await desk.core.runDueJobs();
    desk.clock.set("2026-11-27T11:05:00Z");
    await desk.core.runDueJobs();
    const due = (await h.flushOutbox()).find((message) => message.chat.id === staffGroup.id && message.text?.startsWith("Return visit due"));
    expect(due?.text).toBe(`Return visit due for ticket ${ticket.number} (王芳). Record the call with /visit ${ticket.number} reached|unreached.`);

    // Replying to the announcement: no number needed.
    expect(textsOf(await h.say(admin, staffGroup, "/visit unreached 11-28 19:30 no answer", { reply_to_message: due as Message }))).toEqual([
      `Return visit of ${ticket.number}: the customer was not reached (attempt 1). Next attempt: 28 Nov 2026, 19:30.`,
    ]);
    const stranger = api.user({ first_name: "Mallory", language_code: "en" });
    expect(textsOf(await h.say(stranger, api.privateChat(stranger), `/visit ${ticket.number} reached`))).toEqual([
      "This command is for registered service staff only.",
    ]);
    expect(textsOf(await h.say(admin, api.privateChat(admin), `/visit ${ticket.number} reached all good`))).toEqual([
      `Return visit of ${ticket.number} recorded: the customer was reached.`,
    ]);
    const visit = await desk.stores.scheduling.findReturnVisit(ticket.id);
    expect(visit).toMatchObject({ status: "done", attempts: 2, outcome: "reached", note: "all good" });
  });

  it("answers /faq <words> from the knowledge base with portal links", async () => {
    const h = (harness = await startDesk());
    const store = createArticleStore(h.desk.db);
    const at = h.desk.clock.now();
    await store.upsert(
      {
        slug: "indoor-unit-dripping",
        language: "en",
        title: "Water dripping from the indoor unit",
        summary: "Usually a blocked drain hose.",
        body: "Check the drain hose for kinks and clean the filter.",
        tags: ["leak", "condensate"],
        published: true,
        position: 0,
      },
      { id: "article-1", at },
    );
    const alice = h.api.user({ first_name: "Alice", language_code: "en" });
    const chat = h.api.privateChat(alice);
    expect(textsOf(await h.say(alice, chat, "/faq water leak"))).toEqual([
      "Help articles for “water leak”:\n\n• Water dripping from the indoor unit\nhttp://desk.test/faq/indoor-unit-dripping",
    ]);
    const none = textsOf(await h.say(alice, chat, "/faq invoice copy"))[0];
    expect(none).toMatch(/^No help article matches “invoice copy”\.\n\nFrequently asked questions/);
  });
});
