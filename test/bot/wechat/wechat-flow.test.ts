import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { file, photo, startWechatDesk, ticketNumberIn, type WechatDesk } from "./wechat-harness.ts";

type Contact = ReturnType<WechatDesk["contact"]>;

async function registerStaff(h: WechatDesk, contact: Contact, name: string, role: "admin" | "technician" | "agent" | "supervisor") {
  await h.desk.stores.staff.create({ id: randomUUID(), name, role, createdAt: h.desk.clock.now(), identities: [{ channel: "wechat", externalId: contact.id }] });
}

/** A customer reports a fault with a photo through the text dialog; returns the ticket number. */
async function reportWithPhoto(h: WechatDesk, customer: Contact): Promise<string> {
  // Free text proposes a ticket: "回复 1 是，2 否".
  const offer = await h.say(customer, "空调不制冷，开了一个小时还是吹热风");
  expect(offer.at(-1)).toMatch(/要把这个问题登记为报修吗？[\s\S]*回复 1 是，2 否$/);
  const first = await h.say(customer, "1");
  expect(first.join("\n")).toContain("请输入您的手机号");
  const summary = await h.say(customer, "13800138000");
  expect(summary.at(-1)).toMatch(/回复 1 提交，2 修改，3 取消$/);
  await h.say(customer, photo());
  const created = await h.say(customer, "1");
  return ticketNumberIn(created);
}

