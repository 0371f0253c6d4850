import { afterEach, describe, expect, it } from "vitest";
import { payload } from "../../../bot/shared/payloads.ts";
import { buttonData, startDesk, type DeskHarness } from "./telegram-harness.ts";

/** The chat intake limit through the real grammY bot against the fake Bot API over HTTP. */
describe("a Telegram customer who floods the desk with reports", () => {
  let h: DeskHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("gets at most the limit of tickets; every message is answered and the bot goes on", async () => {
    h = await startDesk({ classification: { confidence: 0.9 }, settings: { chatIntakeLimit: { reports: 3, windowSeconds: 3600 } } });
    const user = h.api.user({ first_name: "Zhou", language_code: "en" });
    const chat = h.api.privateChat(user);
    let held = 0;
    for (let index = 0; index < 12; index++) {
      const replies = await h.say(user, chat, `/report The heater number ${index} clicks and stays cold, phone 138 0013 8000`);
      expect(replies.length, `report ${index} was not answered`).toBeGreaterThan(0);
      const text = replies.map((message) => message.text ?? "").join("\n");
      if (/we already have 3 new reports from you/.test(text)) {
        held++;
        continue;
      }
      const summary = replies.find((message) => message.reply_markup?.inline_keyboard.flat().some((button) => "callback_data" in button && button.callback_data === payload.confirm));
      const confirmed = await h.press(user, summary!, buttonData(summary, payload.confirm));
      expect(confirmed.length).toBeGreaterThan(0);
    }
    expect(held).toBe(9);
    expect(await h.desk.db.ticket.count()).toBe(3);
    // Still answering, with the customer's tickets.
    expect((await h.say(user, chat, "/status")).length).toBeGreaterThan(0);
  });
});
