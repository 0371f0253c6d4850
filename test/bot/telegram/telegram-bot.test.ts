import { afterEach, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { payload } from "../../../bot/shared/payloads.ts";
import { buttonData, startDesk, ticketNumberIn, type DeskHarness } from "./telegram-harness.ts";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const last = (messages: readonly Message[]): Message => {
  const message = messages.at(-1);
  if (!message) throw new Error("the bot sent nothing");
  return message;
};
const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);

describe("Telegram bot, end to end over the fake Bot API", () => {
  it("takes a report with a photo, lets staff run the ticket, keeps the customer posted and collects the survey", async () => {
    const h = (harness = await startDesk());
    const { api, desk, staffGroup, admin } = h;
    const wang = api.user({ first_name: "芳", last_name: "王", language_code: "zh-hans" });
    const chat = api.privateChat(wang);

    // The admin from ADMIN_TELEGRAM_IDS was registered on start.
    const boss = await desk.stores.staff.findByIdentity({ channel: "telegram", externalId: String(admin.id) });
    expect(boss).toMatchObject({ role: "admin", active: true });

    // A photo alone starts a report with the photo attached.
    api.addFile("photo-1", JPEG, { mimeType: "image/jpeg" });
    const afterPhoto = await h.deliver(() => api.sendPhoto(wang, chat, "photo-1"));
    expect(textsOf(afterPhoto)).toEqual(["已收到附件。请再用文字简单描述一下问题。"]);
    expect(api.callsOf("downloadFile")).toHaveLength(1);

    const suggestion = last(await h.say(wang, chat, "空调不制冷，外机有异响"));
    expect(suggestion.text).toBe("收到。初步判断为：维修（紧急程度：普通）。分类对吗？");
    const productPrompt = last(await h.press(wang, suggestion, payload.categoryOk));
    // The choice was made: the buttons are gone from the suggestion.
    expect(api.message(chat.id, suggestion.message_id)?.reply_markup).toBeUndefined();
    const photosPrompt = last(await h.say(wang, chat, "格力 KFR-35GW"));
    expect(productPrompt.text).toContain("型号");
    const phonePrompt = last(await h.press(wang, photosPrompt, payload.photosDone));
    expect(phonePrompt.reply_markup).toBeUndefined(); // a reply keyboard is not an inline keyboard
    expect(api.callsOf("sendMessage").at(-1)?.params.reply_markup).toMatchObject({ keyboard: [[{ text: "分享我的手机号", request_contact: true }]] });
    const addressPrompt = await h.deliver(() => api.sendContact(wang, chat, "+86 138 0013 8000"));
    expect(textsOf(addressPrompt)).toEqual(["师傅应该到哪里上门？请输入地址。"]);
    const timePrompt = last(await h.say(wang, chat, "上海市浦东新区张江路 100 号"));
    const summary = last(await h.press(wang, timePrompt, payload.skip));
    expect(summary.text).toContain("照片：1");
    const created = await h.press(wang, summary, payload.confirm);
    const number = ticketNumberIn(created);
    expect(created[0]?.text).toContain(`您的工单号是 ${number}`);

    const ticket = await desk.core.show(number);
    expect(ticket).toMatchObject({ status: "new", channel: "telegram", phone: "13800138000", contactName: "芳 王", product: "格力 KFR-35GW" });
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]).toMatchObject({ mimeType: "image/jpeg", sizeBytes: JPEG.byteLength });
    expect(h.uploaded(ticket.attachments[0]?.storagePath ?? "missing")).toBe(true);

    // The staff room gets the new ticket, with buttons, through the outbox.
    const posted = await h.flushOutbox();
    const post = posted.find((message) => String(message.chat.id) === String(staffGroup.id));
    expect(post?.text).toContain(`New ticket ${number}`);
    expect(buttonData(post, "st:take:")).toBe(payload.staffTake(number));

    // /show gives staff the details and the customer's photo.
    const shown = await h.say(admin, staffGroup, `/show ${number}`);
    expect(shown[0]?.text).toContain(`Ticket ${number} [Normal/Repair]`);
    expect(shown[0]?.text).toContain("Customer: 芳 王, 138 0013 8000");
    // The timeline in the staff's words, not event codes.
    expect(shown[0]?.text).toMatch(/Timeline:\n.* ticket created \[Normal\/Repair\] \(芳 王\)$/);
    expect(shown[1]?.photo).toBeDefined();
    expect(api.callsOf("sendPhoto").at(-1)?.files[0]?.bytes).toEqual(JPEG);

    // Staff take it with the button; the customer hears about it in Chinese.
    expect(textsOf(await h.press(admin, post as Message, payload.staffTake(number)))).toEqual([`${number} is now assigned to you.`]);
    const assignedNotice = await h.flushOutbox();
    expect(textsOf(assignedNotice)).toEqual([`您的工单 ${number} 已派给 Agnes 处理。`]);

    // Replying to the bot's post acts on that ticket without typing the number.
    const scheduled = await h.say(admin, staffGroup, "/status scheduled 2026-11-25 14:00", { reply_to_message: post as Message });
    expect(textsOf(scheduled)).toEqual([`${number} is now: Visit scheduled.`]);
    expect((await h.flushOutbox())[0]?.text).toMatch(new RegExp(`工单 ${number} 已预约上门时间：.*2026.*14:00`));

    await h.say(admin, staffGroup, `/reply ${number} 师傅明天下午两点到`);
    const reply = await h.flushOutbox();
    expect(textsOf(reply)).toEqual([`关于工单 ${number} 的回复：\n师傅明天下午两点到`]);

    // The customer answers in their chat: recorded and relayed to staff; staff reply to the relay.
    expect(textsOf(await h.say(wang, chat, "好的，我在家"))[0]).toContain(`已补充到您未完结的工单 ${number}`);
    const relayed = (await h.flushOutbox()).find((message) => String(message.chat.id) === String(staffGroup.id));
    expect(relayed?.text).toBe(`Customer message on ticket ${number}: 好的，我在家`);
    expect(textsOf(await h.say(admin, staffGroup, "See you tomorrow", { reply_to_message: relayed as Message }))).toEqual([
      `Reply sent to the customer of ${number}.`,
    ]);
    expect(textsOf(await h.flushOutbox())).toEqual([`关于工单 ${number} 的回复：\nSee you tomorrow`]);

    // The customer checks the status.
    const status = await h.say(wang, chat, `/status ${number}`);
    expect(status[0]?.text).toContain("状态：已预约上门");
    expect(status[0]?.text).toContain("处理人：Agnes");

    // Close: the customer gets the closing note and a 1–5 survey.
    await h.say(admin, staffGroup, `/close ${number} 更换了电容`);
    const closing = await h.flushOutbox();
    const survey = closing.find((message) => message.reply_markup?.inline_keyboard[0]?.length === 5);
    expect(survey?.text).toContain(`请为工单 ${number} 的服务打分`);
    const five = buttonData(survey, "sv:").replace(/:\d$/, ":5");
    const askComment = await h.press(wang, survey as Message, five);
    expect(textsOf(askComment)).toEqual(["感谢您打出 5/5 分！可以再写几句评价，或选「完成」。"]);
    // The tapped score is recorded at once; the comment that follows is added to it.
    expect(await desk.stores.surveys.findByTicket(ticket.id)).toMatchObject({ status: "answered", score: 5 });
    expect(textsOf(await h.say(wang, chat, "师傅很专业"))).toEqual(["感谢您的反馈！"]);
    const answered = await desk.stores.surveys.findByTicket(ticket.id);
    expect(answered).toMatchObject({ status: "answered", score: 5, comment: "师傅很专业" });
    // A late tap on the old keyboard (a stale client) is answered politely and changes nothing.
    expect(textsOf(await h.press(wang, survey as Message, five.replace(/:5$/, ":1"), true))).toEqual(["您已评价过，感谢您的反馈！"]);
    expect(await desk.stores.surveys.findByTicket(ticket.id)).toMatchObject({ score: 5 });
  });

  it("refuses a stranger's /close and changes nothing", async () => {
    const h = (harness = await startDesk());
    const { api, desk, staffGroup } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const { ticket } = await desk.core.intake({ name: "Alice", phone: "13800138000", description: "Kettle leaks", channel: "telegram", identity: { channel: "telegram", externalId: String(alice.id) } });
    const mallory = api.user({ first_name: "Mallory", language_code: "en" });

    expect(textsOf(await h.say(mallory, staffGroup, `/close ${ticket.number}`))).toEqual(["This command is for registered service staff only."]);
    expect(textsOf(await h.say(mallory, api.privateChat(mallory), `/close ${ticket.number}`))).toEqual(["This command is for registered service staff only."]);
    const after = await desk.core.show(ticket.number);
    expect(after.status).toBe("new");
    expect(after.timeline.map((event) => event.type)).toEqual(["created"]);
    // Chatter in the staff group is not answered at all.
    expect(await h.say(mallory, staffGroup, "anyone here?")).toEqual([]);
  });

  it("handles the same update delivered twice once: one ticket", async () => {
    const h = (harness = await startDesk());
    const { api, desk } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    await h.say(alice, chat, "/report The fridge is warm inside");
    const ok = last(api.sent(chat.id));
    await h.press(alice, ok, payload.categoryOk);
    const summary = last(await h.say(alice, chat, "13800138000"));
    expect(summary.text).toContain("Please check your report");

    const confirm = api.build.callback(alice, summary, payload.confirm);
    const since = api.sent().length;
    api.pushRaw(confirm);
    api.pushRaw(confirm);
    await api.waitUntilConfirmed(confirm);
    const answers = api.sent().slice(since).filter((message) => message.text?.includes("Your ticket number is"));
    expect(answers).toHaveLength(1);
    expect((await desk.core.list({})).total).toBe(1);
    expect(h.logs.some((entry) => entry.message === "duplicate update ignored")).toBe(true);
  });

  it("resumes a report after a restart on the same database", async () => {
    const h = (harness = await startDesk());
    const { api, desk } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    await h.say(alice, chat, "/report");
    const suggestion = last(await h.say(alice, chat, "The washing machine does not drain"));
    expect(suggestion.text).toContain("This looks like: Repair");

    await h.restart();

    const product = await h.press(alice, suggestion, payload.categoryOk);
    expect(textsOf(product)).toEqual(["Which product or model is it? (brand and model from the label)"]);
    await h.say(alice, chat, "Bosch WAN28");
    await h.press(alice, last(api.sent(chat.id)), payload.photosDone);
    await h.say(alice, chat, "13900139000");
    await h.press(alice, last(api.sent(chat.id)), payload.skip);
    const summary = last(await h.press(alice, last(api.sent(chat.id)), payload.skip));
    const number = ticketNumberIn(await h.press(alice, summary, payload.confirm));
    expect(await desk.core.show(number)).toMatchObject({ description: "The washing machine does not drain", product: "Bosch WAN28", phone: "13900139000" });
  });
});
