import { GrammyError } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { maskError } from "../../../bot/telegram/mask-error.ts";
import type { TelegramErrorBody } from "../../support/telegram/errors.ts";
import { startDesk, type DeskHarness } from "./telegram-harness.ts";

describe("maskError", () => {
  it("never throws on a Bot API error without a description (a bare HTTP 500)", () => {
    const error = new GrammyError("Call to 'setMyCommands' failed!", { ok: false, error_code: 500 } as never, "setMyCommands", {});
    expect(maskError(error)).toEqual({ message: expect.stringContaining("setMyCommands") as unknown as string, code: 500 });
  });

  it("still masks phone numbers", () => {
    expect(maskError(new Error("chat 13912345678 not found")).message).toBe("chat 139****5678 not found");
    expect(maskError(undefined).message).toBe("undefined");
  });
});

describe("a Bot API that fails setMyCommands with a bare HTTP 500", () => {
  let h: DeskHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("does not stop the bot from starting and answering", async () => {
    h = await startDesk();
    h.api.failNext("setMyCommands", { error_code: 500 } as TelegramErrorBody, { times: Infinity });
    await h.restart();
    const user = h.api.user({ first_name: "Li", language_code: "en" });
    const chat = h.api.privateChat(user);
    const replies = await h.say(user, chat, "/help");
    expect(replies.length).toBeGreaterThan(0);
  });
});
