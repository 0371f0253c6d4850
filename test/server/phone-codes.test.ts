import { afterEach, describe, expect, it } from "vitest";
import { createPhoneCodes, PHONE_CODE_TTL_MS } from "../../server/sms/phone-codes.ts";
import { createWebhookSms } from "../../server/sms/webhook-sms.ts";
import type { SmsProvider } from "../../server/sms/sms-provider.ts";
import { FakeClock } from "../fakes/fake-clock.ts";
import { fakeSmsWebhook } from "../support/fake-sms-gateways.ts";

describe("one-time SMS codes for typed phones", () => {
  let gateway: Awaited<ReturnType<typeof fakeSmsWebhook>> | undefined;
  afterEach(async () => gateway?.close());

  it("sends the code by SMS, keeps only a challenge, and checks code, phone and expiry", async () => {
    gateway = await fakeSmsWebhook();
    const clock = new FakeClock("2026-11-24T02:00:00Z");
    const codes = createPhoneCodes({ provider: createWebhookSms({ url: gateway.url }), clock, newCode: () => "135790" });
    const sent = await codes?.send("13800138000", "en");
    if (!sent?.sent) throw new Error("not sent");
    expect(sent.challenge).not.toContain("135790");
    expect(gateway.bodies[0]?.body.text).toContain("Your verification code is 135790");
    const check = (code: string, phone = "13800138000", now = clock.now()) => codes?.check({ challenge: sent.challenge, phone, code, now });
    expect(check("135790")).toBe("ok");
    expect(check("135791")).toBe("wrong");
    expect(check("135790", "13900139000")).toBe("wrong");
    expect(check("135790", "13800138000", new Date(clock.now().getTime() + PHONE_CODE_TTL_MS + 1))).toBe("expired");
    expect(codes?.check({ challenge: "garbage", phone: "13800138000", code: "135790", now: clock.now() })).toBe("expired");
  });

  it("is off for a template gateway without SMS_VERIFY_TEMPLATE, and fills the template's one parameter when set", async () => {
    const requests: unknown[] = [];
    const provider: SmsProvider = { name: "aliyun", needsTemplates: true, send: async (request) => (requests.push(request), { status: "sent" }) };
    const clock = new FakeClock();
    expect(createPhoneCodes({ provider, clock })).toBeNull();
    const codes = createPhoneCodes({ provider, clock, templateCode: "SMS_900", newCode: () => "424242" });
    await codes?.send("13800138000", "zh-Hans");
    expect(requests[0]).toMatchObject({ template: { code: "SMS_900", params: { code: "424242" } }, kind: "phone_code" });
  });

  it("answers not sent when the gateway refuses", async () => {
    gateway = await fakeSmsWebhook({ answers: [{ status: 400, body: { error: "bad number" } }] });
    const codes = createPhoneCodes({ provider: createWebhookSms({ url: gateway.url }), clock: new FakeClock() });
    const sent = await codes?.send("13800138000", "zh-Hans");
    expect(sent).toMatchObject({ sent: false });
  });
});
