import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { payload } from "../../../bot/shared/payloads.ts";
import { buttonData, startDesk, type DeskHarness } from "./telegram-harness.ts";

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);

/** A Telegram customer (Chinese client) with one ticket, reported through the core. */
async function customerWithTicket(h: DeskHarness) {
  const user = h.api.user({ first_name: "芳", last_name: "王", language_code: "zh-hans" });
  const chat = h.api.privateChat(user);
  const { ticket } = await h.desk.core.intake({
    name: "王芳",
    phone: "13800138000",
    description: "空调不制冷",
    channel: "telegram",
    language: "zh-Hans",
    identity: { channel: "telegram", externalId: String(user.id) },
  });
  await h.flushOutbox();
  return { user, chat, ticket, number: ticket.number };
}

/** Staff report the work done in the staff group; returns what the customer then received. */
async function resolve(h: DeskHarness, number: string, userId: number): Promise<Message[]> {
  await h.say(h.admin, h.staffGroup, `/status ${number} resolved 更换了电容`);
  return (await h.flushOutbox()).filter((message) => message.chat.id === userId);
}

describe("Telegram: the customer answers a resolution", () => {
  it("takes 「还是不制冷，没修好」 on a resolved ticket as an objection: reopened, staff told, never auto-closed", async () => {
    const h = (harness = await startDesk());
    const { user, chat, number } = await customerWithTicket(h);
    const resolved = await resolve(h, number, user.id);
    expect(textsOf(resolved)).toEqual([
      `工单 ${number} 已处理完成：更换了电容。\n问题解决了吗？点「已修好」（或回复「已修好」）即可结案；如果没有，点「没修好」或直接告诉我们哪里还有问题，工单会退回服务台继续处理。`,
    ]);
    expect(buttonData(resolved[0], "f:ok")).toBe(payload.fixed(number));
    expect(buttonData(resolved[0], "f:no")).toBe(payload.notFixed(number));

    expect(textsOf(await h.say(user, chat, "还是不制冷，没修好"))).toEqual([
      `已添加到工单 ${number}。该工单原已标记为处理完成，现已重新打开（当前：已受理），退回服务台的待办队列。`,
    ]);
    const staffRoom = textsOf((await h.flushOutbox()).filter((message) => message.chat.id === h.staffGroup.id));
    expect(staffRoom).toEqual([
      `Customer message on ticket ${number}: 还是不制冷，没修好`,
      `The customer objected to the resolution of ticket ${number}: it is open again (now: Accepted).`,
    ]);

    h.desk.clock.advance(8 * 24 * 60);
    await h.desk.core.runDueJobs();
    expect((await h.desk.core.show(number)).status).toBe("accepted");
  });

  it("closes on 'Fixed' and sends the survey", async () => {
    const h = (harness = await startDesk());
    const { user, number } = await customerWithTicket(h);
    const [resolved] = await resolve(h, number, user.id);
    expect(textsOf(await h.press(user, resolved as Message, payload.fixed(number)))).toEqual([`谢谢！工单 ${number} 已结案。`]);
    expect((await h.desk.core.show(number)).status).toBe("closed");
    const survey = (await h.flushOutbox()).filter((message) => message.chat.id === user.id);
    expect(textsOf(survey)).toEqual([expect.stringContaining(`请为工单 ${number} 的服务打分`)]);
    expect(buttonData(survey[0], "sv:")).toMatch(/^sv:.+:1$/);
    // The old button again: nothing changes.
    expect(textsOf(await h.press(user, resolved as Message, payload.fixed(number), true))).toEqual([`工单 ${number} 已经结案，谢谢！`]);
  });

  it("reopens a closed ticket on 没修好 within the window, and opens a linked follow-up after it", async () => {
    const h = (harness = await startDesk());
    const { user, chat, number } = await customerWithTicket(h);
    await h.say(h.admin, h.staffGroup, `/close ${number} 更换了电容`);
    const closed = (await h.flushOutbox()).filter((message) => message.chat.id === user.id);
    expect(closed[0]?.text).toBe(
      `工单 ${number} 已处理完成并结案：更换了电容。如 14 天内问题再次出现，点「没修好」（或回复「没修好」）即可重新打开工单；超过期限后，同样操作会新建一张跟进工单。`,
    );
    expect(buttonData(closed[0], "f:no")).toBe(payload.notFixed(number));

    h.desk.clock.advance(3 * 24 * 60);
    // Words that are no keyword: a new problem, or this one back? Both are offered.
    const offer = await h.say(user, chat, "空调又不制冷了");
    expect(buttonData(offer[0], "f:no")).toBe(payload.notFixed(number));
    expect(textsOf(await h.press(user, offer[0] as Message, payload.notFixed(number)))).toEqual([`工单 ${number} 已重新打开（当前：已受理），已退回服务台的待办队列。`]);
    expect((await h.desk.core.show(number)).timeline.find((event) => event.type === "customer_message")).toMatchObject({ note: "空调又不制冷了" });
    expect(textsOf((await h.flushOutbox()).filter((message) => message.chat.id === h.staffGroup.id))).toEqual([
      `Customer message on ticket ${number}: 空调又不制冷了`,
      `The customer objected to the resolution of ticket ${number}: it is open again (now: Accepted).`,
    ]);

    await h.say(h.admin, h.staffGroup, `/close ${number} 更换了压缩机`);
    await h.flushOutbox();
    h.desk.clock.advance(20 * 24 * 60);
    const answer = textsOf(await h.say(user, chat, "没修好"));
    const followUp = /跟进工单 (SR\d{12})/.exec(answer[0] ?? "")?.[1];
    expect(answer).toEqual([`工单 ${number} 结案已超过 14 天，已为同一问题新建跟进工单 ${followUp}，进展会在这里通知您。`]);
    expect(await h.desk.stores.tickets.findByNumber(followUp ?? "")).toMatchObject({ followUpOf: number, status: "new", channel: "telegram" });
    expect((await h.desk.core.show(number)).timeline.at(-1)).toMatchObject({ type: "follow_up", data: { relation: "opened", number: followUp } });
    const staffRoom = textsOf((await h.flushOutbox()).filter((message) => message.chat.id === h.staffGroup.id));
    expect(staffRoom).toEqual(
      expect.arrayContaining([`The customer says ticket ${number} is still not fixed, after its reopen window: follow-up ticket ${followUp} was opened.`]),
    );
  });

  it("cancels the customer's own open ticket after asking; a stranger cannot", async () => {
    const h = (harness = await startDesk());
    const { user, chat, number } = await customerWithTicket(h);
    const stranger = h.api.user({ first_name: "Eve", language_code: "en" });
    expect(textsOf(await h.say(stranger, h.api.privateChat(stranger), `/cancel ${number}`))).toEqual([
      "We could not find a ticket with that number and phone. Please check both and try again.",
    ]);

    const question = await h.say(user, chat, `取消 ${number}`);
    expect(textsOf(question)).toEqual([`确定取消工单 ${number} 吗？取消后服务台将停止处理。`]);
    expect(textsOf(await h.press(user, question[0] as Message, payload.cancelTicket(number, "yes")))).toEqual([`工单 ${number} 已取消。`]);
    expect((await h.desk.core.show(number)).status).toBe("cancelled");
    expect(textsOf((await h.flushOutbox()).filter((message) => message.chat.id === h.staffGroup.id))).toEqual([`The customer cancelled ticket ${number}.`]);
  });

  it("tells the customer why an approval was refused, and /reopen posts words, not the key", async () => {
    const h = (harness = await startDesk());
    const { user, number } = await customerWithTicket(h);
    await h.say(h.admin, h.staffGroup, `/status ${number} awaiting_approval 报价 280 元`);
    await h.flushOutbox();
    await h.say(h.admin, h.staffGroup, `/reject ${number} 该型号已停产，无法提供保修维修。`);
    expect(textsOf((await h.flushOutbox()).filter((message) => message.chat.id === user.id))).toEqual([
      `很抱歉，工单 ${number} 的申请未获批准。原因：该型号已停产，无法提供保修维修。\n如有疑问或想商量其他方案，可直接在此回复。`,
    ]);

    await h.say(h.admin, h.staffGroup, `/close ${number} 客户接受`);
    await h.flushOutbox();
    expect(textsOf(await h.say(h.admin, h.staffGroup, `/reopen ${number}`))).toEqual([`${number} is reopened.`]);
    const posted = await h.flushOutbox();
    expect(textsOf(posted.filter((message) => message.chat.id === h.staffGroup.id))).toEqual([`Ticket ${number} was reopened by staff (now: Accepted).`]);
    for (const message of posted) expect(message.text).not.toMatch(/(^|[:：]\s*)reopened\s*$/);
  });
});
