import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import type { Message, User } from "grammy/types";
import { createTelegramBot } from "../../../bot/telegram/index.ts";
import { createBotStores } from "../../../db/bot-stores.ts";
import { loadConfig } from "../../../server/config.ts";
import { createLogger } from "../../../server/logger.ts";
import { chatAttachmentStorage, createDeskTelegram, mountTelegramWebhook } from "../../../server/telegram.ts";
import { buildDbCore } from "../../support/desk-fixture.ts";
import { withFakeTime } from "../../support/fake-time.ts";
import { startFakeBotApi, TelegramErrors } from "../../support/telegram/fake-bot-api.ts";
import { silentLogger } from "../support/memory-bot-stores.ts";
import { buttonData, startDesk, TOKEN, type DeskHarness, customerWithTicket } from "./telegram-harness.ts";

const cleanups: (() => Promise<void>)[] = [];
let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);


async function outboxRows(h: DeskHarness) {
  return h.desk.db.outboxMessage.findMany({ orderBy: { id: "asc" } }); // ids sort in writing order
}

describe("Telegram delivery from the outbox", () => {
  it("retries a 429 after its retry_after, and hands a long one back to the outbox", async () => {
    const h = (harness = await startDesk());
    const { user, ticket } = await customerWithTicket(h);
    const boss = await h.desk.stores.staff.findByIdentity({ channel: "telegram", externalId: String(h.admin.id) });
    await h.desk.core.take(ticket.number, { actor: { kind: "staff", id: boss?.id ?? "" }, channel: "telegram" });

    h.api.failNext("sendMessage", TelegramErrors.tooManyRequests(1), { chatId: user.id });
    // The bot sleeps for retry_after before trying again; on a fake clock that costs no real time.
    const sent = await withFakeTime(() => h.flushOutbox());
    expect(textsOf(sent.filter((message) => message.chat.id === user.id))).toEqual([`Your ticket ${ticket.number} has been assigned to Agnes.`]);
    const attempts = h.api.callsOf("sendMessage").filter((call) => call.chat_id === user.id);
    expect(attempts.map((call) => call.response?.ok)).toEqual([false, true]);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((await outboxRows(h)).every((row) => row.status === "sent")).toBe(true);

    // A wait longer than a handler should block for goes back to the outbox, which honors it.
    await h.desk.core.reply(ticket.number, "We are on it", { actor: { kind: "staff", id: boss?.id ?? "" }, channel: "telegram" });
    h.api.failNext("sendMessage", TelegramErrors.tooManyRequests(120), { chatId: user.id });
    await h.flushOutbox();
    const waiting = (await outboxRows(h)).find((row) => row.status === "pending");
    expect(waiting).toMatchObject({ attempts: 1, lastError: "429: Too Many Requests: retry after 120" });
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(h.desk.clock.now().getTime() + 120_000);
  });

  it("marks a message to a user who blocked the bot as failed", async () => {
    const h = (harness = await startDesk());
    const { user, ticket } = await customerWithTicket(h);
    h.api.failNext("sendMessage", TelegramErrors.blockedByUser(), { chatId: user.id, times: Infinity });

    const customer = await h.desk.stores.customers.findById(ticket.customerId);
    const result = await h.telegram.sender.send(
      { kind: "customer", customer: customer!, externalId: String(user.id) },
      { outboxId: "o-1", notification: { kind: "customer.closed", number: ticket.number, resolution: "", reopenWindowDays: 14 }, rendered: { text: "closed" }, language: "en" },
    );
    expect(result).toEqual({ status: "failed", reason: "403: Forbidden: bot was blocked by the user" });

    const boss = await h.desk.stores.staff.findByIdentity({ channel: "telegram", externalId: String(h.admin.id) });
    await h.desk.core.reply(ticket.number, "Hello?", { actor: { kind: "staff", id: boss?.id ?? "" }, channel: "telegram" });
    await h.flushOutbox();
    const rows = await outboxRows(h);
    expect(rows.find((row) => row.recipientKind === "customer")).toMatchObject({ status: "failed", lastError: "403: Forbidden: bot was blocked by the user" });
  });

  it("gives each ticket a forum topic: notes in the topic, /reply and replies to the customer's message reach the customer", async () => {
    const h = (harness = await startDesk({ forum: true }));
    const { api, staffGroup, admin } = h;
    const { user, chat, ticket } = await customerWithTicket(h);
    const posted = await h.flushOutbox();
    expect(api.callsOf("createForumTopic")).toHaveLength(1);
    const topic = api.topics(staffGroup.id)[0];
    expect(topic?.name).toBe(`${ticket.number} The kettle leaks`);
    const post = posted.find((message) => message.chat.id === staffGroup.id);
    expect(post).toMatchObject({ message_thread_id: topic?.message_thread_id, is_topic_message: true });
    expect(buttonData(post, "st:urg:")).toBe(`st:urg:${ticket.number}`);
    const inTopic = { message_thread_id: topic?.message_thread_id ?? 0 };

    // A plain message in the topic is an internal note, recorded without a reply.
    expect(await h.say(admin, staffGroup, "Checked stock: spare lid available", inTopic)).toEqual([]);
    // /reply in the topic needs no number.
    expect(textsOf(await h.say(admin, staffGroup, "/reply A new lid is on its way", inTopic))).toEqual([`Reply sent to the customer of ${ticket.number}.`]);
    expect(api.sent(staffGroup.id).at(-1)?.message_thread_id).toBe(topic?.message_thread_id);
    expect(textsOf(await h.flushOutbox())).toEqual([`Reply about ticket ${ticket.number}:\nA new lid is on its way`]);

    // The customer's answer lands in the topic; a reply to it goes back to the customer.
    await h.say(user, chat, "Thanks, when?");
    const relayed = (await h.flushOutbox()).find((message) => message.chat.id === staffGroup.id);
    expect(relayed).toMatchObject({ text: `Customer message on ticket ${ticket.number}: Thanks, when?`, message_thread_id: topic?.message_thread_id });
    await h.say(admin, staffGroup, "Tomorrow morning", { ...inTopic, reply_to_message: relayed as Message });
    expect(textsOf(await h.flushOutbox())).toEqual([`Reply about ticket ${ticket.number}:\nTomorrow morning`]);

    const timeline = (await h.desk.core.show(ticket.number)).timeline.map((event) => [event.type, event.visibility, event.note]);
    expect(timeline).toContainEqual(["note", "internal", "Checked stock: spare lid available"]);
    expect(timeline).toContainEqual(["reply", "public", "Tomorrow morning"]);
    // Replying again (redelivery of the new-ticket row) would reuse the stored topic.
    expect(await h.stores.topics.ticketOf("telegram", String(staffGroup.id), String(topic?.message_thread_id))).toBe(ticket.number);
  });

  it("tells an assignee in a private message, and registers staff by @username", async () => {
    const h = (harness = await startDesk());
    const { api, staffGroup, admin } = h;
    const { ticket } = await customerWithTicket(h);
    const tom = api.user({ first_name: "Tom", username: "tom_fixes", language_code: "en" });
    expect(textsOf(await h.say(admin, staffGroup, "/staff add @tom_fixes technician"))).toEqual([
      "I do not know @tom_fixes yet. Ask them to send any message to the bot, or use their numeric Telegram id.",
    ]);
    await h.say(tom, api.privateChat(tom), "/start");
    expect(textsOf(await h.say(admin, staffGroup, "/staff add @tom_fixes technician"))).toEqual(["Tom is registered as technician."]);
    expect(textsOf(await h.say(admin, staffGroup, `/assign ${ticket.number} @tom_fixes`))).toEqual([`${ticket.number} is now assigned to Tom.`]);
    const sent = await h.flushOutbox();
    const toTom = sent.find((message) => message.chat.id === tom.id);
    expect(toTom?.text).toBe(`Ticket ${ticket.number} is assigned to you: The kettle leaks`);
    // Tom answers that message privately: it becomes a note on the ticket.
    expect(textsOf(await h.say(tom, api.privateChat(tom), "On my way", { reply_to_message: toTom as Message }))).toEqual([
      `Internal note added to ${ticket.number}.`,
    ]);
  });

  it("relays a customer's edited message as a correction", async () => {
    const h = (harness = await startDesk());
    const { user, chat, ticket } = await customerWithTicket(h);
    await h.flushOutbox();
    const update = h.api.sendText(user, chat, "I am home after 6pm");
    await h.api.waitUntilConfirmed(update);
    await h.flushOutbox();

    const edited = await h.deliver(() => h.api.editText(user, update.message as Message, "I am home after 7pm"));
    expect(textsOf(edited)).toEqual([`Your correction was passed on for ticket ${ticket.number}.`]);
    const relays = (await h.flushOutbox()).filter((message) => message.chat.id === h.staffGroup.id).map((message) => message.text);
    expect(relays).toEqual([`Customer message on ticket ${ticket.number}: ✏️ I am home after 7pm`]);
  });

  it("keeps a voice note sent alone, and refuses files that are too large or not photos", async () => {
    const h = (harness = await startDesk());
    const user: User = h.api.user({ first_name: "Bob", language_code: "en" });
    const chat = h.api.privateChat(user);
    h.api.addFile("voice-1", new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0, 2, 0, 0]), { mimeType: "audio/ogg" });
    expect(textsOf(await h.deliver(() => h.api.sendVoice(user, chat, "voice-1")))).toEqual([
      "Got it, the file is attached. Now please describe the problem in a few words.",
    ]);
    const session = (await h.stores.sessions.load("telegram", String(user.id))) as { dialog?: { draft?: { attachments?: { mimeType: string; storagePath: string }[] } } };
    const voice = session.dialog?.draft?.attachments?.[0];
    expect(voice?.mimeType).toBe("audio/ogg");
    expect(h.uploaded(voice?.storagePath ?? "missing")).toBe(true);

    h.api.addFile("huge", new Uint8Array(11 * 1024 * 1024), { mimeType: "image/jpeg" });
    expect(textsOf(await h.deliver(() => h.api.sendPhoto(user, chat, "huge")))).toEqual([
      "That is too large. The limit is 10 MB.",
      "What is wrong? Please describe the problem in a few words.",
    ]);
    h.api.addFile("doc", "%PDF-1.4 not a photo", { mimeType: "application/pdf", fileName: "invoice.pdf" });
    expect(textsOf(await h.deliver(() => h.api.sendDocument(user, chat, "doc")))).toEqual([
      "That file type is not accepted. Please send a photo (JPEG, PNG, WebP or HEIC).",
      "What is wrong? Please describe the problem in a few words.",
    ]);
    expect(h.api.callsOf("downloadFile")).toHaveLength(2);
  });
});

