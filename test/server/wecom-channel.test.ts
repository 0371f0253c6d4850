import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger.ts";
import { createDeskWecom } from "../../server/wecom.ts";
import { fakeSmsWebhook } from "../support/fake-sms-gateways.ts";
import { signedCallback, signedEcho } from "../support/wecom/fake-wecom-api.ts";
import { CUSTOMER, menuIds, shown, wecomDesk } from "../support/wecom/wecom-desk.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type Desk = Awaited<ReturnType<typeof wecomDesk>>;
const HOUR = 60;

/** The guided report in WeCom, menu clicks included; answers the ticket's number. */
async function reportFault(desk: Desk): Promise<string> {
  let last: Record<string, unknown> | undefined;
  const click = async (index = 0) => desk.customerSays({ menuId: menuIds(last)[index]! });
  const track = (out: Record<string, unknown>[]) => (last = out.at(-1) ?? last);
  track(await desk.customerSays("报修"));
  track(await desk.customerSays("洗衣机漏水，滚筒不转了"));
  track(await click()); // product: skip
  track(await desk.customerSays({ image: "media-photo-1" }));
  track(await click()); // photos: done
  track(await desk.customerSays("13800138000"));
  track(await click()); // address: skip
  track(await click()); // time: skip
  const done = await click(); // confirm
  const number = /SR\d{12}/.exec(shown(done.at(-1)))?.[0];
  if (!number) throw new Error(`no ticket number in ${shown(done.at(-1))}`);
  return number;
}

describe("WeCom customer service: callback and pull", () => {
  it("answers WeCom's URL check with the decrypted echostr, and refuses one signed with another token", async () => {
    const desk = await wecomDesk({ cleanups });
    const good = await desk.app.request(`/wecom/callback?${signedEcho("echo-8831")}`);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe("echo-8831");
    const forged = await desk.app.request(`/wecom/callback?${signedEcho("echo-8831", "another-token")}`);
    expect(forged.status).toBe(403);
  });

  it("turns a customer's messages, pulled after encrypted callbacks, into a ticket with its photo", async () => {
    const desk = await wecomDesk({ cleanups });
    const number = await reportFault(desk);

    const ticket = await desk.core.show(number);
    expect(ticket).toMatchObject({ channel: "wecom", phone: "13800138000", contactName: "张先生", description: "洗衣机漏水，滚筒不转了" });
    expect(ticket.attachments).toEqual([expect.objectContaining({ mimeType: "image/png" })]);
    // Every pull used the callback's token and went on from the stored cursor.
    expect(desk.api.syncCalls.every((call) => call.token === "sync-token")).toBe(true);
    expect(desk.api.syncCalls.at(-1)?.cursor).toBe("8");
    expect(await desk.stores.settingsStore.get("wecom.cursor.wk-test-account")).toBe("9");
    // Each reply went to the customer through the account they wrote to.
    expect(desk.api.messages().every((message) => message.touser === CUSTOMER && message.open_kfid === "wk-test-account")).toBe(true);
  });

  it("never joins a customer of another channel through a typed phone", async () => {
    const desk = await wecomDesk({ cleanups });
    // A Telegram customer whose phone Telegram verified (their own contact card).
    const { ticket: theirs } = await desk.core.intake({
      name: "王芳",
      phone: "13800138000",
      description: "空调不制冷",
      channel: "telegram",
      language: "zh-Hans",
      identity: { channel: "telegram", externalId: "tg-1", phoneVerified: true },
    });
    const number = await reportFault(desk); // types 13800138000

    const ours = await desk.core.show(number);
    expect(ours.customerId).not.toBe(theirs.customerId);
    // Their ticket is not listed to the WeCom customer.
    const status = await desk.customerSays("/status");
    expect(status.map(shown).join()).not.toContain(theirs.number);
  });

  it("refuses a callback with a bad signature: nothing is pulled and nothing changes", async () => {
    const desk = await wecomDesk({ cleanups });
    desk.api.log.push({ msgid: "in-x", open_kfid: "wk-test-account", external_userid: CUSTOMER, send_time: 1764640800, origin: 3, msgtype: "text", text: { content: "报修" } });

    const forged = await desk.postCallback(signedCallback({ secretToken: "guessed-token" }));
    expect(forged.status).toBe(403);
    // A genuine envelope whose signature does not match (a tampered timestamp).
    const genuine = signedCallback();
    const tampered = await desk.postCallback({ ...genuine, query: genuine.query.replace("timestamp=1764640800", "timestamp=1764640801") });
    expect(tampered.status).toBe(403);
    const unsigned = await desk.app.request("/wecom/callback", { method: "POST", body: genuine.body });
    expect(unsigned.status).toBe(403);

    expect(desk.api.syncCalls).toEqual([]);
    expect(desk.api.sent).toEqual([]);
    expect(await desk.stores.settingsStore.get("wecom.cursor.wk-test-account")).toBeNull();
    expect(await desk.db.botSession.count()).toBe(0);
  });

  it("handles a message pulled twice once: duplicate callbacks, racing pulls and a restart make one ticket", async () => {
    const desk = await wecomDesk({ cleanups });
    await reportFault(desk);
    const sentBefore = desk.api.sent.length;

    // WeCom hands out the whole log again; two callbacks arrive at once.
    desk.api.serveEverythingAgain(true);
    const answers = await Promise.all([desk.postCallback(), desk.postCallback(signedCallback({ nonce: "other" }))]);
    expect(answers.map((response) => response.status)).toEqual([200, 200]);
    // A restarted desk (a new channel over the same database) pulls it all once more.
    const restarted = createDeskWecom({ config: desk.config, core: desk.core, db: desk.db, settings: desk.stores.settingsStore, logger: createLogger("silent") });
    await restarted?.pull({ token: "sync-token" });

    expect(await desk.db.ticket.count()).toBe(1);
    expect(desk.api.sent.length).toBe(sentBefore);
  });
});

