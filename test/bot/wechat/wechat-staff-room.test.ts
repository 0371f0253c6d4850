import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { startWechatDesk, STAFF_ROOM, type WechatDesk } from "./wechat-harness.ts";

type Contact = ReturnType<WechatDesk["contact"]>;

async function registerAdmin(h: WechatDesk, contact: Contact) {
  await h.desk.stores.staff.create({ id: randomUUID(), name: "张主管", role: "admin", createdAt: h.desk.clock.now(), identities: [{ channel: "wechat", externalId: contact.id }] });
}

/** A ticket made through the core (its staff-room post goes to the outbox). */
async function newTicket(h: WechatDesk, customer: Contact): Promise<string> {
  const created = await h.desk.core.intake({
    name: "王芳",
    phone: "13800138000",
    description: "热水器打不着火，一直报 E1 故障",
    channel: "wechat",
    language: "zh-Hans",
    identity: { channel: "wechat", externalId: customer.id },
  });
  return created.ticket.number;
}

describe("WeChat staff room: pinned by id, never by name alone (wechaty-puppet-mock)", { timeout: 60_000 }, () => {
  let h: WechatDesk;
  afterEach(async () => h?.close());

  it("two rooms with the staff room's name: nothing is posted to either, the error says why, and the post waits", async () => {
    h = await startWechatDesk();
    const admin = h.contact("张主管");
    const customer = h.contact("王芳");
    const staffRoom = h.room([admin]);
    const impostor = h.room([customer]);
    const number = await newTicket(h, customer);

    const out = await h.flushOutbox();
    expect(out.filter((message) => message.to === staffRoom.id || message.to === impostor.id)).toEqual([]);
    expect(h.logs.some((log) => log.level === "error" && /2 WeChat rooms are named/.test(log.message ?? ""))).toBe(true);
    // Still kept for later, not dropped.
    h.desk.clock.advance(5);
    expect((await h.flushOutbox()).some((message) => message.text.includes(number))).toBe(false);
    // A command in either room is not taken while the room is ambiguous.
    await registerAdmin(h, admin);
    expect(await h.sayInRoom(admin, staffRoom, `/take ${number}`)).toEqual([]);
  });

  it("WECHAT_STAFF_ROOM_ID pins the room: posts go there only, the same-named group gets nothing and its commands are ignored", async () => {
    h = await startWechatDesk({ bot: { staffRoomId: "pinned-staff-room@chatroom" } });
    const admin = h.contact("张主管");
    const customer = h.contact("王芳");
    await registerAdmin(h, admin);
    const impostor = h.room([customer, admin]);
    const staffRoom = h.mocker.createRoom({ id: "pinned-staff-room@chatroom", topic: STAFF_ROOM, memberIdList: [h.account.id, admin.id] });
    const number = await newTicket(h, customer);

    const out = await h.flushOutbox();
    expect(out.filter((message) => message.to === staffRoom.id && message.text.includes(number))).toHaveLength(1);
    expect(out.filter((message) => message.to === impostor.id)).toEqual([]);
    expect(await h.sayInRoom(customer, impostor, `/take ${number}`)).toEqual([]);
    expect((await h.sayInRoom(admin, staffRoom, `/take ${number}`)).join("\n")).toContain(number);
  });

  it("once found by its name the room is pinned: a group created later with the same name gets no posts", async () => {
    h = await startWechatDesk();
    const admin = h.contact("张主管");
    const customer = h.contact("王芳");
    const staffRoom = h.room([admin]);
    const first = await newTicket(h, customer);
    expect((await h.flushOutbox()).filter((message) => message.to === staffRoom.id && message.text.includes(first))).toHaveLength(1);

    const impostor = h.room([customer]);
    const second = await newTicket(h, h.contact("李雷"));
    const out = await h.flushOutbox();
    expect(out.filter((message) => message.to === staffRoom.id && message.text.includes(second))).toHaveLength(1);
    expect(out.filter((message) => message.to === impostor.id)).toEqual([]);
    expect(await h.sayInRoom(customer, impostor, "/help")).toEqual([]);
  });
});
