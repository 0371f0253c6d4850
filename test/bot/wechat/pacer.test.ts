import { describe, expect, it } from "vitest";
import { createPacer } from "../../../bot/wechat/pacer.ts";
import { fakePacingClock } from "./wechat-harness.ts";

describe("the WeChat account's pacing (injected clock)", () => {
  it("starts sends at least the interval apart, in order, also when asked for all at once", async () => {
    const clock = fakePacingClock(0);
    const pacer = createPacer({ intervalMs: 1000, clock });
    const started: [string, number][] = [];
    const send = (name: string) => pacer.run(async () => void started.push([name, clock.now()]));
    await Promise.all(["a", "b", "c", "d"].map(send));
    expect(started).toEqual([
      ["a", 0],
      ["b", 1000],
      ["c", 2000],
      ["d", 3000],
    ]);
  });

  it("does not wait when the previous send is long past, and a failed send does not stop the next", async () => {
    const clock = fakePacingClock(0);
    const pacer = createPacer({ intervalMs: 2500, clock });
    await expect(pacer.run(async () => Promise.reject(new Error("puppet hiccup")))).rejects.toThrow("puppet hiccup");
    await clock.sleep(10_000);
    const before = clock.sleeps.length;
    await pacer.run(async () => undefined);
    expect(clock.sleeps.length).toBe(before);
    await pacer.run(async () => undefined);
    expect(clock.sleeps.at(-1)).toBe(2500);
  });
});
