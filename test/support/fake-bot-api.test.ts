import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from "grammy";
import type { BotError, Context } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { withFakeTime } from "./fake-time.ts";
import { startFakeBotApi, TelegramErrors } from "./telegram/fake-bot-api.ts";
import { applyParseMode } from "./telegram/formatting.ts";
import type { FakeBotApi, FakeBotApiOptions } from "./telegram/fake-bot-api.ts";

// The number before the colon is what Telegram (and the fake) report as the bot's id.
const TOKEN = "123456789:TEST-token_for-fake";

// Teardown runs in reverse order of registration: the bot stops before the fake closes,
// so no getUpdates call ever hits a closed port and no timer or socket outlives a test.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options?: FakeBotApiOptions): Promise<{ api: FakeBotApi; bot: Bot }> {
  const api = await startFakeBotApi(options);
  cleanups.push(() => api.close());
  const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot } });
  return { api, bot };
}

/** Starts long polling and resolves once grammY is polling; middleware errors are collected, not fatal. */
function startPolling(bot: Bot): Promise<BotError<Context>[]> {
  const errors: BotError<Context>[] = [];
  bot.catch((error) => {
    errors.push(error);
  });
  return new Promise((resolve, reject) => {
    const running = bot.start({ onStart: () => resolve(errors) });
    running.catch(reject);
    cleanups.push(async () => {
      await bot.stop();
      await running;
    });
  });
}