describe("Telegram error boundary", () => {
  it("logs an unexpected failure with phone numbers masked and tells the user in their language", async () => {
    const h = (harness = await startDesk({
      bot: {
        saveAttachment: async () => {
          throw new Error("disk full while saving for 13800138000");
        },
      },
    }));
    const user = h.api.user({ first_name: "芳", language_code: "zh-hans" });
    const chat = h.api.privateChat(user);
    h.api.addFile("p", new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), { mimeType: "image/jpeg" });
    expect(textsOf(await h.deliver(() => h.api.sendPhoto(user, chat, "p")))).toEqual(["系统出了点问题，这次操作可能没有完成，请稍后再试。"]);
    const failure = h.logs.find((entry) => entry.message === "telegram update failed");
    expect(JSON.stringify(failure?.object)).toContain("138****8000");
    expect(JSON.stringify(h.logs)).not.toContain("13800138000");
    // The bot keeps working.
    expect(textsOf(await h.say(user, chat, "/start"))[0]).toContain("您好");
  });
});

describe("Telegram configuration", () => {
  it("uses a webhook only with a secret and an https PUBLIC_URL", async () => {
    const desk = await buildDbCore();
    cleanups.push(() => desk.cleanup());
    const build = (env: Record<string, string>) =>
      createDeskTelegram({ config: loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, ...env }), core: desk.core, db: desk.db, logger: createLogger("silent") });
    expect(build({})?.webhookHandler).toBeUndefined();
    expect(build({ TELEGRAM_WEBHOOK_SECRET: "s3cret", PUBLIC_URL: "http://desk.example" })?.webhookHandler).toBeUndefined();
    expect(build({ TELEGRAM_WEBHOOK_SECRET: "s3cret", PUBLIC_URL: "https://desk.example" })?.webhookHandler).toBeTypeOf("function");
    expect(createDeskTelegram({ config: loadConfig({}), core: desk.core, db: desk.db, logger: createLogger("silent") })).toBeNull();
  });
});

