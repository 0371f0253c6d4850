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