async function postRaw(api: FakeBotApi, method: string, body: string, contentType: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${api.apiRoot}/bot${TOKEN}/${method}`, { method: "POST", body, headers: { "content-type": contentType } });
  return { status: res.status, json: (await res.json()) as unknown };
}

describe("fake Bot API with a real grammY bot (long polling)", () => {
  it("delivers a text message to a handler and records the reply", async () => {
    const { api, bot } = await setup();
    bot.command("start", (ctx) => ctx.reply("Welcome to the service desk"));
    bot.on("message:text", (ctx) => ctx.reply(`You said: ${ctx.msg.text}`));
    await startPolling(bot);

    const alice = api.user({ first_name: "Alice", username: "alice", language_code: "en" });
    const chat = api.privateChat(alice);
    api.sendText(alice, chat, "/start");
    api.sendText(alice, chat, "My kettle is broken");

    await api.waitForSent({ chatId: chat.id, text: "You said" });
    const sent = api.sent(chat.id);
    expect(sent.map((m) => m.text)).toEqual(["Welcome to the service desk", "You said: My kettle is broken"]);
    expect(sent[0]?.from).toMatchObject({ id: 123456789, is_bot: true });
    expect(sent[0]?.chat).toEqual(chat);
    // One message_id sequence per chat, shared by the user's and the bot's messages.
    expect(api.transcript(chat.id).map((m) => [m.message_id, m.from?.is_bot])).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [4, true],
    ]);
    const call = api.callsOf("sendMessage")[0];
    expect(call).toMatchObject({ token: TOKEN, chat_id: chat.id, via: "http" });
    expect(api.tokens).toEqual([TOKEN]);
    expect(api.callsOf("getMe")).toHaveLength(1);
    expect(api.callsOf("deleteWebhook")).toHaveLength(1);
  });

  it("answers a callback button press and applies the edit", async () => {
    const { api, bot } = await setup();
    bot.command("menu", (ctx) => ctx.reply("What do you need?", { reply_markup: new InlineKeyboard().text("Open a ticket", "ticket:open") }));
    bot.callbackQuery("ticket:open", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Opening…" });
      await ctx.editMessageText("Ticket #1 opened");
    });
    await startPolling(bot);

    const alice = api.user({ first_name: "Alice" });
    const chat = api.privateChat(alice);
    api.sendText(alice, chat, "/menu");
    const menu = await api.waitForSent({ text: "What do you need?" });
    expect(menu.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: "ticket:open" });

    const press = api.pressButton(alice, menu, "ticket:open");
    const answer = await api.waitForCall(
      (call) => call.method === "answerCallbackQuery" && call.params.callback_query_id === press.callback_query?.id,
    );
    expect(answer.response).toEqual({ ok: true, result: true });
    expect(answer.params.text).toBe("Opening…");

    await api.waitForCall("editMessageText");
    const edited = api.message(chat.id, menu.message_id);
    expect(edited?.text).toBe("Ticket #1 opened");
    // An edit without reply_markup removes the keyboard, so the button cannot be pressed any more.
    expect(edited?.reply_markup).toBeUndefined();
    expect(() => api.pressButton(alice, menu, "ticket:open")).toThrow(/has no button "ticket:open"/);
  });

  it("delivers the same update_id twice when asked to", async () => {
    const { api, bot } = await setup();
    const seen: number[] = [];
    bot.on("message", (ctx) => {
      seen.push(ctx.update.update_id);
    });
    await startPolling(bot);

    const bob = api.user({ first_name: "Bob" });
    const update = api.build.text(bob, api.privateChat(bob), "hello");
    // Twice in one batch...
    api.pushRaw(update);
    api.pushRaw(update);
    await api.waitUntilConfirmed(update);
    // ...and again after the bot confirmed it, as Telegram does after a lost confirmation.
    api.pushRaw(update);
    await api.waitUntilConfirmed(update);

    expect(seen).toEqual([update.update_id, update.update_id, update.update_id]);
  });

  it("routes a reply to an agent's message back into its forum topic", async () => {
    const { api, bot } = await setup();
    bot.on("message:text", (ctx) => ctx.reply(`Noted in topic ${ctx.msg.message_thread_id ?? "-"}`));
    await startPolling(bot);

    const agents = api.supergroup({ title: "Agents", is_forum: true });
    const topic = api.forumTopic(agents, "Ticket #7");
    const agent = api.user({ first_name: "Agnes" });
    const update = api.sendText(agent, agents, "Customer called back", { message_thread_id: topic.message_thread_id });
    // Messages in a topic reply to the topic's creation message unless they reply to something else.
    expect(update.message?.reply_to_message?.forum_topic_created?.name).toBe("Ticket #7");

    const reply = await api.waitForSent({ chatId: agents.id });
    expect(reply).toMatchObject({
      text: `Noted in topic ${topic.message_thread_id}`,
      message_thread_id: topic.message_thread_id,
      is_topic_message: true,
    });
  });

  it("downloads a file the user sent via getFile and the file endpoint", async () => {
    const { api, bot } = await setup();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
    const received: Uint8Array[] = [];
    bot.on("message:photo", async (ctx) => {
      const largest = ctx.msg.photo.at(-1);
      if (largest === undefined) throw new Error("no photo sizes");
      const file = await ctx.api.getFile(largest.file_id);
      const res = await fetch(`${api.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);
      received.push(new Uint8Array(await res.arrayBuffer()));
      await ctx.reply(`Got your photo: ${ctx.msg.caption ?? ""}`);
    });
    const errors = await startPolling(bot);

    const alice = api.user({ first_name: "Alice" });
    const chat = api.privateChat(alice);
    const photo = api.addFile("customer-photo-1", jpeg, { mimeType: "image/jpeg", width: 800, height: 600 });
    expect(photo).toMatchObject({ file_id: "customer-photo-1", file_size: jpeg.byteLength });
    api.sendPhoto(alice, chat, photo.file_id, "broken lid");

    await api.waitForSent({ text: "Got your photo: broken lid" });
    expect(errors).toEqual([]);
    expect(received).toEqual([jpeg]);
    expect(api.callsOf("getFile")[0]?.params.file_id).toBe("customer-photo-1");
    expect(api.callsOf("downloadFile")[0]?.response?.ok).toBe(true);
  });
});