describe("WeCom customer service: the 48 h / 5-message window", () => {
  it("sends inside the window, gathers the last message's notifications into one, then holds until the customer writes", async () => {
    const desk = await wecomDesk({ cleanups });
    const number = await reportFault(desk);
    const agent = await desk.addStaff("林工", "agent");
    const wroteAt = desk.clock.now();
    await desk.worker.runOnce();
    const afterReport = desk.api.messages().length; // the confirmation spent 1 of 5

    for (const text of ["第一条", "第二条", "第三条", "第四条", "第五条"]) {
      await desk.core.reply(number, text, agent);
      await desk.worker.runOnce();
    }
    // Three more fit (4 of 5 spent); the last message is kept for what is still pending.
    const sent = desk.api.messages().slice(afterReport).map(shown);
    expect(sent).toHaveLength(3);
    expect(sent.join()).toContain("第三条");
    expect(await desk.db.outboxMessage.count({ where: { channel: "wecom", status: "pending" } })).toBe(2);

    // An hour before the window closes, both go as one message: the fifth.
    desk.clock.set(new Date(wroteAt.getTime() + 47 * 3600_000));
    await desk.worker.runOnce();
    await desk.worker.runOnce();
    const merged = desk.api.messages().slice(afterReport + 3).map(shown);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toContain("第四条");
    expect(merged[0]).toContain("第五条");
    expect(await desk.db.outboxMessage.count({ where: { channel: "wecom", status: "pending" } })).toBe(0);

    // The sixth waits: nothing is sent, and staff see why on the ticket.
    await desk.core.reply(number, "第六条", agent);
    await desk.worker.runOnce();
    expect(desk.api.messages().length).toBe(afterReport + 4);
    expect(await desk.db.outboxMessage.count({ where: { channel: "wecom", status: "pending" } })).toBe(1);
    const timeline = (await desk.core.show(number)).timeline;
    expect(timeline.filter((event) => event.type === "customer_unreachable")).toEqual([
      expect.objectContaining({ visibility: "internal", data: { channel: "wecom", notification: "customer.reply", sms: false } }),
    ]);
  });

  it("delivers a notification held outside the window right after the reply to the customer's next message", async () => {
    const desk = await wecomDesk({ cleanups });
    const number = await reportFault(desk);
    const agent = await desk.addStaff("林工", "agent");
    await desk.worker.runOnce();

    desk.clock.advance(49 * HOUR);
    await desk.core.reply(number, "师傅明天上午到。", agent);
    await desk.worker.runOnce();
    const before = desk.api.messages().length;
    expect(await desk.db.outboxMessage.findFirst({ where: { channel: "wecom", status: "pending" } })).toMatchObject({ attempts: 0 });

    const answered = await desk.customerSays(`/status ${number}`);
    expect(answered).toHaveLength(1);
    await desk.worker.runOnce();
    const after = desk.api.messages().slice(before).map(shown);
    expect(after).toHaveLength(2);
    expect(after[0]).toContain(number); // the reply to /status first
    expect(after[1]).toContain("师傅明天上午到。"); // then what waited
    expect(await desk.db.outboxMessage.count({ where: { channel: "wecom", status: "pending" } })).toBe(0);
  });

  it("sends the news by SMS instead when SMS is configured for it, and says so on the ticket", async () => {
    const webhook = await fakeSmsWebhook();
    cleanups.push(webhook.close);
    const desk = await wecomDesk({ cleanups, env: { SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: webhook.url } });
    const number = await reportFault(desk);
    const agent = await desk.addStaff("林工", "agent");
    await desk.worker.runOnce();

    desk.clock.advance(49 * HOUR);
    await desk.core.changeStatus({ number, status: "resolved", note: "更换了进水阀", initiator: agent });
    await desk.worker.runOnce();
    await desk.worker.runOnce();

    expect(webhook.bodies.map((entry) => ({ phone: entry.body.phone, kind: entry.body.kind }))).toEqual([{ phone: "13800138000", kind: "customer.resolved" }]);
    const event = (await desk.core.show(number)).timeline.find((entry) => entry.type === "customer_unreachable");
    expect(event).toMatchObject({ data: { channel: "wecom", notification: "customer.resolved", sms: true } });
  });
});

