import { describe, expect, it } from "vitest";
import { describeError, type AppError, type Initiator } from "../../../core/index.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

describe("a second chase within the hour", () => {
  async function chasedAt(start: string) {
    const desk = buildCore({ start });
    const { ticket } = await desk.core.intake(REPORT);
    const customer: Initiator = { actor: { kind: "customer", id: ticket.customerId }, channel: "portal" };
    await desk.core.chase(ticket.number, customer);
    desk.clock.advance(15);
    return desk.core.chase(ticket.number, customer).then(
      () => null,
      (error: AppError) => error,
    );
  }

  it("says from what time the customer may chase again, in each language", async () => {
    const error = await chasedAt("2026-11-24T02:10:00Z"); // 10:10 in Shanghai
    expect(error?.code).toBe("rate_limited");
    expect(error?.params.retryAfterSeconds).toBe(45 * 60);
    expect(describeError("en", error).message).toBe("You chased this ticket less than an hour ago; the team has your reminder. You can chase it again from 11:10.");
    expect(describeError("zh-Hans", error).message).toBe("您一小时内已催过此工单，服务台已收到提醒。11:10 起可再次催单。");
    expect(describeError("zh-Hant", error).message).toBe("您一小時內已催過此工單，服務台已收到提醒。11:10 起可再次催單。");
  });

  it("names the day too when that time is tomorrow", async () => {
    const error = await chasedAt("2026-11-24T15:30:00Z"); // 23:30 in Shanghai
    expect(describeError("en", error).message).toContain("You can chase it again from 25 Nov 2026, 00:30.");
    expect(describeError("zh-Hans", error).message).toContain("2026年11月25日 00:30 起可再次催单。");
  });
});
