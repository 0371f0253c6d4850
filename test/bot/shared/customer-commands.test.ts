import { describe, expect, it } from "vitest";
import { CUSTOMER_COMMANDS, customerHelp } from "../../../bot/shared/customer-commands/index.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";
import { textOnlyDialog } from "../support/memory-bot-stores.ts";

const HELP_EN = [
  "/report – report a fault (or just describe the problem)",
  "/status – your open tickets; /status <number> – one ticket",
  "/chase <number> – remind us about a ticket",
  "/fixed [number] – the problem is solved (closes the ticket); /notfixed [number] – it is not",
  "/faq [words] – answers to common questions",
  "/lang en | zh-hans | zh-hant – change the language",
  "/cancel – drop the report in progress; /cancel <number> – cancel your ticket",
].join("\n");

describe("the customer command registry", () => {
  it("names each command once and lists the listed ones in /help, in every language", () => {
    const names = CUSTOMER_COMMANDS.flatMap((command) => [command.name, ...(command.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    expect(customerHelp("en")).toBe(HELP_EN);
    expect(customerHelp("zh-Hant").split("\n")[2]).toBe("/chase <單號> – 催單");
  });

  it("answers /help, an alias and a command no record claims", async () => {
    const desk = buildCore();
    const dialog = textOnlyDialog(desk.core);
    let sequence = 0;
    const say = async (text: string) => {
      sequence++;
      const sender = { id: "7", displayName: "Lin", languageHint: "en" };
      const message = { channel: "telegram" as const, eventId: String(sequence), sender, chat: { kind: "private" as const, id: "7" }, messageId: String(sequence), attachments: [], text };
      return (await dialog.handle(message, null)).replies.map((reply) => reply.text);
    };
    expect(await say("/help")).toEqual([HELP_EN]);
    expect(await say("/frobnicate")).toEqual([HELP_EN]);
    expect(await say("/menu")).toEqual(await say("/start"));
    expect(await say("/language zh-hant")).toEqual(["已切換為繁體中文。"]);
  });
});
