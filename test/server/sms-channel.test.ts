import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { contactChannelsOf } from "../../server/contact-senders.ts";
import { contactDesk, TEST_PUBLIC_URL as PUBLIC_URL } from "../support/contact-desk.ts";
import { fakeAliyun, fakeSmsWebhook, fakeTencent } from "../support/fake-sms-gateways.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const ALIYUN_KEYS = { accessKeyId: "LTAI-test-id", accessKeySecret: "aliyun-test-secret" };
const TENCENT_KEYS = { secretId: "AKID-test-id", secretKey: "tencent-test-key" };

const desk = (env: Record<string, string>, start?: string) => contactDesk({ env, cleanups, ...(start ? { start } : {}) });

const ALIYUN_TEMPLATES = JSON.stringify({
  "customer.accepted": { code: "SMS_100001", params: { no: "number" } },
  "customer.scheduled": { code: "SMS_100002", params: { no: "number", time: "appointment" } },
  "customer.resolved": { code: "SMS_100003", params: { no: "number" } },
  "customer.survey": { code: "SMS_100004", params: { no: "number", url: "link" } },
});

describe("SMS through Aliyun", () => {
  it("sends the mapped template with its parameters to the phone on the ticket, signed as Aliyun checks it", async () => {
    const aliyun = await fakeAliyun(ALIYUN_KEYS);
    cleanups.push(aliyun.close);
    const { core, worker, agent, ticket, db } = await desk({
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: ALIYUN_KEYS.accessKeyId,
      SMS_ACCESS_KEY_SECRET: ALIYUN_KEYS.accessKeySecret,
      SMS_SIGN_NAME: "服务台",
      SMS_API_ROOT: aliyun.url,
      SMS_TEMPLATES: ALIYUN_TEMPLATES,
    });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await core.reply(ticket.number, "我们明天联系您。", agent); // not a kind SMS carries
    await core.changeStatus({ number: ticket.number, status: "resolved", note: "更换了电容", initiator: agent });
    await core.close(ticket.number, agent);
    await worker.runOnce();

    expect(aliyun.received.map((request) => request.signatureValid)).toEqual([true, true, true]);
    expect(aliyun.received.map(({ phone, templateCode, params }) => ({ phone, templateCode, params }))).toEqual([
      { phone: "13800138000", templateCode: "SMS_100001", params: { no: ticket.number } },
      { phone: "13800138000", templateCode: "SMS_100003", params: { no: ticket.number } },
      { phone: "13800138000", templateCode: "SMS_100004", params: { no: ticket.number, url: expect.stringMatching(/^https:\/\/desk\.example\.com\/survey\/[\w.-]+$/) } },
    ]);
    expect(aliyun.received[0]?.raw).toMatchObject({ Action: "SendSms", Version: "2017-05-25", SignName: "服务台", SignatureVersion: "1.0", Format: "JSON" });
    expect(await db.outboxMessage.count({ where: { channel: "sms", status: "sent" } })).toBe(3);
  });

  it("records a refusal on the ticket and tells the staff room; a throttled send is retried", async () => {
    const aliyun = await fakeAliyun({
      ...ALIYUN_KEYS,
      answers: [
        { status: 200, body: { Code: "isv.BUSINESS_LIMIT_CONTROL", Message: "触发分钟级流控" } },
        { status: 200, body: { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "非法手机号" } },
      ],
    });
    cleanups.push(aliyun.close);
    const { core, worker, agent, ticket, db, clock } = await desk({
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: ALIYUN_KEYS.accessKeyId,
      SMS_ACCESS_KEY_SECRET: ALIYUN_KEYS.accessKeySecret,
      SMS_SIGN_NAME: "服务台",
      SMS_API_ROOT: aliyun.url,
      SMS_TEMPLATES: ALIYUN_TEMPLATES,
    });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await worker.runOnce();
    expect(await db.outboxMessage.findFirst({ where: { channel: "sms" } })).toMatchObject({ status: "pending", attempts: 1 });
    clock.advance(1);
    await worker.runOnce();
    expect(await db.outboxMessage.findFirst({ where: { channel: "sms" } })).toMatchObject({ status: "failed" });

    const failure = (await core.show(ticket.number)).timeline.find((event) => event.type === "notification_failed");
    expect(failure).toMatchObject({ note: expect.stringContaining("isv.MOBILE_NUMBER_ILLEGAL"), data: { channel: "sms", recipient: "customer", notification: "customer.accepted" } });
    const told = await db.outboxMessage.findMany({ where: { recipientKind: "staff_room" } });
    expect(told.map((row) => JSON.parse(row.payload).kind)).toContain("staff.delivery_failed");
  });

  it("holds texts between 21:00 and 08:00 desk time until 08:00, without spending an attempt", async () => {
    const aliyun = await fakeAliyun(ALIYUN_KEYS);
    cleanups.push(aliyun.close);
    // 22:30 in Shanghai.
    const { core, worker, agent, ticket, db, clock } = await desk(
      {
        SMS_PROVIDER: "aliyun",
        SMS_ACCESS_KEY_ID: ALIYUN_KEYS.accessKeyId,
        SMS_ACCESS_KEY_SECRET: ALIYUN_KEYS.accessKeySecret,
        SMS_SIGN_NAME: "服务台",
        SMS_API_ROOT: aliyun.url,
        SMS_TEMPLATES: ALIYUN_TEMPLATES,
      },
      "2026-11-24T14:30:00Z",
    );
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await worker.runOnce();
    expect(aliyun.received).toHaveLength(0);
    const held = await db.outboxMessage.findFirstOrThrow({ where: { channel: "sms" } });
    expect(held).toMatchObject({ status: "pending", attempts: 0 });
    expect(held.nextAttemptAt.toISOString()).toBe("2026-11-25T00:00:00.000Z"); // 08:00 in Shanghai

    clock.set("2026-11-24T23:59:00Z"); // 07:59: still quiet, still not due
    await worker.runOnce();
    expect(aliyun.received).toHaveLength(0);
    clock.set("2026-11-25T00:00:00Z");
    await worker.runOnce();
    expect(aliyun.received).toHaveLength(1);
    expect(await db.outboxMessage.findFirstOrThrow({ where: { channel: "sms" } })).toMatchObject({ status: "sent" });
  });
});