describe("WeChat (wechaty-puppet-mock): customers and the staff room", { timeout: 60_000 }, () => {
  let h: WechatDesk;
  afterEach(async () => h?.close());

  it("a customer reports a fault with a photo and gets a number; the photo is kept as an attachment", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    const number = await reportWithPhoto(h, customer);

    const ticket = await h.desk.stores.tickets.findByNumber(number);
    expect(ticket?.channel).toBe("wechat");
    expect(ticket?.phone).toBe("13800138000");
    // The mock puppet hands the file back as it was sent: a 70-byte PNG named photo.png.
    expect(ticket?.attachments).toEqual([expect.objectContaining({ mimeType: "image/png", sizeBytes: 70, fileName: "photo.png" })]);
    expect(existsSync(join(h.desk.dir, ticket?.attachments[0]?.storagePath ?? "missing"))).toBe(true);
    const customerRecord = await h.desk.stores.customers.findByIdentity({ channel: "wechat", externalId: customer.id });
    expect(customerRecord?.id).toBe(ticket?.customerId);
  });

  it("keeps a voice note (SILK) and a PDF sent with a report as attachments", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    await h.say(customer, "空调不制冷，开了一个小时还是吹热风");
    await h.say(customer, "1");
    await h.say(customer, "13800138000");
    const silk = Buffer.concat([Buffer.from([0x02]), Buffer.from("#!SILK_V3"), Buffer.alloc(40, 1)]);
    await h.say(customer, file(silk, "voice.silk"));
    const pdf = Buffer.from("%PDF-1.4\n% invoice\n");
    await h.say(customer, file(pdf, "invoice.pdf"));
    const number = ticketNumberIn(await h.say(customer, "1"));
    const ticket = await h.desk.stores.tickets.findByNumber(number);
    expect(ticket?.attachments.map((attachment) => [attachment.mimeType, attachment.sizeBytes])).toEqual([
      ["audio/silk", silk.byteLength],
      ["application/pdf", pdf.byteLength],
    ]);
  });

  it("answers a message delivered twice once, and forgets handled ids after a few days (housekeeping)", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    expect(await h.say(customer, "你好")).toHaveLength(1);
    expect(await h.redeliver(h.lastMessageOf(customer))).toEqual([]);
    await h.stores.updates.markHandled("wechat", "old-message", h.desk.clock.now());
    h.desk.clock.advance(4 * 24 * 60);
    await h.bot.housekeeping();
    expect(await h.stores.updates.isHandled("wechat", "old-message")).toBe(false);
  });

  it("a reply that cannot be sent does not leave the message unhandled: a redelivery is not applied to the next step", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    await h.say(customer, "空调不制冷，开了一个小时还是吹热风");
    // The puppet fails the next send (as a dropped web session would); the answer "1" is saved.
    const puppet = h.puppet as unknown as { messageSendText: (...args: unknown[]) => Promise<unknown> };
    const sendText = puppet.messageSendText.bind(puppet);
    puppet.messageSendText = async () => {
      puppet.messageSendText = sendText;
      throw new Error("the web session dropped");
    };
    expect(await h.say(customer, "1")).toEqual([]);
    expect(h.logs.some((log) => log.message === "the replies to a WeChat message could not be sent")).toBe(true);
    const accepted = h.lastMessageOf(customer);
    expect(await h.stores.updates.isHandled("wechat", accepted)).toBe(true);
    // Delivered again: not taken as the answer to the phone question.
    expect(await h.redeliver(accepted)).toEqual([]);
    expect((await h.say(customer, "13800138000")).at(-1)).toMatch(/回复 1 提交，2 修改，3 取消$/);
  });

  it("choices are numbered; the keywords 报修 and 查询 work", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    const offer = await h.say(customer, "你好");
    expect(offer.at(-1)).toMatch(/回复 1 是，2 否$/);
    const number = await reportWithPhoto(h, customer);
    const status = await h.say(customer, `查询 ${number}`);
    expect(status.join("\n")).toContain(number);
    const report = await h.say(customer, "报修");
    expect(report.join("\n")).toContain("请问遇到了什么问题");
  });

  it("posts new tickets to the staff room; staff assign and close there; the customer rates 5 and says 没修好, which reopens", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    const admin = h.contact("张主管");
    const technician = h.contact("李师傅");
    await registerStaff(h, admin, "张主管", "admin");
    const room = h.room([admin, technician]);

    const number = await reportWithPhoto(h, customer);
    const posted = await h.flushOutbox();
    const post = posted.find((message) => message.to === room.id && message.text.includes(number));
    expect(post?.text).toContain(`/take ${number}`);

    // The admin registers the technician from the room by @-mentioning them (identity: the contact id).
    const registered = await h.sayInRoom(admin, room, "/staff add @李师傅 technician", [technician]);
    expect(registered.join("\n")).toContain("李师傅");
    const member = await h.desk.stores.staff.findByIdentity({ channel: "wechat", externalId: technician.id });
    expect(member?.role).toBe("technician");

    // Relayed both ways: the customer's words reach the room, /reply reaches the customer.
    await h.say(customer, "师傅明天几点能到？");
    const relayed = await h.flushOutbox();
    expect(relayed.find((message) => message.to === room.id)?.text).toContain("师傅明天几点能到？");
    await h.sayInRoom(admin, room, `/reply ${number} 明天上午十点前到`);
    const replied = await h.flushOutbox();
    expect(replied.find((message) => message.to === customer.id)?.text).toContain("明天上午十点前到");

    const assigned = await h.sayInRoom(admin, room, `/assign ${number} 李师傅`);
    expect(assigned.join("\n")).toContain(number);
    expect((await h.desk.stores.tickets.findByNumber(number))?.assigneeId).toBe(member?.id);

    await h.sayInRoom(technician, room, `/status ${number} in_progress`);
    await h.sayInRoom(technician, room, `/close ${number} 更换了启动电容`);
    expect((await h.desk.stores.tickets.findByNumber(number))?.status).toBe("closed");

    // The survey reaches the customer as text; "5" answers it.
    const toCustomer = (await h.flushOutbox()).filter((message) => message.to === customer.id);
    const survey = toCustomer.find((message) => message.text.includes("1–5"));
    expect(survey?.text).toContain("请回复数字 1–5");
    const thanks = await h.say(customer, "5");
    expect(thanks.join("\n")).toContain("5/5");
    const ticket = await h.desk.stores.tickets.findByNumber(number);
    const answered = await h.desk.stores.surveys.findByTicket(ticket?.id ?? "");
    expect(answered?.score).toBe(5);

    const reopened = await h.say(customer, "没修好");
    expect(reopened.join("\n")).toContain(number);
    expect((await h.desk.stores.tickets.findByNumber(number))?.status).not.toBe("closed");
    const events = await h.desk.stores.tickets.events(ticket?.id ?? "");
    expect(events.map((event) => event.type)).toContain("reopened");
  });

  it("refuses a staff command from someone not registered, and changes nothing", async () => {
    h = await startWechatDesk();
    const customer = h.contact("王芳");
    const stranger = h.contact("路人甲");
    const room = h.room([stranger]);
    const number = await reportWithPhoto(h, customer);
    const before = await h.desk.stores.tickets.findByNumber(number);

    const refused = await h.sayInRoom(stranger, room, `/close ${number} 已处理`);
    expect(refused.join("\n")).toMatch(/只有.*员工|登记|not registered|无权/);
    const taken = await h.sayInRoom(stranger, room, `/take ${number}`);
    expect(taken.length).toBe(1);

    const after = await h.desk.stores.tickets.findByNumber(number);
    expect(after?.status).toBe(before?.status);
    expect(after?.assigneeId ?? null).toBe(before?.assigneeId ?? null);
    expect(after?.version).toBe(before?.version);
    expect(await h.desk.stores.staff.findByIdentity({ channel: "wechat", externalId: stranger.id })).toBeNull();
  });

  it("paces every message of the account at least 1 s apart (injected clock)", async () => {
    h = await startWechatDesk();
    const customers = [h.contact("甲"), h.contact("乙"), h.contact("丙")];
    for (const customer of customers) await h.say(customer, "你好");
    const times = h.sent.map((message) => message.at);
    expect(times.length).toBeGreaterThanOrEqual(3);
    const gaps = times.slice(1).map((at, index) => at - (times[index] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });
});

describe("WeChat outbox pacing (wechaty-puppet-mock)", { timeout: 60_000 }, () => {
  let h: WechatDesk;
  afterEach(async () => h?.close());

  it("a burst of notifications leaves the account at least 1 s apart, in the order queued", async () => {
    h = await startWechatDesk();
    const admin = h.contact("张主管");
    await registerStaff(h, admin, "张主管", "admin");
    const room = h.room([admin]);
    const customers = [h.contact("甲"), h.contact("乙"), h.contact("丙")];
    for (const [index, customer] of customers.entries()) {
      await h.desk.core.intake({
        name: `客户${index}`,
        phone: `1380013800${index}`,
        description: "热水器打不着火，一直报 E1 故障",
        channel: "wechat",
        language: "zh-Hans",
        identity: { channel: "wechat", externalId: customer.id },
      });
    }
    const out = await h.flushOutbox();
    expect(out.filter((message) => message.to === room.id)).toHaveLength(3);
    const gaps = out.slice(1).map((message, index) => message.at - (out[index]?.at ?? 0));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000);
  });
});