describe("fake Bot API with direct API calls", () => {
  it("receives a photo uploaded as multipart/form-data and serves it back", async () => {
    const { api, bot } = await setup();
    await bot.init();
    const alice = api.user({ first_name: "Alice" });
    const chat = api.privateChat(alice);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0xfe, 0xff]);

    const message = await bot.api.sendPhoto(chat.id, new InputFile(bytes, "receipt 42.png"), {
      caption: "Your <b>receipt</b>",
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Thanks", "thanks"),
    });

    const call = api.callsOf("sendPhoto")[0];
    expect(call?.files).toHaveLength(1);
    expect(call?.files[0]).toMatchObject({ param: "photo", fileName: "receipt 42.png" });
    expect(call?.files[0]?.bytes).toEqual(bytes);
    // Form fields are decoded back to what the bot meant, not left as strings.
    expect(call?.params).toMatchObject({ chat_id: chat.id, caption: "Your <b>receipt</b>", parse_mode: "HTML" });
    expect(call?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: "Thanks", callback_data: "thanks" }]] });

    expect(message.caption).toBe("Your receipt");
    expect(message.caption_entities).toEqual([{ type: "bold", offset: 5, length: 7 }]);
    expect(message.photo?.length).toBeGreaterThan(1);
    const file = await bot.api.getFile(message.photo?.at(-1)?.file_id ?? "");
    const res = await fetch(`${api.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    expect(api.sent(chat.id)).toHaveLength(1);
  });

  it("retries a 429 once with auto-retry", async () => {
    const { api, bot } = await setup();
    bot.api.config.use(autoRetry());
    const alice = api.user({ first_name: "Alice" });
    const chat = api.privateChat(alice);
    api.failNext("sendMessage", TelegramErrors.tooManyRequests(3));

    // auto-retry sleeps for retry_after; on a fake clock that costs no real time.
    const message = await withFakeTime(() => bot.api.sendMessage(chat.id, "Your ticket was updated"));

    const calls = api.callsOf("sendMessage");
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(3000);
    expect(calls[0]?.response).toEqual({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    expect(calls[1]?.response?.ok).toBe(true);
    expect(message.text).toBe("Your ticket was updated");
    expect(api.sent(chat.id)).toHaveLength(1);
  });

  it("surfaces a 403 as a GrammyError, only for the targeted chat", async () => {
    const { api, bot } = await setup();
    bot.api.config.use(autoRetry());
    const alice = api.user({ first_name: "Alice" });
    const bob = api.user({ first_name: "Bob" });
    api.failNext("sendMessage", TelegramErrors.blockedByUser(), { chatId: alice.id, times: Infinity });

    const error = await bot.api.sendMessage(api.privateChat(alice).id, "hi").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user", method: "sendMessage" });
    await expect(bot.api.sendMessage(api.privateChat(bob).id, "hi")).resolves.toMatchObject({ text: "hi" });
    // Permanent: still blocked, and auto-retry does not retry a 403.
    await expect(bot.api.sendMessage(alice.id, "again")).rejects.toMatchObject({ error_code: 403 });
    expect(api.callsOf("sendMessage").map((c) => c.response?.ok)).toEqual([false, true, false]);
  });

  it("answers unknown methods with 404 and parses urlencoded bodies", async () => {
    const { api } = await setup();
    const unknown = await postRaw(api, "frobnicate", "{}", "application/json");
    expect(unknown).toEqual({ status: 404, json: { ok: false, error_code: 404, description: "Not Found: method not found" } });

    const form = new URLSearchParams({ chat_id: "42", text: "007", reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }) });
    const sent = await postRaw(api, "SENDMESSAGE", form.toString(), "application/x-www-form-urlencoded");
    expect(sent.status).toBe(200);
    const call = api.callsOf("sendMessage")[0];
    // Method names are case-insensitive; free text stays a string even when it looks numeric.
    expect(call?.params).toEqual({ chat_id: 42, text: "007", reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] } });
  });

  it("reproduces Telegram's validation errors for text, markup and edits", async () => {
    const { api, bot } = await setup();
    await bot.init();
    const chat = api.privateChat(api.user({ first_name: "Alice" }));

    const html = await bot.api.sendMessage(chat.id, "<b>Ticket</b> #42 &lt;open&gt;", { parse_mode: "HTML" });
    expect(html.text).toBe("Ticket #42 <open>");
    expect(html.entities).toEqual([{ type: "bold", offset: 0, length: 6 }]);

    await expect(bot.api.sendMessage(chat.id, "price < 5", { parse_mode: "HTML" })).rejects.toMatchObject({
      error_code: 400,
      description: expect.stringMatching(/^Bad Request: can't parse entities/),
    });
    await expect(bot.api.sendMessage(chat.id, "Order 42.", { parse_mode: "MarkdownV2" })).rejects.toMatchObject({
      description: "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
    await expect(bot.api.sendMessage(chat.id, "x".repeat(4097))).rejects.toMatchObject({ description: "Bad Request: message is too long" });
    await expect(
      bot.api.sendMessage(chat.id, "menu", { reply_markup: new InlineKeyboard().text("Too long", "x".repeat(65)) }),
    ).rejects.toMatchObject({ description: "Bad Request: BUTTON_DATA_INVALID" });

    await expect(bot.api.editMessageText(chat.id, html.message_id, "Ticket #42 <open>", { entities: html.entities })).rejects.toMatchObject(
      TelegramErrors.messageNotModified(),
    );
    await expect(bot.api.editMessageText(chat.id, 999, "nope")).rejects.toMatchObject(TelegramErrors.messageToEditNotFound());
    await expect(bot.api.answerCallbackQuery("unknown-query")).rejects.toMatchObject(TelegramErrors.queryTooOld());
  });

  it("supports forum topics in a supergroup", async () => {
    const { api, bot } = await setup();
    await bot.init();
    const agents = api.supergroup({ title: "Agents", is_forum: true });

    const topic = await bot.api.createForumTopic(agents.id, "Ticket #42 — kettle");
    expect(topic).toMatchObject({ name: "Ticket #42 — kettle", icon_color: 7322096 });
    const posted = await bot.api.sendMessage(agents.id, "New ticket", { message_thread_id: topic.message_thread_id });
    expect(posted).toMatchObject({ message_thread_id: topic.message_thread_id, is_topic_message: true });
    expect(posted.reply_to_message?.forum_topic_created?.name).toBe("Ticket #42 — kettle");

    const agent = api.user({ first_name: "Agnes", username: "agent_agnes" });
    const update = api.sendText(agent, agents, "On it", { message_thread_id: topic.message_thread_id });
    expect(update.message).toMatchObject({ message_thread_id: topic.message_thread_id, is_topic_message: true });

    await expect(bot.api.editForumTopic(agents.id, topic.message_thread_id, { name: "Ticket #42 — kettle" })).rejects.toMatchObject({
      description: "Bad Request: TOPIC_NOT_MODIFIED",
    });
    await bot.api.editForumTopic(agents.id, topic.message_thread_id, { name: "Ticket #42 — resolved" });
    await bot.api.closeForumTopic(agents.id, topic.message_thread_id);
    expect(api.topics(agents.id)).toMatchObject([{ name: "Ticket #42 — resolved", closed: true }]);
    await expect(bot.api.sendMessage(agents.id, "late", { message_thread_id: topic.message_thread_id })).rejects.toMatchObject({
      description: "Bad Request: TOPIC_CLOSED",
    });
    const plain = api.supergroup({ title: "No topics" });
    await expect(bot.api.createForumTopic(plain.id, "x")).rejects.toMatchObject({ description: "Bad Request: the chat is not a forum" });
  });

  it("copies and forwards customer messages into the agents' chat", async () => {
    const { api, bot } = await setup();
    await bot.init();
    const alice = api.user({ first_name: "Alice" });
    const chat = api.privateChat(alice);
    const agents = api.supergroup({ title: "Agents" });
    const incoming = api.sendText(alice, chat, "The lid cracked");
    const messageId = incoming.message?.message_id ?? 0;

    const copy = await bot.api.copyMessage(agents.id, chat.id, messageId);
    const forward = await bot.api.forwardMessage(agents.id, chat.id, messageId);
    expect(api.message(agents.id, copy.message_id)?.text).toBe("The lid cracked");
    expect(forward.forward_origin).toMatchObject({ type: "user", sender_user: { id: alice.id } });
    expect(api.sent(agents.id)).toHaveLength(2);
    await expect(bot.api.copyMessage(agents.id, chat.id, 999)).rejects.toMatchObject({ description: "Bad Request: message to copy not found" });

    // Re-sending a customer's photo by file_id, as an adapter does when escalating.
    const photo = api.addFile("", new Uint8Array([1, 2, 3]), { mimeType: "image/jpeg" });
    const resent = await bot.api.sendPhoto(agents.id, photo.file_id, { caption: "from Alice" });
    expect(resent.photo?.at(-1)).toMatchObject({ file_id: photo.file_id, file_unique_id: photo.file_unique_id });
    await expect(bot.api.sendPhoto(agents.id, "no-such-file")).rejects.toMatchObject({
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
  });

  it("answers the housekeeping methods", async () => {
    const { api, bot } = await setup();
    await bot.init();
    const chat = api.privateChat(api.user({ first_name: "Alice", username: "alice" }));
    const menu = await bot.api.sendMessage(chat.id, "Rate us", { reply_markup: new InlineKeyboard().text("👍", "rate:up") });

    const stripped = await bot.api.editMessageReplyMarkup(chat.id, menu.message_id);
    expect(stripped).toMatchObject({ text: "Rate us", edit_date: expect.any(Number) });
    expect(api.message(chat.id, menu.message_id)?.reply_markup).toBeUndefined();
    await expect(bot.api.editMessageReplyMarkup(chat.id, menu.message_id)).rejects.toMatchObject(TelegramErrors.messageNotModified());
    await expect(bot.api.deleteMessage(chat.id, menu.message_id)).resolves.toBe(true);
    expect(api.message(chat.id, menu.message_id)).toBeUndefined();
    await expect(bot.api.deleteMessage(chat.id, menu.message_id)).rejects.toMatchObject({ description: "Bad Request: message to delete not found" });

    await expect(bot.api.sendChatAction(chat.id, "typing")).resolves.toBe(true);
    await bot.api.setMyCommands([{ command: "start", description: "Start" }]);
    await expect(bot.api.getMyCommands()).resolves.toEqual([{ command: "start", description: "Start" }]);
    await expect(bot.api.setMyCommands([{ command: "Start", description: "x" }])).rejects.toMatchObject({ description: "Bad Request: BOT_COMMAND_INVALID" });
    await expect(bot.api.getChat(chat.id)).resolves.toMatchObject({ id: chat.id, type: "private", username: "alice" });
    await expect(bot.api.getWebhookInfo()).resolves.toMatchObject({ url: "", pending_update_count: 0 });
  });
});

describe("fake Bot API protocol details", () => {
  it("holds getUpdates until an update arrives and drops updates confirmed by offset", async () => {
    const { api } = await setup();
    const alice = api.user({ first_name: "Alice" });
    const held = postRaw(api, "getUpdates", JSON.stringify({ timeout: 20 }), "application/json");
    await api.waitForCall("getUpdates");
    const update = api.sendText(alice, api.privateChat(alice), "hi");

    const first = await held;
    expect(first.json).toEqual({ ok: true, result: [update] });
    // Not confirmed yet: delivered again.
    const again = await postRaw(api, "getUpdates", "{}", "application/json");
    expect(again.json).toEqual({ ok: true, result: [update] });
    const confirmed = await postRaw(api, "getUpdates", JSON.stringify({ offset: update.update_id + 1 }), "application/json");
    expect(confirmed.json).toEqual({ ok: true, result: [] });
    expect(api.pending()).toEqual([]);
  });

  it("answers an empty long poll after its timeout", async () => {
    const { api } = await setup();
    const { res, answeredAt } = await withFakeTime(async () => {
      const res = await postRaw(api, "getUpdates", JSON.stringify({ timeout: 1 }), "application/json");
      return { res, answeredAt: Date.now() };
    });
    expect(res.json).toEqual({ ok: true, result: [] });
    expect(answeredAt - (api.callsOf("getUpdates")[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("filters update types by allowed_updates like Telegram", async () => {
    const { api } = await setup();
    await postRaw(api, "getUpdates", JSON.stringify({ allowed_updates: ["callback_query"] }), "application/json");
    const alice = api.user({ first_name: "Alice" });
    api.sendText(alice, api.privateChat(alice), "not subscribed");
    expect(api.pending()).toEqual([]);
    expect(api.diagnostics()).toMatch(/Dropped by allowed_updates: \d+:message/);
  });

  it("delivers to a webhook with the secret token and executes the webhook reply", async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const bot = new Bot(TOKEN, { client: { apiRoot: api.apiRoot, canUseWebhookReply: (method) => method === "sendMessage" } });
    bot.on("message:text", (ctx) => ctx.reply(`Webhook got: ${ctx.msg.text}`));
    const server = createServer(webhookCallback(bot, "http", { secretToken: "s3cret-token" }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
    await bot.api.setWebhook(url, { secret_token: "s3cret-token" });
    expect(api.webhookInfo()).toEqual({ url, secret_token: "s3cret-token" });

    const alice = api.user({ first_name: "Alice" });
    const chat = api.privateChat(alice);
    const delivery = await api.deliverToWebhook(url, api.build.text(alice, chat, "hello"));
    expect(delivery.status).toBe(200);
    expect(delivery.reply).toMatchObject({ method: "sendMessage", via: "webhook-reply", response: { ok: true } });
    expect(api.sent(chat.id).map((m) => m.text)).toEqual(["Webhook got: hello"]);

    const rejected = await api.deliverToWebhook(url, api.build.text(alice, chat, "spoofed"), "wrong-secret");
    expect(rejected.status).toBe(401);
    // While a webhook is set, long polling is a conflict.
    const poll = await postRaw(api, "getUpdates", "{}", "application/json");
    expect(poll.status).toBe(409);
  });

  it("lets a test add methods and be strict about unknown chats", async () => {
    const { api, bot } = await setup({ strictChats: true });
    api.onMethod("getChatMember", (params) => ({ status: "administrator", user: { id: params.user_id, is_bot: false, first_name: "Agnes" } }));
    api.onMethod("banChatMember", () => {
      throw new Error("oops");
    });
    await expect(bot.api.getChatMember(-100123, 5)).resolves.toMatchObject({ status: "administrator", user: { id: 5 } });
    // A plain exception in a handler is a 400 (never a retried 500) that names the method.
    await expect(bot.api.banChatMember(-100123, 5)).rejects.toMatchObject({ error_code: 400, description: expect.stringContaining("banChatMember threw: Error: oops") });
    await expect(bot.api.sendMessage(777, "hi")).rejects.toMatchObject(TelegramErrors.chatNotFound());
  });

  it("explains what it saw when a wait times out", async () => {
    const { api, bot } = await setup();
    await bot.init();
    await expect(api.waitForCall("sendMessage", { timeoutMs: 20 })).rejects.toThrow(/waiting for a sendMessage call[\s\S]*#0 getMe -> ok/);
  });

  it("answers a held long poll when closed", async () => {
    const api = await startFakeBotApi();
    const held = postRaw(api, "getUpdates", JSON.stringify({ timeout: 30 }), "application/json");
    await api.waitForCall("getUpdates");
    await api.close();
    await expect(held).resolves.toEqual({ status: 200, json: { ok: true, result: [] } });
    await expect(api.waitForCall("never")).rejects.toThrow(/closed/);
  });
});

describe("fake Bot API parsers", () => {
  it("accepts a standard multipart upload named after the param (curl -F style)", async () => {
    const { api } = await setup();
    const chat = api.privateChat(api.user({ first_name: "Alice" }));
    const form = new FormData();
    form.append("chat_id", String(chat.id));
    form.append("caption", "12345");
    form.append("document", new Blob([new Uint8Array([1, 2, 3])], { type: "application/pdf" }), "invoice.pdf");
    const res = await fetch(`${api.apiRoot}/bot${TOKEN}/sendDocument`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    const call = api.callsOf("sendDocument")[0];
    expect(call?.params).toEqual({ chat_id: chat.id, caption: "12345" });
    expect(call?.files[0]).toMatchObject({ param: "document", fileName: "invoice.pdf", contentType: "application/pdf" });
    expect(api.sent(chat.id)[0]?.document).toMatchObject({ file_name: "invoice.pdf", mime_type: "application/pdf", file_size: 3 });
  });

  it("turns MarkdownV2 and HTML into text plus entities", () => {
    expect(applyParseMode("*Ticket* \\#42 _new_ [link](https://example.com/a\\)b)", "MarkdownV2", undefined)).toEqual({
      text: "Ticket #42 new link",
      entities: [
        { type: "bold", offset: 0, length: 6 },
        { type: "italic", offset: 11, length: 3 },
        { type: "text_link", offset: 15, length: 4, url: "https://example.com/a)b" },
      ],
    });
    expect(applyParseMode('<a href="https://example.com">see</a> <code>x &amp; y</code>', "HTML", undefined)).toEqual({
      text: "see x & y",
      entities: [
        { type: "text_link", offset: 0, length: 3, url: "https://example.com" },
        { type: "code", offset: 4, length: 5 },
      ],
    });
    expect(() => applyParseMode("<b>open", "HTML", undefined)).toThrow(/Can't find end tag corresponding to start tag "b"/);
    expect(() => applyParseMode("*open", "MarkdownV2", undefined)).toThrow(/Can't find end of Bold entity at byte offset 0/);
  });
});
