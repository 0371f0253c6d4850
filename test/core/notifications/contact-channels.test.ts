import { describe, expect, it } from "vitest";
import { renderNotification } from "../../../core/i18n/render-notification.ts";
import { quietHoursEnd } from "../../../core/notifications/quiet-hours.ts";
import { EMAIL_KINDS, SMS_KINDS, type ContactChannels } from "../../../core/notifications/contact-channels.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

const ALL: ContactChannels = { sms: SMS_KINDS, email: EMAIL_KINDS };

async function outboxOf(fixture: ReturnType<typeof buildCore>, ticketId: string) {
  return Promise.resolve(fixture.stores.outbox.filter((message) => message.ticketId === ticketId));
}

describe("who hears about a portal or API ticket", () => {
  it("gets SMS for acceptance, the visit, the result and the survey, and e-mail at each step, when both are configured", async () => {
    const fixture = buildCore({ settings: { contactChannels: ALL } });
    const agent = await fixture.addStaff("林工", "agent");
    const { ticket } = await fixture.core.intake({ ...REPORT, email: "wang.fang@example.com" });
    await fixture.core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    await fixture.core.reply(ticket.number, "明天上午联系您", agent);
    await fixture.core.changeStatus({ number: ticket.number, status: "resolved", note: "更换电容", initiator: agent });
    await fixture.core.close(ticket.number, agent);
    const messages = (await outboxOf(fixture, ticket.id)).filter((message) => message.recipient.kind === "customer");
    const by = (channel: string) => messages.filter((message) => message.channel === channel).map((message) => message.notification.kind);
    expect(by("sms")).toEqual(["customer.accepted", "customer.resolved", "customer.survey"]);
    expect(by("email")).toEqual(["customer.accepted", "customer.reply", "customer.resolved", "customer.survey"]);
    expect(by("portal")).toEqual([]);
  });

  it("gets nothing pushed when no contact channel is configured, and no e-mail without an address", async () => {
    const fixture = buildCore();
    const agent = await fixture.addStaff("林工", "agent");
    const { ticket } = await fixture.core.intake({ ...REPORT, email: "wang.fang@example.com" });
    await fixture.core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    expect((await outboxOf(fixture, ticket.id)).filter((message) => message.recipient.kind === "customer")).toEqual([]);

    const withSms = buildCore({ settings: { contactChannels: ALL } });
    const other = await withSms.addStaff("林工", "agent");
    const noAddress = await withSms.core.intake(REPORT);
    await withSms.core.changeStatus({ number: noAddress.ticket.number, status: "accepted", initiator: other });
    expect((await outboxOf(withSms, noAddress.ticket.id)).filter((message) => message.recipient.kind === "customer").map((message) => message.channel)).toEqual(["sms"]);
  });

  it("keeps chat customers on their chat", async () => {
    const fixture = buildCore({ settings: { contactChannels: ALL } });
    const agent = await fixture.addStaff("林工", "agent");
    const { ticket } = await fixture.core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "42" } });
    await fixture.core.changeStatus({ number: ticket.number, status: "accepted", initiator: agent });
    const channels = (await outboxOf(fixture, ticket.id)).filter((message) => message.recipient.kind === "customer").map((message) => message.channel);
    expect(channels).toEqual(["telegram"]);
  });
});

describe("the survey without a public address", () => {
  it("asks for a score with no link (buttons answer it), never a localhost link", () => {
    const notification = { kind: "customer.survey" as const, number: "SR202611240001", surveyId: "s1", surveyToken: "tok.en" };
    const rendered = renderNotification("en", notification, { timeZone: "Asia/Shanghai", publicUrl: null });
    expect(rendered.text).toBe("How satisfied are you with how ticket SR202611240001 was handled? Rate us from 1 (poor) to 5 (excellent).");
    expect(rendered.links).toBeUndefined();
    expect(rendered.buttons).toHaveLength(5);
    expect(renderNotification("zh-Hans", { ...notification, kind: "customer.survey_reminder" }, { timeZone: "Asia/Shanghai", publicUrl: null }).text).not.toMatch(/http|\{/);
  });
});

describe("SMS quiet hours", () => {
  it("holds from 21:00 until 08:00 desk time, and lets daytime through", () => {
    const zone = "Asia/Shanghai";
    expect(quietHoursEnd(new Date("2026-11-24T12:59:00Z"), zone)).toBeNull(); // 20:59
    expect(quietHoursEnd(new Date("2026-11-24T13:00:00Z"), zone)?.toISOString()).toBe("2026-11-25T00:00:00.000Z"); // 21:00 → 08:00 next day
    expect(quietHoursEnd(new Date("2026-11-24T19:30:00Z"), zone)?.toISOString()).toBe("2026-11-25T00:00:00.000Z"); // 03:30 → 08:00 same day
    expect(quietHoursEnd(new Date("2026-11-25T00:00:00Z"), zone)).toBeNull(); // 08:00
    expect(quietHoursEnd(new Date("2026-11-24T22:00:00Z"), "Europe/Berlin")?.toISOString()).toBe("2026-11-25T07:00:00.000Z"); // the desk's own zone
  });
});
