import { describe, expect, it } from "vitest";
import { findChromium } from "./chromium.ts";

describe("findChromium", () => {
  it("finds the browser at CHROMIUM_PATH", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toEqual({ status: "found", path: process.execPath });
  });

  it("skips the browser tests locally when it is missing, and fails them in CI", () => {
    expect(findChromium({ CHROMIUM_PATH: "/no/such/chromium" })).toMatchObject({ status: "skip", reason: expect.stringContaining("/no/such/chromium is missing") });
    expect(findChromium({ CHROMIUM_PATH: "/no/such/chromium", CI: "false" })).toMatchObject({ status: "skip" });
    expect(findChromium({ CHROMIUM_PATH: "/no/such/chromium", CI: "true" })).toMatchObject({ status: "fail", reason: expect.stringMatching(/cannot run in CI: .*apt-get install chromium/) });
  });
});
