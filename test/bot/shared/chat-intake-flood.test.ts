import { describe, expect, it } from "vitest";
import { payload } from "../../../bot/shared/payloads.ts";
import type { DialogResult, InboundMessage } from "../../../bot/shared/types.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";
import { textOnlyDialog } from "../support/memory-bot-stores.ts";

/**
 * A flood from one chat account: 1,000 messages within a minute (fake clock), alternating a
 * complete report in one message and a press of the summary's confirm button. At most the
 * limit becomes tickets; every message is answered; the held ones say from when a new report
 * is taken, in the customer's language.
 */
function flood(language: "en" | "zh-hans" | "zh-hant") {
  const desk = buildCore({ settings: { chatIntakeLimit: { reports: 5, windowSeconds: 3600 } } });
  const dialog = textOnlyDialog(desk.core);
  const sender = { id: `flood-${language}`, displayName: "Lin", languageHint: language };
  let stored: unknown = null;
  let sequence = 0;
  async function send(input: Partial<InboundMessage>): Promise<DialogResult> {
    sequence++;
    const message: InboundMessage = { channel: "telegram", eventId: String(sequence), sender, chat: { kind: "private", id: sender.id }, messageId: String(sequence), attachments: [], ...input };
    const result = await dialog.handle(message, stored);
    stored = JSON.parse(JSON.stringify(result.session)) as unknown;
    return result;
  }
  return { desk, send };
}

const HELD: Record<"en" | "zh-hans" | "zh-hant", RegExp> = {
  en: /we already have 5 new reports from you.*You can report another problem from 11:00/s,
  "zh-hans": /已收到您的 5 个新报修.*您可以在 11:00 之后再报修/s,
  "zh-hant": /已收到您的 5 個新報修.*您可以在 11:00 之後再報修/s,
};

describe("a flood of reports from one chat account", () => {
  for (const language of ["en", "zh-hans", "zh-hant"] as const) {
    it(`opens at most the limit of tickets from 1,000 messages in a minute, answering each (${language})`, async () => {
      const { desk, send } = flood(language);
      let held = 0;
      for (let index = 0; index < 1000; index++) {
        // 1,000 messages within 60 s of desk time.
        desk.clock.set(new Date(Date.parse("2026-11-24T02:00:00Z") + index * 60));
        const result =
          index % 2 === 0
            ? await send({ text: `/report My washer number ${index} leaks water on the floor, phone 138 0013 8000` })
            : await send({ button: payload.confirm });
        const text = result.replies.map((reply) => reply.text).join("\n") + (result.toast ?? "");
        expect(text.length, `message ${index} was not answered`).toBeGreaterThan(0);
        if (HELD[language].test(text)) held++;
      }
      const { total } = await desk.deps.tickets.list({});
      expect(total).toBe(5);
      // Every later report (a text) was held with the time the oldest of the five leaves the hour.
      expect(held).toBeGreaterThanOrEqual(495);

      // An hour after the first report, one more is taken.
      desk.clock.set("2026-11-24T03:00:01Z");
      await send({ text: "/report The dryer is silent now, phone 138 0013 8000" });
      const accepted = await send({ button: payload.confirm });
      expect(accepted.replies.map((reply) => reply.text).join("\n")).toMatch(/SR\d{12}/);
      expect((await desk.deps.tickets.list({})).total).toBe(6);
    });
  }

  it("does not count another account, nor reports on the portal", async () => {
    const { desk, send } = flood("en");
    for (let index = 0; index < 5; index++) {
      await desk.core.intake({ name: "Web", phone: "13800138000", description: `Portal report ${index} about the fridge`, channel: "portal", language: "en" });
    }
    await send({ text: "My washer leaks water on the floor, phone 138 0013 8000" });
    const accepted = await send({ button: payload.confirm });
    expect(accepted.replies.map((reply) => reply.text).join("\n")).toMatch(/SR\d{12}/);
  });

  it("answers a redelivered report with its ticket, not with the limit", async () => {
    const { desk } = flood("en");
    const identity = { channel: "telegram" as const, externalId: "redelivered", phoneVerified: false };
    const report = (index: number) => ({ name: "Lin", phone: "13800138000", description: `The oven number ${index} does not heat`, channel: "telegram" as const, language: "en" as const, identity, sourceMessageId: `chat:${index}` });
    for (let index = 0; index < 5; index++) await desk.core.intake(report(index));
    const again = await desk.core.intake(report(4));
    expect(again.created).toBe(false);
    await expect(desk.core.intake(report(5))).rejects.toMatchObject({ code: "rate_limited", params: { reason: "chat_intake" } });
  });
});
