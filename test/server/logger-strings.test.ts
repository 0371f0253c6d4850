import { describe, expect, it } from "vitest";
import { captureLogs } from "../support/capture-logs.ts";

describe("errors logged as text", () => {
  it("stay one masked string, not one field per character", () => {
    const { logger, entries } = captureLogs("info");
    // What the Telegram adapter logs for a failed call: the error's message or description.
    logger.warn({ err: "Call to 'sendMessage' failed! (400: chat 13800138000 not found)" }, "could not send a photo");
    logger.warn({ err: undefined, error: 42 }, "odd values pass through");
    const [text, odd] = entries();
    expect(text?.err).toBe("Call to 'sendMessage' failed! (400: chat 138****8000 not found)");
    expect(odd?.error).toBe(42);
  });

  it("still serialize real errors with their message masked", () => {
    const { logger, entries } = captureLogs("info");
    logger.error({ err: new Error("no customer with phone 13800138000") }, "failed");
    expect(entries()[0]?.err).toMatchObject({ type: "Error", message: "no customer with phone 138****8000" });
  });
});