describe("SMS through Tencent Cloud", () => {
  it("signs with TC3-HMAC-SHA256 and sends the template id with ordered parameters to +86…", async () => {
    const tencent = await fakeTencent(TENCENT_KEYS);
    cleanups.push(tencent.close);
    const { core, worker, agent, ticket, clock } = await desk({
      SMS_PROVIDER: "tencent",
      SMS_ACCESS_KEY_ID: TENCENT_KEYS.secretId,
      SMS_ACCESS_KEY_SECRET: TENCENT_KEYS.secretKey,
      SMS_SIGN_NAME: "服务台",
      SMS_APP_ID: "1400000001",
      SMS_API_ROOT: tencent.url,
      SMS_TEMPLATES: JSON.stringify({ "customer.accepted": { code: "2000001", params: ["number"] }, "customer.scheduled": { code: "2000002", params: ["number", "appointment"] } }),
    });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await core.take(ticket.number, agent);
    clock.advance(1);
    await core.changeStatus({ number: ticket.number, status: "scheduled", appointmentAt: new Date("2026-11-25T06:00:00Z"), initiator: agent });
    await worker.runOnce();
    expect(tencent.received.map(({ signatureValid, phone, templateCode, params }) => ({ signatureValid, phone, templateCode, params }))).toEqual([
      { signatureValid: true, phone: "+8613800138000", templateCode: "2000001", params: [ticket.number] },
      { signatureValid: true, phone: "+8613800138000", templateCode: "2000002", params: [ticket.number, "2026年11月25日 14:00"] },
    ]);
    expect(tencent.received[0]?.raw).toMatchObject({ SmsSdkAppId: "1400000001", SignName: "服务台" });
  });

  it("records a number the provider refuses on the ticket", async () => {
    const tencent = await fakeTencent({
      ...TENCENT_KEYS,
      answers: [{ status: 200, body: { Response: { SendStatusSet: [{ Code: "InvalidParameterValue.IncorrectPhoneNumber", Message: "incorrect number" }], RequestId: "r" } } }],
    });
    cleanups.push(tencent.close);
    const { core, worker, agent, ticket } = await desk({
      SMS_PROVIDER: "tencent",
      SMS_ACCESS_KEY_ID: TENCENT_KEYS.secretId,
      SMS_ACCESS_KEY_SECRET: TENCENT_KEYS.secretKey,
      SMS_SIGN_NAME: "服务台",
      SMS_APP_ID: "1400000001",
      SMS_API_ROOT: tencent.url,
      SMS_TEMPLATES: JSON.stringify({ "customer.accepted": { code: "2000001", params: ["number"] } }),
    });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await worker.runOnce();
    const failure = (await core.show(ticket.number)).timeline.find((event) => event.type === "notification_failed");
    expect(failure?.note).toContain("IncorrectPhoneNumber");
  });
});

