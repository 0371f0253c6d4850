import { afterEach, describe, expect, it } from "vitest";
import type { PhoneCodes } from "../../../bot/shared/types.ts";
import { createWebhookSms } from "../../../server/sms/webhook-sms.ts";
import { createPhoneCodes } from "../../../server/sms/phone-codes.ts";
import { fakeSmsWebhook } from "../../support/fake-sms-gateways.ts";
import { startWechatDesk, ticketNumberIn, type WechatDesk } from "./wechat-harness.ts";

const PHONE = "13800138000";

/**
 * "Both": a customer is identified per channel. WeChat shares no verified phone, so a typed
 * phone never joins the WeChat account to the Telegram customer who holds that phone; a
 * phone confirmed with a one-time SMS code (through a fake SMS gateway over HTTP) does, and
 * then 查询 lists the customer's tickets from every channel.
 */
describe("WeChat customers and phones", { timeout: 60_000 }, () => {
  let h: WechatDesk;
  let gateway: Awaited<ReturnType<typeof fakeSmsWebhook>> | undefined;
  afterEach(async () => {
    await h?.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function telegramCustomerWithTicket(desk: WechatDesk["desk"]) {
    const { ticket } = await desk.core.intake({
      name: "Alice",
      phone: PHONE,
      description: "The kettle leaks at the bottom",
      channel: "telegram",
      language: "zh-Hans",
      identity: { channel: "telegram", externalId: "4242", phoneVerified: true },
    });
    return ticket;
  }

  async function reportUpToPhone(customer: ReturnType<WechatDesk["contact"]>) {
    await h.say(customer, "洗衣机不脱水，转一下就停了");
    await h.say(customer, "1");
    return h.say(customer, PHONE);
  }

  it("a typed phone does not join the Telegram customer with that phone (no SMS configured)", async () => {
    h = await startWechatDesk();
    const telegramTicket = await telegramCustomerWithTicket(h.desk);
    const customer = h.contact("Alice");
    const summary = await reportUpToPhone(customer);
    expect(summary.join("\n")).not.toContain("验证码");
    const number = ticketNumberIn(await h.say(customer, "1"));

    const ticket = await h.desk.stores.tickets.findByNumber(number);
    expect(ticket?.customerId).not.toBe(telegramTicket.customerId);
    const listed = await h.say(customer, "查询");
    expect(listed.join("\n")).toContain(number);
    expect(listed.join("\n")).not.toContain(telegramTicket.number);
  });

  it("with SMS, a wrong code and then the right one verify the phone: the ticket joins that customer, who sees every channel's tickets", async () => {
    gateway = await fakeSmsWebhook();
    const codes = ["246810"];
    const phoneCodes = createPhoneCodes({ provider: createWebhookSms({ url: gateway.url }), clock: { now: () => new Date() }, newCode: () => codes.shift() ?? "000000" }) as PhoneCodes;
    h = await startWechatDesk({ bot: { phoneCodes } });
    const telegramTicket = await telegramCustomerWithTicket(h.desk);
    const customer = h.contact("Alice");

    const asked = await reportUpToPhone(customer);
    expect(asked.at(-1)).toContain("验证码已通过短信发送至 138****8000");
    expect(asked.at(-1)).toMatch(/回复 1 跳过$/);
    expect(gateway.bodies).toHaveLength(1);
    expect(gateway.bodies[0]?.body).toMatchObject({ phone: PHONE, kind: "phone_code" });
    expect(gateway.bodies[0]?.body.text).toContain("246810");

    const wrong = await h.say(customer, "111111");
    expect(wrong.join("\n")).toContain("验证码不正确");
    const verified = await h.say(customer, "246810");
    expect(verified.join("\n")).toContain("手机号已验证");
    const number = ticketNumberIn(await h.say(customer, "1"));

    const ticket = await h.desk.stores.tickets.findByNumber(number);
    expect(ticket?.customerId).toBe(telegramTicket.customerId);
    const listed = (await h.say(customer, "查询")).join("\n");
    expect(listed).toContain(number);
    expect(listed).toContain(telegramTicket.number);
  });

  it("skipping the SMS code keeps the phone unverified: the ticket stays the WeChat account's own", async () => {
    gateway = await fakeSmsWebhook();
    const phoneCodes = createPhoneCodes({ provider: createWebhookSms({ url: gateway.url }), clock: { now: () => new Date() } }) as PhoneCodes;
    h = await startWechatDesk({ bot: { phoneCodes } });
    const telegramTicket = await telegramCustomerWithTicket(h.desk);
    const customer = h.contact("Alice");
    await reportUpToPhone(customer);
    const skipped = await h.say(customer, "1");
    expect(skipped.at(-1)).toMatch(/回复 1 提交/);
    const number = ticketNumberIn(await h.say(customer, "1"));
    expect((await h.desk.stores.tickets.findByNumber(number))?.customerId).not.toBe(telegramTicket.customerId);
  });

  it("a code that could not be sent is said, and the report goes on unverified", async () => {
    gateway = await fakeSmsWebhook({ answers: [{ status: 400, body: { error: "invalid number" } }] });
    const phoneCodes = createPhoneCodes({ provider: createWebhookSms({ url: gateway.url }), clock: { now: () => new Date() } }) as PhoneCodes;
    h = await startWechatDesk({ bot: { phoneCodes } });
    const customer = h.contact("Alice");
    const answer = (await reportUpToPhone(customer)).join("\n");
    expect(answer).toContain("验证短信暂时发送不了");
    expect(answer).toMatch(/回复 1 提交/);
  });
});
