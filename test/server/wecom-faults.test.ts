import { afterEach, describe, expect, it } from "vitest";
import { describeEvent } from "../../core/i18n/describe-event.ts";
import { fakeSmsWebhook } from "../support/fake-sms-gateways.ts";
import { signedCallback, TEST_OPEN_KFID } from "../support/wecom/fake-wecom-api.ts";
import { CUSTOMER, wecomDesk } from "../support/wecom/wecom-desk.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const OTHER_KFID = "wk-other-account";
const OTHER_CUSTOMER = "wm-customer-2";

function textMessage(msgid: string, openKfid: string, user: string, content: string) {
  return { msgid, open_kfid: openKfid, external_userid: user, send_time: 1764640800, origin: 3, msgtype: "text", text: { content } };
}

describe("WeCom customer service: faults", () => {
  it("keeps the cursor before a message whose handling failed, and handles it on the next pull exactly once", async () => {
    const desk = await wecomDesk({ cleanups });
    desk.api.failNextSend(-1); // system busy: the reply cannot go

    expect(await desk.customerSays("/start")).toEqual([]);
    expect(await desk.stores.settingsStore.get(`wecom.cursor.${TEST_OPEN_KFID}`)).toBeNull();

    // WeCom's next callback (or the desk's next pull) fetches it again from the old cursor.
    await desk.postCallback(signedCallback({ nonce: "again" }));
    expect(desk.api.messages()).toHaveLength(1);
    expect(desk.api.messages()[0]).toMatchObject({ touser: CUSTOMER, open_kfid: TEST_OPEN_KFID });
    expect(await desk.stores.settingsStore.get(`wecom.cursor.${TEST_OPEN_KFID}`)).toBe("1");

    // And never again.
    desk.api.serveEverythingAgain(true);
    await desk.postCallback(signedCallback({ nonce: "third" }));
    expect(desk.api.messages()).toHaveLength(1);
  });

  it("answers a chunked callback body over 64 KB with 413 and stops reading it", async () => {
    const desk = await wecomDesk({ cleanups });
    let pulled = 0;
    const chunk = new Uint8Array(16 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 64) controller.close(); // 1 MB in all
        else controller.enqueue(chunk);
      },
    });
    const response = await desk.app.request(`/wecom/callback?${signedCallback().query}`, { method: "POST", body, duplex: "half" } as RequestInit);

    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(pulled).toBeLessThan(10);
    expect(desk.api.syncCalls).toEqual([]);
  });

  it("still takes a genuine callback sent chunked (no content-length)", async () => {
    const desk = await wecomDesk({ cleanups });
    desk.api.log.push(textMessage("in-1", TEST_OPEN_KFID, CUSTOMER, "/start"));
    const callback = signedCallback();
    const bytes = new TextEncoder().encode(callback.body);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 40));
        controller.enqueue(bytes.subarray(40));
        controller.close();
      },
    });
    const response = await desk.app.request(`/wecom/callback?${callback.query}`, { method: "POST", body, duplex: "half" } as RequestInit);
    await desk.wecom.idle();

    expect(response.status).toBe(200);
    expect(desk.api.messages()).toHaveLength(1);
  });

  it("pulls every account whose event arrived during a pull, not only the newest event's", async () => {
    const desk = await wecomDesk({ cleanups });
    desk.api.log.push(textMessage("in-a", TEST_OPEN_KFID, CUSTOMER, "/start"), textMessage("in-b", OTHER_KFID, OTHER_CUSTOMER, "/start"));
    const release = desk.api.holdSync();

    // Account A's pull is in flight; B's event, then A's again, arrive meanwhile.
    const one = signedCallback({ token: "token-a1" });
    const first = await desk.app.request(`/wecom/callback?${one.query}`, { method: "POST", body: one.body });
    const other = signedCallback({ token: "token-b1", openKfid: OTHER_KFID, nonce: "b" });
    const second = await desk.app.request(`/wecom/callback?${other.query}`, { method: "POST", body: other.body });
    const again = signedCallback({ token: "token-a2", nonce: "a2" });
    const third = await desk.app.request(`/wecom/callback?${again.query}`, { method: "POST", body: again.body });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    release();
    await desk.wecom.idle();

    expect(desk.api.syncCalls.filter((call) => call.openKfid === OTHER_KFID).map((call) => call.token)).toEqual(["token-b1"]);
    expect(desk.api.syncCalls.filter((call) => call.openKfid === TEST_OPEN_KFID).map((call) => call.token)).toEqual(["token-a1", "token-a2"]);
    const replies = desk.api.messages().map((message) => [message.touser, message.open_kfid]);
    expect(replies).toEqual(expect.arrayContaining([[CUSTOMER, TEST_OPEN_KFID], [OTHER_CUSTOMER, OTHER_KFID]]));
    expect(replies).toHaveLength(2);
  });

  it("shows a failing pull on /health as down with WeCom's errcode, and callback again once a pull gets through", async () => {
    const desk = await wecomDesk({ cleanups });
    expect(desk.wecom.state()).toBe("callback");

    desk.api.refuseEveryToken(true);
    await desk.postCallback();
    expect(desk.wecom.state()).toBe("down: errcode 42001");

    desk.api.refuseEveryToken(false);
    await desk.postCallback(signedCallback({ nonce: "later" }));
    expect(desk.wecom.state()).toBe("callback");
  });
});

describe("WeCom customer service: a customer with no stored window", () => {
  it("records the customer unreachable and queues the SMS once, not again at each recheck", async () => {
    const webhook = await fakeSmsWebhook();
    cleanups.push(webhook.close);
    const desk = await wecomDesk({ cleanups, env: { SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: webhook.url } });
    // A WeCom customer the desk holds no window for (never wrote to this desk's accounts, or it was lost).
    const { ticket } = await desk.core.intake({
      name: "张先生",
      phone: "13800138000",
      description: "洗衣机漏水",
      channel: "wecom",
      language: "zh-Hans",
      identity: { channel: "wecom", externalId: CUSTOMER },
    });
    const agent = await desk.addStaff("林工", "agent");
    await desk.core.changeStatus({ number: ticket.number, status: "resolved", note: "更换了进水阀", initiator: agent });
    await desk.worker.runOnce();
    await desk.worker.runOnce();

    // The outbox rechecks the held row a week later, and again.
    for (let week = 1; week <= 2; week++) {
      desk.clock.advance(7 * 24 * 60 + 60);
      await desk.worker.runOnce();
      await desk.worker.runOnce();
    }

    const events = (await desk.core.show(ticket.number)).timeline.filter((entry) => entry.type === "customer_unreachable");
    expect(events).toHaveLength(1);
    expect(webhook.bodies.filter((entry) => entry.body.kind === "customer.resolved")).toHaveLength(1);
    expect(desk.api.messages()).toEqual([]);
    expect(await desk.db.outboxMessage.count({ where: { channel: "wecom", status: "pending" } })).toBe(1);
  });

  it("says the SMS is queued, not that it went, in all three languages", () => {
    const event = { type: "customer_unreachable" as const, data: { channel: "wecom" as const, notification: "customer.resolved" as const, sms: true } };
    const context = { timeZone: "Asia/Shanghai" };
    expect(describeEvent("en", event, context)).toContain("an SMS is queued instead");
    expect(describeEvent("zh-Hans", event, context)).toContain("排队发送短信");
    expect(describeEvent("zh-Hant", event, context)).toContain("排隊發送簡訊");
    for (const language of ["en", "zh-Hans", "zh-Hant"] as const) expect(describeEvent(language, event, context)).not.toMatch(/went|已改用/);
  });
});
