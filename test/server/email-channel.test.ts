import { afterEach, describe, expect, it } from "vitest";
import { contactDesk } from "../support/contact-desk.ts";
import { startSmtpSink } from "../support/smtp-sink.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function withMail(options: { report?: Parameters<typeof contactDesk>[0]["report"]; env?: Record<string, string>; refuse?: string[] } = {}) {
  const smtp = await startSmtpSink(options.refuse ? { refuse: options.refuse } : {});
  cleanups.push(smtp.close);
  const desk = await contactDesk({
    env: { SMTP_URL: smtp.url, MAIL_FROM: "服务台 <desk@example.com>", ...options.env },
    cleanups,
    report: { email: "wang.fang@example.com", ...options.report },
  });
  return { ...desk, smtp };
}

describe("e-mail to portal customers who gave an address", () => {
  it("mails acceptance, reply, result and the survey link in the customer's language; the survey stands for the closing mail", async () => {
    const { core, worker, agent, ticket, smtp } = await withMail({ report: { language: "en" } });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await core.reply(ticket.number, "We will call you tomorrow morning.", agent);
    await core.changeStatus({ number: ticket.number, status: "resolved", note: "Replaced the capacitor", initiator: agent });
    await core.close(ticket.number, agent);
    await worker.runOnce();

    expect(smtp.mails.map((mail) => mail.subject)).toEqual([
      `Ticket ${ticket.number}: accepted`,
      `Ticket ${ticket.number}: a reply from our team`,
      `Ticket ${ticket.number}: resolved`,
      `Ticket ${ticket.number}: how did we do?`,
    ]);
    for (const mail of smtp.mails) {
      expect(mail.to).toEqual(["wang.fang@example.com"]);
      expect(mail.from).toBe("desk@example.com");
      expect(mail.text).toContain("Dear 王芳,");
      expect(mail.text).toContain(`Follow the ticket at https://desk.example.com/track/${ticket.number}`);
    }
    expect(smtp.mails[0]?.text).toContain(`Your ticket ${ticket.number} has been accepted.`);
    expect(smtp.mails[1]?.text).toContain("We will call you tomorrow morning.");
    const survey = smtp.mails[3]!;
    const link = /https:\/\/desk\.example\.com\/survey\/\S+/.exec(survey.text)?.[0];
    expect(link).toBeDefined();
    expect(survey.html).toContain(`<a href="${link}">`);
    // The link is the survey the ticket page would offer: it opens it.
    expect((await core.readSurvey(link!.split("/survey/")[1]!)).ticketNumber).toBe(ticket.number);
  });

  it("writes Traditional Chinese for a zh-Hant customer", async () => {
    const { core, worker, agent, ticket, smtp } = await withMail({ report: { language: "zh-Hant" } });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await worker.runOnce();
    expect(smtp.mails[0]?.subject).toBe(`工單 ${ticket.number}：已受理`);
    expect(smtp.mails[0]?.text).toContain("王芳，您好：");
  });

  it("mails nobody who gave no address, and nothing when SMTP is not configured", async () => {
    const { core, worker, agent, ticket, smtp, db } = await withMail({ report: { email: undefined } });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await worker.runOnce();
    expect(smtp.mails).toHaveLength(0);
    expect(await db.outboxMessage.count({ where: { channel: "email" } })).toBe(0);

    const unconfigured = await contactDesk({ env: {}, cleanups, report: { email: "wang.fang@example.com" } });
    await unconfigured.core.changeStatus({ number: unconfigured.ticket.number, status: "accepted", initiator: unconfigured.agent });
    expect(await unconfigured.db.outboxMessage.count({ where: { recipientKind: "customer" } })).toBe(0);
  });

  it("records an address the mail server refuses on the ticket, without the address in the note", async () => {
    const { core, worker, agent, ticket, smtp } = await withMail({ refuse: ["wang.fang@example.com"] });
    await core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await worker.runOnce();
    expect(smtp.mails).toHaveLength(0);
    const failure = (await core.show(ticket.number)).timeline.find((event) => event.type === "notification_failed");
    expect(failure).toMatchObject({ data: { channel: "email", notification: "customer.accepted" } });
    expect(failure?.note).toContain("550");
    expect(failure?.note).not.toContain("wang.fang");
  });

  it("refuses a malformed address at intake with the field named", async () => {
    const { core } = await withMail();
    await expect(core.intake({ name: "李雷", phone: "13912345678", description: "冰箱不制冷", channel: "api", email: "not-an-address" })).rejects.toMatchObject({
      code: "validation",
      params: { fields: ["email"], issues: [{ field: "email", problem: { kind: "email_invalid" } }] },
    });
  });
});