describe("SMS through a webhook", () => {
  it("posts the phone and the rendered text once per message, only for the kinds SMS carries", async () => {
    const webhook = await fakeSmsWebhook();
    cleanups.push(webhook.close);
    const { core, worker, agent, ticket } = await desk({ SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: `${webhook.url}/sms`, SMS_WEBHOOK_TOKEN: "hook-token" });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await core.reply(ticket.number, "我们明天联系您。", agent);
    await core.changeStatus({ number: ticket.number, status: "resolved", note: "更换了电容", initiator: agent });
    await core.close(ticket.number, agent);
    await worker.runOnce();
    expect(webhook.bodies.map(({ body }) => body.kind)).toEqual(["customer.accepted", "customer.resolved", "customer.survey"]);
    expect(webhook.bodies[0]).toEqual({
      body: { phone: "13800138000", text: `您的工单 ${ticket.number} 已受理，我们会尽快与您联系。`, kind: "customer.accepted", ticketNumber: ticket.number },
      authorization: "Bearer hook-token",
    });
    expect(webhook.bodies[2]?.body.text).toMatch(/https:\/\/desk\.example\.com\/survey\/\S+$/);
  });

  it("sends no survey by SMS when PUBLIC_URL is unset (no link to localhost)", async () => {
    const webhook = await fakeSmsWebhook();
    cleanups.push(webhook.close);
    const { core, worker, agent, ticket } = await desk({ PUBLIC_URL: "", SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: webhook.url });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await core.close(ticket.number, agent);
    await worker.runOnce();
    expect(webhook.bodies.map(({ body }) => body.kind)).toEqual(["customer.accepted"]);
    expect(webhook.bodies.some(({ body }) => body.text.includes("localhost"))).toBe(false);
  });
});

describe("SMS settings", () => {
  it("refuses incomplete or unknown settings at start-up with what is missing", () => {
    expect(() => loadConfig({ SMS_PROVIDER: "aliyun" })).toThrow(/SMS_ACCESS_KEY_ID, SMS_ACCESS_KEY_SECRET, SMS_SIGN_NAME, SMS_TEMPLATES/);
    expect(() => loadConfig({ SMS_PROVIDER: "webhook" })).toThrow(/SMS_WEBHOOK_URL/);
    expect(() => loadConfig({ SMS_PROVIDER: "carrier-pigeon" })).toThrow(/aliyun, tencent or webhook/);
    const aliyun = { SMS_PROVIDER: "aliyun", SMS_ACCESS_KEY_ID: "a", SMS_ACCESS_KEY_SECRET: "b", SMS_SIGN_NAME: "c" };
    expect(() => loadConfig({ ...aliyun, SMS_TEMPLATES: JSON.stringify({ "customer.reply": { code: "SMS_1" } }) })).toThrow(/"customer.reply" is not sent by SMS/);
    expect(() => loadConfig({ ...aliyun, SMS_TEMPLATES: JSON.stringify({ "customer.accepted": { code: "SMS_1", params: { no: "phone" } } }) })).toThrow(/SMS_TEMPLATES/);
    expect(() => loadConfig({ SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(/MAIL_FROM/);
  });

  it("plans SMS only for the kinds the provider has templates for", () => {
    const config = loadConfig({
      PUBLIC_URL,
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: "a",
      SMS_ACCESS_KEY_SECRET: "b",
      SMS_SIGN_NAME: "c",
      SMS_TEMPLATES: JSON.stringify({ "customer.accepted": { code: "SMS_1", params: { no: "number" } }, "customer.survey": { code: "SMS_2", params: { url: "link" } } }),
    });
    expect(contactChannelsOf(config).sms).toEqual(["customer.accepted", "customer.survey"]);
    expect(contactChannelsOf({ ...config, publicUrlConfigured: false }).sms).toEqual(["customer.accepted"]);
  });
});
