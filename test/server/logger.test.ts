import { describe, expect, it } from "vitest";
import { maskDigits } from "../../server/logger.ts";
import { captureLogs } from "../support/capture-logs.ts";

function capture() {
  const { logger, lines } = captureLogs();
  return { logger, output: () => lines.join("") };
}

describe("logs keep personal data out", () => {
  it("redacts phone and address fields", () => {
    const { logger, output } = capture();
    logger.info({ phone: "13800138000", ticket: { address: "上海市浦东新区张江路 100 号", number: "SR202611240001" } }, "intake");
    expect(output()).not.toContain("13800138000");
    expect(output()).not.toContain("张江路");
    expect(output()).toContain("SR202611240001");
  });

  it("masks phones and addresses quoted inside error messages and stacks", () => {
    const { logger, output } = capture();
    const error = Object.assign(new Error('Invalid value for phone: "13800138000", address: "上海市浦东新区张江路 100 号"'), { meta: { args: { phone: "13800138000" } } });
    logger.error({ err: error }, "request failed");
    expect(output()).not.toContain("13800138000");
    expect(output()).not.toContain("张江路");
    expect(output()).toContain("138****8000");
  });

  it("keeps ticket numbers readable when masking digits in paths", () => {
    expect(maskDigits("/api/tickets/SR202611240001?phone=13800138000")).toBe("/api/tickets/SR202611240001?phone=[masked]");
    expect(maskDigits("call 13800138000 now")).toBe("call 138****8000 now");
    expect(maskDigits("/survey/c3VydmV5.abcdef123")).toBe("/survey/[token]");
    expect(maskDigits("/api/surveys/c3VydmV5.abcdef123")).toBe("/api/surveys/[token]");
  });
});