describe("Telegram webhook mode", () => {
  it("sets the webhook with a secret and only accepts updates that carry it", async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const desk = await buildDbCore();
    cleanups.push(() => desk.cleanup());
    const app = new Hono();
    let fetchApp: (request: Request) => Response | Promise<Response> = () => new Response("not ready", { status: 503 });
    const server = serve({ fetch: (request) => fetchApp(request), port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;

    const telegram = createTelegramBot({
      token: TOKEN,
      apiRoot: api.apiRoot,
      webhook: { url, secret: "s3cret-Token_1" },
      core: desk.core,
      stores: createBotStores(desk.db),
      saveAttachment: chatAttachmentStorage(desk.dir),
      logger: silentLogger(),
      throttle: false,
    });
    cleanups.push(() => telegram.stop());
    await telegram.start();
    mountTelegramWebhook(app, telegram);
    fetchApp = app.fetch;
    expect(api.webhookInfo()).toEqual({ url, secret_token: "s3cret-Token_1" });

    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    const spoofed = await api.deliverToWebhook(url, api.build.text(alice, chat, "/start"), "wrong-secret");
    expect(spoofed.status).toBe(401);
    expect(api.sent(chat.id)).toEqual([]);

    const delivered = await api.deliverToWebhook(url, api.build.text(alice, chat, "/start"));
    expect(delivered.status).toBe(200);
    expect(api.sent(chat.id)[0]?.text).toContain("Hello Alice!");
  });
});