describe("WeCom customer service: access token and survey", () => {
  it("fetches a new access token once when WeCom says it expired, and never loops", async () => {
    const desk = await wecomDesk({ cleanups });
    const number = await reportFault(desk);
    const agent = await desk.addStaff("林工", "agent");
    await desk.worker.runOnce();
    const tokensBefore = desk.api.tokenRequests();

    desk.api.expireTokens();
    await desk.core.reply(number, "配件已到。", agent);
    await desk.worker.runOnce();
    expect(desk.api.tokenRequests()).toBe(tokensBefore + 1);
    expect(shown(desk.api.messages().at(-1))).toContain("配件已到。");

    // A token refused again right after the refresh: one refresh, then the outbox retries later.
    desk.api.refuseEveryToken(true);
    await desk.core.reply(number, "下午两点上门。", agent);
    await desk.worker.runOnce();
    expect(desk.api.tokenRequests()).toBe(tokensBefore + 2);
    expect(await desk.db.outboxMessage.findFirst({ where: { channel: "wecom", status: "pending" } })).toMatchObject({ attempts: 1 });
  });

  it("sends the survey as the session-end message when WeCom gives a code, and the customer's click records the score", async () => {
    const desk = await wecomDesk({ cleanups });
    const number = await reportFault(desk);
    const agent = await desk.addStaff("林工", "agent");
    await desk.worker.runOnce();
    desk.api.giveMsgCode("end-code-1");

    await desk.core.close(number, agent, "已更换进水阀");
    await desk.worker.runOnce();
    const onEvent = desk.api.sent.filter((entry) => entry.path === "kf/send_msg_on_event");
    expect(onEvent).toHaveLength(1);
    expect(onEvent[0]?.body.code).toBe("end-code-1");
    const ids = menuIds(onEvent[0]?.body);
    expect(ids).toHaveLength(5);

    await desk.customerSays({ menuId: ids[4]! });
    const survey = (await desk.core.show(number)).timeline.find((event) => event.type === "survey_answered");
    expect(survey).toMatchObject({ data: { score: 5 } });
  });
});
