import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../fakes/fake-clock.ts";
import { startPortalServer, type PortalServer } from "../portal/support.ts";
import { fakeWecomApi, TEST_AES_KEY, TEST_CALLBACK_TOKEN, TEST_CORP_ID, TEST_SECRET, type FakeWecomApi } from "../support/wecom/fake-wecom-api.ts";
import { addStaff, staffBrowser } from "./support.ts";

/**
 * The notice after a reply says it reaches the customer only when the reply was planned to go
 * out to them: a WeCom customer while WeCom runs, not a Telegram customer while no bot runs.
 */
const clock = new FakeClock("2026-11-24T02:00:00Z");
let api: FakeWecomApi;
let server: PortalServer;

beforeAll(async () => {
  api = await fakeWecomApi();
  // WeCom customer service on (against a fake API), no Telegram bot.
  server = await startPortalServer({
    clock,
    env: { WECOM_CORP_ID: TEST_CORP_ID, WECOM_KF_SECRET: TEST_SECRET, WECOM_KF_TOKEN: TEST_CALLBACK_TOKEN, WECOM_KF_AES_KEY: TEST_AES_KEY, WECOM_API_ROOT: api.url },
  });
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

async function replyOn(channel: "wecom" | "telegram", externalId: string): Promise<{ notice: string; customerRows: number }> {
  const { ticket } = await server.desk.core.intake({ name: "钱多多", phone: "13800138021", description: "洗衣机不排水", channel, identity: { channel, externalId } });
  const member = await addStaff(server, `Reply Agent ${channel}`, "agent");
  const browser = staffBrowser(server);
  await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);
  const path = `/staff/tickets/${ticket.number}`;
  const done = await browser.post(path, { action: "reply", text: "师傅明天下午两点上门。" });
  expect(done.status).toBe(303);
  const page = await (await browser.get(done.headers.get("location") ?? "")).text();
  const rows = await server.desk.db.outboxMessage.findMany({ where: { ticketId: ticket.id, recipientKind: "customer" } });
  const customerRows = rows.filter((row) => row.payload.includes("customer.reply")).length;
  return { notice: page, customerRows };
}

describe("the notice after a reply", () => {
  it("says a WeCom customer gets it, as the outbox row planned for WeCom shows", async () => {
    const { notice, customerRows } = await replyOn("wecom", "wm-reply-customer");
    expect(customerRows).toBe(1);
    expect(notice).toContain("Your reply is on the ticket and queued for the customer.");
  });

  it("says a Telegram customer reads it on the ticket page while no Telegram bot runs", async () => {
    const { notice, customerRows } = await replyOn("telegram", "4242");
    expect(customerRows).toBe(0);
    expect(notice).toContain("the customer reads it on their ticket page");
  });
});
