import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { payload } from "../../../bot/shared/payloads.ts";
import { TelegramErrors } from "../../support/telegram/fake-bot-api.ts";
import { customerWithTicket, startDesk, ticketNumberIn, type DeskHarness } from "./telegram-harness.ts";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);
const last = (messages: readonly Message[]): Message => {
  const message = messages.at(-1);
  if (!message) throw new Error("the bot sent nothing");
  return message;
};

describe("Telegram: a report in two actions", () => {
  it("takes a first message with the problem, a phone and an address to the summary, and submits it", async () => {
    const h = (harness = await startDesk({ classification: { confidence: 0.9 } }));
    const user = h.api.user({ first_name: "芳", last_name: "王", language_code: "zh-hans" });
    const chat = h.api.privateChat(user);
    const summary = last(await h.say(user, chat, "空调不制冷了，电话13800138000，地址上海市浦东新区张江路 100 号"));
    expect(summary.text).toContain("请核对您的报修信息");
    expect(summary.text).toContain("地址：上海市浦东新区张江路 100 号");
    const number = ticketNumberIn(await h.press(user, summary, payload.confirm));
    expect(await h.desk.core.show(number)).toMatchObject({ description: "空调不制冷了", phone: "13800138000", address: "上海市浦东新区张江路 100 号" });
  });
});

describe("Telegram: a file that could not be downloaded", () => {
  it("is reported as not saved and asked for again, and nothing broken is attached", async () => {
    const h = (harness = await startDesk());
    const { api } = h;
    const user = api.user({ first_name: "Bob", language_code: "en" });
    const chat = api.privateChat(user);
    api.addFile("photo-1", JPEG, { mimeType: "image/jpeg" });

    // The download itself fails: no "the file is attached", no report started around nothing.
    api.failNext("downloadFile", TelegramErrors.internalServerError());
    expect(textsOf(await h.deliver(() => api.sendPhoto(user, chat, "photo-1")))).toEqual(["That photo could not be received, so it was not saved. Please send it again."]);
    expect(((await h.stores.sessions.load("telegram", String(user.id))) as { dialog?: unknown } | null)?.dialog).toBeUndefined();
    expect(h.logs.find((entry) => entry.message === "telegram update failed")).toBeUndefined();
    // The bot token (in the download URL) is in no log line.
    expect(JSON.stringify(h.logs)).not.toContain("TEST-token");

    // Sent again, it arrives.
    expect(textsOf(await h.deliver(() => api.sendPhoto(user, chat, "photo-1")))).toEqual(["Got it, the file is attached. Now please describe the problem in a few words."]);
  });

  it("adds nothing to an open ticket when Telegram will not hand the file over", async () => {
    const h = (harness = await startDesk());
    const { user, chat, ticket } = await customerWithTicket(h);
    h.api.addFile("photo-2", JPEG, { mimeType: "image/jpeg" });
    h.api.failNext("getFile", { error_code: 400, description: "Bad Request: wrong file_id or the file is temporarily unavailable" });
    expect(textsOf(await h.deliver(() => h.api.sendPhoto(user, chat, "photo-2")))).toEqual([
      "That photo could not be received, so it was not saved. Please send it again.",
    ]);
    const view = await h.desk.core.show(ticket.number);
    expect(view.attachments).toEqual([]);
    expect(view.timeline.map((event) => event.type)).toEqual(["created"]);
  });
});

describe("Telegram: the name customers see for staff", () => {
  it("replaces an admin's placeholder with their Telegram name on their first message, once, and /name sets it", async () => {
    // Admin 4242 has never written to the bot: Telegram cannot tell their name at start-up.
    const h = (harness = await startDesk({ strictChats: true, bot: { adminTelegramIds: ["4242"] } }));
    const { api, desk } = h;
    const identity = { channel: "telegram" as const, externalId: "4242" };
    expect((await desk.core.staff.byIdentity(identity))?.name).toBe("Admin 4242");

    const boss = api.user({ id: 4242, first_name: "芳", last_name: "王", language_code: "en" });
    const chat = api.privateChat(boss);
    await h.say(boss, chat, "/queue");
    expect((await desk.core.staff.byIdentity(identity))?.name).toBe("芳 王");
    expect(h.logs.some((entry) => entry.message === "telegram update failed")).toBe(false);

    // Set by hand in chat; the profile name does not come back on later messages.
    expect(textsOf(await h.say(boss, chat, "/name 王芳"))).toEqual(["Done: customers now see you as 王芳."]);
    await h.say(boss, chat, "/queue");
    expect((await desk.core.staff.byIdentity(identity))?.name).toBe("王芳");

    // Someone added by id alone gets a placeholder too, and their Telegram name on their first message.
    expect(textsOf(await h.say(boss, chat, "/staff add 5555 technician"))).toEqual(["5555 is registered as technician."]);
    const tech = api.user({ id: 5555, first_name: "Ming", last_name: "Li", language_code: "en" });
    await h.say(tech, api.privateChat(tech), "/mine");
    expect((await desk.core.staff.byIdentity({ channel: "telegram", externalId: "5555" }))?.name).toBe("Ming Li");

    // The customer reads that name.
    const { user, ticket } = await customerWithTicket(h);
    await h.say(boss, chat, `/take ${ticket.number}`);
    const toCustomer = (await h.flushOutbox()).filter((message) => message.chat.id === user.id).map((message) => message.text);
    expect(toCustomer).toContain(`Your ticket ${ticket.number} has been assigned to 王芳.`);
  });

  it("keeps the name of an admin Telegram could name at start-up", async () => {
    const h = (harness = await startDesk());
    const identity = { channel: "telegram" as const, externalId: String(h.admin.id) };
    expect((await h.desk.core.staff.byIdentity(identity))?.name).toBe("Agnes");
    await h.say(h.api.user({ id: h.admin.id, first_name: "Someone", language_code: "en" }), h.api.privateChat(h.admin), "/queue");
    expect((await h.desk.core.staff.byIdentity(identity))?.name).toBe("Agnes");
  });
});
