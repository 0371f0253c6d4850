import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../fakes/fake-clock.ts";
import { fakeAliyun } from "../support/fake-sms-gateways.ts";
import { startSmtpSink } from "../support/smtp-sink.ts";
import { cookieJar, hiddenValue, startPortalServer, type PortalServer } from "./support.ts";

/**
 * Seed 001 end to end: a customer reports on the portal (over HTTP, the production
 * composition), staff accept, resolve and close the ticket, and the customer hears about
 * each step by SMS (a fake Aliyun gateway that checks signatures) and e-mail (a local SMTP
 * server), in their language, with the survey link on the desk's public address.
 */
const KEYS = { accessKeyId: "LTAI-e2e", accessKeySecret: "e2e-secret" };
let server: PortalServer;
let aliyun: Awaited<ReturnType<typeof fakeAliyun>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
// 10:00 in Shanghai: inside SMS hours.
const clock = new FakeClock("2026-11-24T02:00:00Z");

beforeAll(async () => {
  aliyun = await fakeAliyun(KEYS);
  smtp = await startSmtpSink();
  server = await startPortalServer({
    clock,
    env: {
      PUBLIC_URL: "https://desk.example.com",
      SMS_PROVIDER: "aliyun",
      SMS_ACCESS_KEY_ID: KEYS.accessKeyId,
      SMS_ACCESS_KEY_SECRET: KEYS.accessKeySecret,
      SMS_SIGN_NAME: "服务台",
      SMS_API_ROOT: aliyun.url,
      SMS_TEMPLATES: JSON.stringify({
        "customer.accepted": { code: "SMS_ACCEPTED", params: { no: "number" } },
        "customer.resolved": { code: "SMS_RESOLVED", params: { no: "number" } },
        "customer.survey": { code: "SMS_SURVEY", params: { no: "number", url: "link" } },
      }),
      SMTP_URL: smtp.url,
      MAIL_FROM: "Service Desk <desk@example.com>",
    },
  });
});
afterAll(async () => {
  await server?.close();
  await aliyun?.close();
  await smtp?.close();
});

describe("a portal customer with SMS and e-mail configured", () => {
  it("is told on the page what will be sent, then gets acceptance, result and survey by SMS and e-mail", async () => {
    const jar = cookieJar();
    const formPage = await fetch(`${server.baseUrl}/report`, { headers: { "accept-language": "en" } });
    jar.store(formPage);
    const html = await formPage.text();
    expect(html).toContain('name="email"');
    const form = new FormData();
    form.set("csrf", hiddenValue(html, "csrf"));
    form.set("formId", hiddenValue(html, "formId"));
    form.set("name", "Wang Fang");
    form.set("phone", "138 0013 8000");
    form.set("email", "wang.fang@example.com");
    form.set("description", "The washer does not spin, code E3");
    const created = await fetch(`${server.baseUrl}/report`, { method: "POST", body: form, redirect: "manual", headers: { origin: server.baseUrl, cookie: jar.header(), "accept-language": "en" } });
    expect(created.status).toBe(201);
    const page = await created.text();
    const number = /data-testid="ticket-number">(SR\d{12})</.exec(page)?.[1];
    expect(number).toBeDefined();
    expect(page).toContain("We will text 138****8000 when: the ticket is accepted, it is resolved, we ask for your rating.");
    expect(page).toContain("We will e-mail w***@example.com when:");

    const { core } = server.desk;
    const agent = await core.registerStaff({ name: "Lin", role: "agent" }, null);
    const initiator = { actor: { kind: "staff" as const, id: agent.id, name: "Lin" }, channel: "api" as const };
    await core.changeStatus({ number: number!, status: "accepted", initiator });
    clock.advance(60);
    await core.changeStatus({ number: number!, status: "resolved", note: "Replaced the drain pump", initiator });
    clock.advance(60);
    await core.close(number!, initiator);
    await server.desk.outbox.runOnce();

    expect(aliyun.received.every((request) => request.signatureValid)).toBe(true);
    expect(aliyun.received.map((request) => [request.phone, request.templateCode])).toEqual([
      ["13800138000", "SMS_ACCEPTED"],
      ["13800138000", "SMS_RESOLVED"],
      ["13800138000", "SMS_SURVEY"],
    ]);
    const smsLink = (aliyun.received[2]?.params as { url: string }).url;
    expect(smsLink).toMatch(/^https:\/\/desk\.example\.com\/survey\/\S+$/);

    expect(smtp.mails.map((mail) => mail.subject)).toEqual([`Ticket ${number}: accepted`, `Ticket ${number}: resolved`, `Ticket ${number}: how did we do?`]);
    expect(smtp.mails.every((mail) => mail.to[0] === "wang.fang@example.com")).toBe(true);
    expect(smtp.mails[2]?.text).toContain(smsLink);

    // The link opens the survey page on the desk.
    const survey = await fetch(`${server.baseUrl}${new URL(smsLink).pathname}`, { headers: { "accept-language": "en" } });
    expect(survey.status).toBe(200);
    expect(await survey.text()).toContain(number);
  });
});
