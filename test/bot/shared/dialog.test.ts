import { describe, expect, it, vi } from "vitest";
import { createDialog, renderNumberedChoices } from "../../../bot/shared/dialog.ts";
import { replyWithNumbers } from "../../../bot/shared/text-choices.ts";
import { parseCommand } from "../../../bot/shared/parse-command.ts";
import { payload } from "../../../bot/shared/payloads.ts";
import { parseAppointment, parseStatus } from "../../../bot/shared/staff-commands.ts";
import type { AttachmentRef, DialogResult, InboundMessage, KnowledgeBaseSearch, Reply } from "../../../bot/shared/types.ts";
import type { StaffRole } from "../../../core/tickets/types.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";
import { createMemoryBotStores, silentLogger } from "../support/memory-bot-stores.ts";

/**
 * The dialog layer with no chat library at all: messages in, replies and session out. The
 * session goes through JSON between messages, as the adapters store it.
 */
function harness(options: { hasButtons?: boolean; knowledgeBase?: KnowledgeBaseSearch; confidence?: number; publicUrl?: string | null } = {}) {
  // Unsure by default, so the guided report asks every step (the category check included).
  const desk = buildCore({
    classification: { category: "repair", urgency: "high", confidence: options.confidence ?? 0.5 },
    ...(options.publicUrl !== undefined ? { settings: { publicUrl: options.publicUrl } } : {}),
  });
  const botStores = createMemoryBotStores();
  const fetched: AttachmentRef[] = [];
  const logs: { level: string; object: object; message?: string }[] = [];
  const dialog = createDialog({
    core: desk.core,
    surveyPrompts: botStores.surveyPrompts,
    seenUsers: botStores.seenUsers,
    fetchAttachment: async (ref) => {
      fetched.push(ref);
      return ref.kind === "voice"
        ? { fileName: "voice.oga", mimeType: "audio/ogg", sizeBytes: 5, storagePath: `uploads/${ref.ref}.oga` }
        : { fileName: `${ref.ref}.jpg`, mimeType: "image/jpeg", sizeBytes: 3, storagePath: `uploads/${ref.ref}.jpg` };
    },
    logger: silentLogger(logs),
    hasButtons: options.hasButtons ?? true,
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
  });
  const sessions = new Map<string, string>();
  let sequence = 0;

  type Person = { id: string; displayName: string; languageHint?: string };
  async function send(person: Person, input: Partial<InboundMessage> & { chatKind?: "private" | "group"; chatId?: string } = {}): Promise<DialogResult> {
    const { chatKind, chatId, ...rest } = input;
    sequence++;
    const message: InboundMessage = {
      channel: "telegram",
      eventId: String(sequence),
      sender: person,
      chat: { kind: chatKind ?? "private", id: chatId ?? person.id },
      messageId: String(sequence),
      attachments: [],
      ...rest,
    };
    const stored = sessions.get(person.id);
    const result = await dialog.handle(message, stored ? (JSON.parse(stored) as unknown) : null);
    sessions.set(person.id, JSON.stringify(result.session));
    return result;
  }
  const text = (person: Person, value: string, extra: Partial<InboundMessage> & { chatKind?: "private" | "group"; chatId?: string } = {}) => send(person, { text: value, ...extra });
  const press = (person: Person, data: string, extra: Partial<InboundMessage> & { chatKind?: "private" | "group"; chatId?: string } = {}) => send(person, { button: data, ...extra });

  async function registerStaff(id: string, name: string, role: StaffRole) {
    return desk.stores.staff.create({ id: `staff-${id}`, name, role, createdAt: desk.clock.now(), identities: [{ channel: "telegram", externalId: id }] });
  }

  /** Runs the whole guided report for `person` and returns the ticket number. */
  async function report(person: Person, description = "空调不制冷了，外机有异响"): Promise<string> {
    await text(person, "/report");
    await text(person, description);
    await press(person, payload.categoryOk);
    await press(person, payload.skip);
    await press(person, payload.photosDone);
    await send(person, { contactPhone: "+86 138 0013 8000" });
    await text(person, "上海市浦东新区张江路 100 号");
    await press(person, payload.skip);
    const done = await press(person, payload.confirm);
    const number = /SR\d{12}/.exec(done.replies[0]?.text ?? "")?.[0];
    if (!number) throw new Error(`no ticket number in ${JSON.stringify(done.replies)}`);
    return number;
  }

  return { ...desk, botStores, dialog, send, text, press, registerStaff, report, fetched, sessions, logs };
}

const texts = (result: DialogResult) => result.replies.map((reply) => reply.text);
const payloads = (reply: Reply | undefined) => reply?.choices?.flat().map((choice) => choice.payload) ?? [];

const alice = { id: "101", displayName: "Alice Wang", languageHint: "en" };
const wang = { id: "102", displayName: "王芳", languageHint: "zh-hans" };
const agent = { id: "900", displayName: "Agnes" };

describe("customer dialog", () => {
  it("greets in the client's language with a menu, and switches language on request", async () => {
    const h = harness();
    const zh = await h.text(wang, "/start");
    expect(zh.replies[0]?.text).toContain("王芳，您好");
    expect(payloads(zh.replies[0])).toEqual([payload.menuReport, payload.menuStatus, payload.menuFaq]);
    const en = await h.text(alice, "/start");
    expect(en.replies[0]?.text).toContain("Hello Alice Wang");

    expect(texts(await h.text(alice, "/lang zh-hant"))).toEqual(["已切換為繁體中文。"]);
    expect((await h.text(alice, "/start")).replies[0]?.text).toContain("您好");
    const choose = await h.text(alice, "/lang");
    expect(payloads(choose.replies[0])).toEqual(["l:en", "l:zh-Hans", "l:zh-Hant"]);
    expect(texts(await h.press(alice, "l:en"))).toEqual(["Language set to English."]);
  });

  it("guides a report step by step and creates the ticket with everything the customer said", async () => {
    const h = harness();
    expect(texts(await h.text(alice, "/report"))).toEqual(["What is wrong? Please describe the problem in a few words."]);
    const suggestion = await h.text(alice, "The air conditioner blows warm air");
    expect(suggestion.replies[0]?.text).toBe("Thank you. This looks like: Repair (urgency: High). Is the category right?");
    const categories = await h.press(alice, payload.categoryChange);
    expect(payloads(categories.replies[0])).toContain(payload.category("installation"));
    expect(texts(await h.press(alice, payload.category("installation")))).toEqual(["Which product or model is it? (brand and model from the label)"]);
    expect(texts(await h.text(alice, "Gree KFR-35GW"))).toEqual(["You can send photos of the problem now (optional). Choose Done when finished."]);
    const photo = await h.send(alice, { attachments: [{ kind: "photo", ref: "photo-1" }] });
    expect(texts(photo)).toEqual(["Photo 1 attached. Send more, or choose Done."]);
    const phoneStep = await h.press(alice, payload.photosDone);
    expect(phoneStep.replies[0]?.askContact?.label).toBe("Share my phone number");
    expect(texts(await h.text(alice, "call me"))).toEqual(["That does not look like a phone number. Please type 7 to 15 digits, e.g. 138 0013 8000."]);
    const addressStep = await h.text(alice, "138-0013-8000");
    expect(addressStep.replies[0]).toMatchObject({ text: "Where should the technician come? Please type the address.", removeKeyboard: true });
    await h.text(alice, "100 Zhangjiang Road, Shanghai");
    const summary = await h.press(alice, payload.skip);
    expect(summary.replies[0]?.text).toContain("Category: Installation");
    expect(summary.replies[0]?.text).toContain("Photos: 1");
    expect(summary.replies[0]?.text).toContain("Preferred time: —");
    expect(payloads(summary.replies[0])).toEqual([payload.confirm, payload.edit, payload.cancel]);

    const done = await h.press(alice, payload.confirm);
    expect(done.session.dialog).toBeUndefined();
    const number = /SR\d{12}/.exec(done.replies[0]?.text ?? "")?.[0] ?? "";
    expect(done.replies[0]?.text).toContain("Expected first response by");
    expect(done.replies[0]?.about).toEqual({ ticketNumber: number, kind: "notice" });
    const ticket = await h.core.show(number);
    expect(ticket).toMatchObject({
      status: "new",
      description: "The air conditioner blows warm air",
      category: "installation",
      urgency: "high",
      product: "Gree KFR-35GW",
      phone: "13800138000",
      address: "100 Zhangjiang Road, Shanghai",
      channel: "telegram",
      contactName: "Alice Wang",
    });
    expect(ticket.attachments).toMatchObject([{ storagePath: "uploads/photo-1.jpg", mimeType: "image/jpeg" }]);
    const customer = await h.stores.customers.findByIdentity({ channel: "telegram", externalId: alice.id });
    expect(customer).toMatchObject({ language: "en" });
  });

  it("lets the customer change a field from the summary and cancels cleanly", async () => {
    const h = harness();
    // Words after /report make a quick report: the category check, the phone, then the summary.
    await h.text(alice, "/report The kettle leaks");
    await h.press(alice, payload.categoryOk);
    await h.text(alice, "13800138000");
    const fields = await h.press(alice, payload.edit);
    expect(payloads(fields.replies[0])).toContain(payload.editField("address"));
    expect(texts(await h.press(alice, payload.editField("address")))).toEqual(["Where should the technician come? Please type the address."]);
    const summary = await h.text(alice, "5 Lake Road");
    expect(summary.replies[0]?.text).toContain("Address: 5 Lake Road");
    const cancelled = await h.press(alice, payload.cancel);
    expect(texts(cancelled)).toEqual(["The report was cancelled; nothing was submitted."]);
    expect(cancelled.session.dialog).toBeUndefined();
    expect((await h.core.list({})).total).toBe(0);
    // The old summary's button does nothing now.
    const late = await h.press(alice, payload.confirm);
    expect(late.toast).toBe("This button is no longer active.");
    expect((await h.core.list({})).total).toBe(0);
  });

  it("vouches for the phone to intake only when it is the sender's own contact card, also after an edit", async () => {
    const h = harness();
    const intake = vi.spyOn(h.core, "intake");
    const mallory = { id: "666", displayName: "Mallory", languageHint: "en" };
    /** A report up to the summary, with the phone given by `phone`. */
    async function toSummary(person: typeof alice, phone: Partial<InboundMessage>) {
      await h.text(person, "/report The kettle leaks");
      await h.press(person, payload.categoryOk);
      return h.send(person, phone);
    }

    expect((await toSummary(alice, { contactPhone: "+86 138 0013 8000", contactPhoneVerified: true })).replies[0]?.text).toContain("Phone: 138 0013 8000");
    await h.press(alice, payload.confirm);
    // Someone else's contact card, and a typed number: not vouched for.
    await toSummary(mallory, { contactPhone: "+86 138 0013 8000", contactPhoneVerified: false });
    await h.press(mallory, payload.confirm);
    await toSummary(wang, { text: "13800138000" });
    await h.press(wang, payload.confirm);
    // Own card first, then the number changed by typing from the summary: no longer vouched for.
    const bob = { id: "103", displayName: "Bob", languageHint: "en" };
    await toSummary(bob, { contactPhone: "+86 139 0013 9000", contactPhoneVerified: true });
    await h.press(bob, payload.edit);
    await h.press(bob, payload.editField("phone"));
    expect((await h.text(bob, "13700137000")).replies[0]?.text).toContain("Phone: 137 0013 7000");
    await h.press(bob, payload.confirm);

    expect(intake.mock.calls.map(([report]) => report.identity)).toEqual([
      { channel: "telegram", externalId: alice.id, phoneVerified: true },
      { channel: "telegram", externalId: mallory.id, phoneVerified: false },
      { channel: "telegram", externalId: wang.id, phoneVerified: false },
      { channel: "telegram", externalId: bob.id, phoneVerified: false },
    ]);
  });

  it("starts a report from a photo sent alone, keeping the photo", async () => {
    const h = harness();
    const started = await h.send(wang, { attachments: [{ kind: "photo", ref: "p-9" }] });
    expect(texts(started)).toEqual(["已收到附件。请再用文字简单描述一下问题。"]);
    expect(started.session.dialog).toMatchObject({ kind: "report", step: "description", draft: { attachments: [{ storagePath: "uploads/p-9.jpg" }] } });
    expect((await h.text(wang, "洗衣机漏水")).replies[0]?.text).toContain("初步判断为：维修");
  });

  it("offers a ticket for free text, and adds later text to the single open ticket", async () => {
    const h = harness();
    const offer = await h.text(wang, "空调不制冷了");
    expect(offer.replies[0]?.text).toContain("要把这个问题登记为报修吗？");
    expect(payloads(offer.replies[0])).toEqual([payload.offerYes, payload.offerNo]);
    const yes = await h.press(wang, payload.offerYes);
    expect(yes.session.dialog).toMatchObject({ kind: "report", step: "category", draft: { description: "空调不制冷了" } });
    await h.text(wang, "/cancel");

    const number = await h.report(wang);
    const added = await h.text(wang, "师傅下午能来吗？");
    expect(added.replies[0]?.text).toBe(`已补充到您未完结的工单 ${number}，服务台会看到。如果这是另一个问题，请选下面的选项。`);
    expect(added.inboundLink).toEqual({ ticketNumber: number, kind: "customer_inbound" });
    const view = await h.core.show(number);
    expect(view.timeline.at(-1)).toMatchObject({ type: "customer_message", note: "师傅下午能来吗？" });
  });

  it("shows status only for the customer's own tickets and records a chase", async () => {
    const h = harness();
    const number = await h.report(wang);
    const list = await h.text(wang, "/status");
    expect(list.replies[0]?.text).toContain(`${number} · 已提交`);
    const detail = await h.text(wang, `查询 ${number}`);
    expect(detail.replies[0]?.text).toContain(`工单 ${number}\n状态：已提交`);
    expect(detail.replies[0]?.text).toContain("工单已创建");
    expect(texts(await h.text(alice, `/status ${number}`))).toEqual(["We could not find a ticket with that number and phone. Please check both and try again."]);
    expect(texts(await h.text(alice, `/chase ${number}`))).toEqual(["We could not find a ticket with that number and phone. Please check both and try again."]);

    expect(texts(await h.text(wang, `催单 ${number}`))).toEqual([`已提醒服务台尽快处理工单 ${number}。`]);
    expect((await h.core.show(number)).chaseCount).toBe(1);
    // Once an hour at most.
    expect(texts(await h.text(wang, "/chase"))).toEqual(["您一小时内已催过此工单，服务台已收到提醒。11:00 起可再次催单。"]);
  });

  it("resumes from the stored session: the state is plain JSON", async () => {
    const h = harness();
    await h.text(alice, "/report");
    await h.text(alice, "Fridge is noisy");
    const stored = h.sessions.get(alice.id) ?? "";
    expect(JSON.parse(stored)).toMatchObject({ dialog: { kind: "report", step: "category" } });
    // A second dialog instance (a restarted process) continues from the same data.
    const restarted = createDialog({
      core: h.core,
      surveyPrompts: h.botStores.surveyPrompts,
      seenUsers: h.botStores.seenUsers,
      fetchAttachment: async () => {
        throw new Error("not used");
      },
      logger: silentLogger(),
      hasButtons: true,
    });
    const next = await restarted.handle(
      { channel: "telegram", eventId: "x", sender: alice, chat: { kind: "private", id: alice.id }, messageId: "77", attachments: [], button: payload.categoryOk },
      JSON.parse(stored) as unknown,
    );
    expect(texts(next)).toEqual(["Which product or model is it? (brand and model from the label)"]);
  });
});

describe("surveys in chat", () => {
  /** The survey invitation the core queued last. */
  const lastSurvey = (h: ReturnType<typeof harness>) => {
    const survey = [...h.stores.outbox].reverse().find((intent) => intent.notification.kind === "customer.survey")?.notification;
    if (survey?.kind !== "customer.survey") throw new Error("no survey was queued");
    return survey;
  };

  /** Alice's closed ticket and the survey prompt the adapter stored when it sent the 1–5 buttons. */
  async function surveyed(h: ReturnType<typeof harness>, key: string) {
    const number = await h.report(alice);
    const boss = await h.registerStaff("900", "Agnes", "admin");
    await h.core.close(number, { actor: { kind: "staff", id: boss.id }, channel: "telegram" }, "fixed");
    const survey = lastSurvey(h);
    await h.botStores.surveyPrompts.create({
      key,
      channel: "telegram",
      surveyId: survey.surveyId,
      token: survey.surveyToken,
      ticketNumber: number,
      externalId: alice.id,
      createdAt: h.clock.now(),
    });
    return survey;
  }

  it("records a tapped score at once, takes the next text as its comment, and answers a repeated tap politely", async () => {
    const h = harness();
    const survey = await surveyed(h, "k1");

    expect((await h.press(wang, payload.survey("k1", 1))).toast).toBe("该按钮已失效。");
    const scored = await h.press(alice, payload.survey("k1", 4));
    expect(scored.replies[0]?.text).toBe("Thank you for rating us 4/5! You can write a comment now, or choose Done.");
    expect(payloads(scored.replies[0])).toEqual([payload.surveyDone("k1")]);
    // The score is the core's before any comment: nothing waits in the bot.
    expect(await h.stores.surveys.findById(survey.surveyId)).toMatchObject({ status: "answered", score: 4 });
    expect((await h.stores.surveys.findById(survey.surveyId))?.comment).toBeUndefined();

    expect(texts(await h.text(alice, "Quick and friendly"))).toEqual(["Thank you for your feedback!"]);
    expect(await h.stores.surveys.findById(survey.surveyId)).toMatchObject({ status: "answered", score: 4, comment: "Quick and friendly" });
    expect(h.stores.allEvents.filter((event) => event.type === "survey_commented")).toEqual([expect.objectContaining({ note: "Quick and friendly" })]);

    expect(texts(await h.press(alice, payload.survey("k1", 5)))).toEqual(["You have already answered this survey. Thank you!"]);
    expect(await h.stores.surveys.findById(survey.surveyId)).toMatchObject({ score: 4 });
  });

  it("ends the wait for a comment on Done; later words are ordinary messages", async () => {
    const h = harness();
    const { surveyId } = await surveyed(h, "k2");
    await h.press(alice, payload.survey("k2", 2));
    expect(await h.stores.surveys.findById(surveyId)).toMatchObject({ status: "answered", score: 2 });
    expect(texts(await h.press(alice, payload.surveyDone("k2")))).toEqual(["Thank you for your feedback!"]);
    expect((await h.press(alice, payload.surveyDone("k2"))).toast).toBe("This button is no longer active.");
    expect((await h.text(alice, "It broke again")).replies[0]?.text).not.toContain("Thank you for your feedback");
    expect((await h.stores.surveys.findById(surveyId))?.comment).toBeUndefined();
  });

  it("takes words a day after the score as an ordinary message, not a comment", async () => {
    const h = harness();
    const { surveyId } = await surveyed(h, "k3");
    await h.press(alice, payload.survey("k3", 5));
    h.clock.advance(24 * 60 + 1);
    expect((await h.text(alice, "My fridge is noisy")).replies[0]?.text).not.toContain("Thank you for your feedback");
    expect((await h.stores.surveys.findById(surveyId))?.comment).toBeUndefined();
  });
});

describe("staff commands", () => {
  it("refuses strangers and changes nothing", async () => {
    const h = harness();
    const number = await h.report(wang);
    const stranger = { id: "555", displayName: "Mallory" };
    for (const command of [`/close ${number}`, `/take ${number}`, "/queue"]) {
      expect(texts(await h.text(stranger, command, { chatKind: "group", chatId: "-100" }))).toEqual(["This command is for registered service staff only."]);
    }
    expect(texts(await h.text(stranger, `/close ${number}`))).toEqual(["This command is for registered service staff only."]);
    expect((await h.press(stranger, payload.staffTake(number), { chatKind: "group", chatId: "-100" })).toast).toBe(
      "This command is for registered service staff only.",
    );
    const untouched = await h.core.show(number);
    expect(untouched.status).toBe("new");
    expect(untouched.assigneeId).toBeUndefined();
    expect(untouched.timeline.map((event) => event.type)).toEqual(["created"]);
    // Plain talk in the staff group is not answered.
    expect(texts(await h.text(stranger, "hello all", { chatKind: "group", chatId: "-100" }))).toEqual([]);
  });

  it("runs a ticket from queue to close, with the number or the replied-to post", async () => {
    const h = harness();
    const number = await h.report(wang);
    await h.registerStaff(agent.id, "Agnes", "agent");
    const tech = await h.registerStaff("901", "Tom", "technician");
    const group = { chatKind: "group" as const, chatId: "-100" };

    expect((await h.text(agent, "/queue", group)).replies[0]?.text).toContain(`${number} [High/Repair] Received`);
    expect(texts(await h.text(agent, `/take ${number}`, group))).toEqual([`${number} is now assigned to you.`]);
    expect((await h.text(agent, "/mine", group)).replies[0]?.text).toContain(number);
    expect(texts(await h.text(agent, `/assign ${number} Tom`, group))).toEqual([`${number} is now assigned to Tom.`]);
    expect((await h.core.show(number)).assigneeId).toBe(tech.id);

    // Replying to the bot's post of the ticket: no number needed.
    const post = { replyTo: { ticketNumber: number, kind: "ticket_post" as const } };
    const scheduled = await h.text(agent, "/status scheduled 2026-11-25 14:00 bring a ladder", { ...group, ...post });
    expect(texts(scheduled)).toEqual([`${number} is now: Visit scheduled.`]);
    const view = await h.core.show(number);
    expect(view.appointmentAt).toEqual(new Date("2026-11-25T06:00:00Z"));
    expect(view.timeline.find((event) => event.type === "status_changed" && event.toStatus === "scheduled")?.note).toBe("bring a ladder");

    expect(texts(await h.text(agent, `/reply ${number} The technician comes tomorrow at 14:00`, group))).toEqual([`Reply sent to the customer of ${number}.`]);
    expect(texts(await h.text(agent, "checked the parts stock", { ...group, ...post }))).toEqual([`Internal note added to ${number}.`]);
    // In a ticket's topic, plain messages are quiet internal notes.
    expect(texts(await h.text(agent, "customer prefers afternoons", { ...group, topicTicket: number }))).toEqual([]);
    // A reply to the relayed customer message goes to the customer.
    expect(texts(await h.text(agent, "Yes, 14:00 works", { ...group, replyTo: { ticketNumber: number, kind: "customer_message" } }))).toEqual([
      `Reply sent to the customer of ${number}.`,
    ]);
    const timeline = (await h.core.show(number)).timeline.map((event) => [event.type, event.visibility, event.note]);
    expect(timeline).toContainEqual(["note", "internal", "customer prefers afternoons"]);
    expect(timeline).toContainEqual(["reply", "public", "Yes, 14:00 works"]);

    expect(texts(await h.text(agent, `/close ${number} replaced the capacitor`, group))).toEqual([
      `${number} is closed; the customer has been asked for feedback.`,
    ]);
    expect(texts(await h.text(agent, `/close ${number}`, group))[0]).toContain("This ticket is Closed and cannot become");
    expect((await h.text(agent, "/stats", group)).replies[0]?.text).toContain("Open tickets: 0");
  });

  it("answers buttons on the staff post and registers staff by @username", async () => {
    const h = harness();
    const number = await h.report(wang);
    await h.registerStaff(agent.id, "Agnes", "admin");
    const group = { chatKind: "group" as const, chatId: "-100" };
    await h.botStores.seenUsers.remember({ channel: "telegram", externalId: "902", username: "Bob_Fix", displayName: "Bob" }, h.clock.now());

    expect(texts(await h.text(agent, "/staff add @nobody technician", group))[0]).toContain("I do not know @nobody yet");
    expect(texts(await h.text(agent, "/staff add @bob_fix technician", group))).toEqual(["Bob is registered as technician."]);
    expect(texts(await h.text(agent, "/staff add 903 supervisor Sue", group))).toEqual(["Sue is registered as supervisor."]);
    expect(texts(await h.text({ id: "903", displayName: "Sue" }, "/staff add 904 admin Eve", group))[0]).toBe("You are not allowed to do this.");

    const menu = await h.press(agent, payload.staffAssignMenu(number), group);
    const bobChoice = menu.replies[0]?.choices?.flat().find((choice) => choice.label.startsWith("Bob"));
    expect(bobChoice).toBeDefined();
    expect(texts(await h.press(agent, bobChoice?.payload ?? "", group))).toEqual([`${number} is now assigned to Bob.`]);
    const urgencies = await h.press(agent, payload.staffUrgencyMenu(number), group);
    expect(payloads(urgencies.replies[0])).toContain(payload.staffUrgency(number, "urgent"));
    expect(texts(await h.press(agent, payload.staffUrgency(number, "urgent"), group))).toEqual([`${number}: urgency is now Urgent.`]);
    expect(texts(await h.text(agent, "/assign 123 @bob_fix", group))).toEqual(["Which ticket? Add its number, or reply to the bot's post of the ticket."]);
  });

  it("parses statuses in any language and visit times in the desk's zone", () => {
    expect(parseStatus("in-progress")).toBe("in_progress");
    expect(parseStatus("处理中")).toBe("in_progress");
    expect(parseStatus("Visit scheduled")).toBe("scheduled");
    expect(parseStatus("nonsense")).toBeNull();
    const now = new Date("2026-11-24T02:00:00Z");
    expect(parseAppointment(["11-25", "9:30"], "Asia/Shanghai", now)).toEqual({ at: new Date("2026-11-25T01:30:00Z"), words: 2 });
    expect(parseAppointment(["2026-11-25T14:00"], "Asia/Shanghai", now)).toEqual({ at: new Date("2026-11-25T06:00:00Z"), words: 1 });
    expect(parseAppointment(["tomorrow"], "Asia/Shanghai", now)).toBeNull();
  });
});

describe("text-only channels and command words", () => {
  it("numbers the choices and accepts the typed number", async () => {
    const h = harness({ hasButtons: false });
    const menu = await h.text(wang, "/start");
    expect(renderNumberedChoices(menu.replies[0] ?? { text: "" })).toMatch(/1\. 我要报修\n2\. 我的工单\n3\. 常见问题$/);
    expect(texts(await h.text(wang, "1"))).toEqual(["请问遇到了什么问题？请简单描述一下。"]);
  });

  it("writes choices as one line to reply with, in the reader's language; a 1–5 scale as a range", () => {
    expect(replyWithNumbers("zh-Hans", ["报修", "查询进度"])).toBe("回复 1 报修，2 查询进度");
    expect(replyWithNumbers("zh-Hant", ["報修", "查詢進度"])).toBe("回覆 1 報修，2 查詢進度");
    expect(replyWithNumbers("en", ["Report", "Status"])).toBe("Reply 1 Report, 2 Status");
    expect(replyWithNumbers("zh-Hans", ["1", "2", "3", "4", "5"])).toBe("请回复数字 1–5");
    expect(replyWithNumbers("en", [])).toBe("");
  });

  it("asks a text-only channel to type the phone (no share button), and takes the typed number as unverified", async () => {
    const h = harness({ hasButtons: false, confidence: 0.9 });
    const asked = await h.text(wang, "/report 空调不制冷，开了一个小时还是热风");
    const prompt = asked.replies.at(-1);
    expect(prompt?.text).toBe("请问怎么联系您？请输入您的手机号。");
    expect(prompt?.askContact).toBeUndefined();
    const summary = await h.text(wang, "13800138000");
    expect(summary.session.dialog).toMatchObject({ kind: "report", step: "confirm", draft: { phone: "13800138000" } });
    expect(summary.session.dialog?.kind === "report" && summary.session.dialog.draft.phoneVerified).toBeFalsy();
  });

  it("reads slash commands, bot mentions and the Chinese keywords", () => {
    expect(parseCommand("/take@desk_bot SR202611240001")).toMatchObject({ name: "take", args: ["SR202611240001"], mention: "desk_bot" });
    expect(parseCommand("/note SR202611240001  two  words")).toMatchObject({ name: "note", rest: "SR202611240001  two  words" });
    expect(parseCommand("报修")).toMatchObject({ name: "report", rest: "" });
    expect(parseCommand("报修：空调坏了")).toMatchObject({ name: "report", rest: "空调坏了" });
    expect(parseCommand("查询SR202611240001")).toMatchObject({ name: "status", args: ["SR202611240001"] });
    expect(parseCommand("催單 SR202611240001")).toMatchObject({ name: "chase" });
    expect(parseCommand("报修的师傅什么时候来")).toBeNull();
    expect(parseCommand("hello")).toBeNull();
  });
});

describe("the customer's language choice", () => {
  it("stays in the session for a newcomer and goes to intake; a known customer's choice is stored for notifications", async () => {
    const h = harness();
    const wangIdentity = { channel: "telegram" as const, externalId: wang.id };
    expect(texts(await h.text(wang, "/lang en"))).toEqual(["Language set to English."]);
    expect(await h.stores.customers.findByIdentity(wangIdentity)).toBeNull();
    await h.report(wang);
    expect(await h.stores.customers.findByIdentity(wangIdentity)).toMatchObject({ language: "en" });

    expect(texts(await h.text(wang, "/lang zh"))).toEqual(["已切换为简体中文。"]);
    expect(await h.stores.customers.findByIdentity(wangIdentity)).toMatchObject({ language: "zh-Hans" });
    await h.press(wang, payload.language("zh-Hant"));
    expect(await h.stores.customers.findByIdentity(wangIdentity)).toMatchObject({ language: "zh-Hant" });
  });
});

describe("photos and voice notes from a customer with tickets", () => {
  const photo = (ref: string): AttachmentRef[] => [{ kind: "photo", ref }];
  const lastRelay = (h: ReturnType<typeof harness>) => [...h.stores.outbox].reverse().find((intent) => intent.notification.kind === "staff.customer_message")?.notification;

  it("adds a photo to the one open ticket, relays it to staff, and still lets the customer report it as a new problem", async () => {
    const h = harness();
    const number = await h.report(wang);
    const added = await h.send(wang, { attachments: photo("p-1") });
    expect(added.replies[0]?.text).toBe(`已补充到您未完结的工单 ${number}，服务台会看到。如果这是另一个问题，请选下面的选项。`);
    expect(payloads(added.replies[0])).toEqual([payload.offerYes]);
    expect(added.inboundLink).toEqual({ ticketNumber: number, kind: "customer_inbound" });
    const view = await h.core.show(number);
    expect(view.attachments).toMatchObject([{ storagePath: "uploads/p-1.jpg", mimeType: "image/jpeg" }]);
    expect(view.timeline.at(-1)).toMatchObject({ type: "customer_message", note: "[照片]", data: { attachments: [{ storagePath: "uploads/p-1.jpg" }] } });
    expect(lastRelay(h)).toMatchObject({ number, text: "[照片]", files: [expect.objectContaining({ mimeType: "image/jpeg" })] });

    // "It is a different problem": a report starts with the same photo attached.
    const report = await h.press(wang, payload.offerYes);
    expect(texts(report)).toEqual(["已收到附件。请再用文字简单描述一下问题。"]);
    expect(report.session.dialog).toMatchObject({ kind: "report", step: "description", draft: { attachments: [{ storagePath: "uploads/p-1.jpg" }] } });
  });

  it("uses the caption as the message, labels a voice note in the customer's language, and follows a reply to a ticket message", async () => {
    const h = harness();
    const number = await h.report(alice);
    await h.send(alice, { attachments: photo("p-2"), text: "The leak is here" });
    expect((await h.core.show(number)).timeline.at(-1)).toMatchObject({ type: "customer_message", note: "The leak is here" });
    await h.send(alice, { attachments: [{ kind: "voice", ref: "v-1" }] });
    expect((await h.core.show(number)).timeline.at(-1)).toMatchObject({ type: "customer_message", note: "[Voice message]" });
    expect(lastRelay(h)).toMatchObject({ files: [expect.objectContaining({ mimeType: "audio/ogg" })] });

    const reply = await h.send(alice, { attachments: photo("p-3"), replyTo: { ticketNumber: number, kind: "notice" } });
    expect(texts(reply)).toEqual([`Added to ticket ${number}; the service desk will see it.`]);
    expect((await h.core.show(number)).attachments.map((attachment) => attachment.storagePath)).toEqual(["uploads/p-2.jpg", "uploads/v-1.oga", "uploads/p-3.jpg"]);
  });

  it("asks which ticket when several are open, and adds the photo to the chosen one", async () => {
    const h = harness();
    const first = await h.report(wang);
    h.clock.advance(1);
    const second = await h.report(wang, "洗衣机不排水");
    const which = await h.send(wang, { attachments: photo("p-4"), text: "这是照片" });
    expect(which.replies[0]?.text).toBe("这是关于您某张未完结的工单，还是新问题？\n\n「这是照片」");
    expect(payloads(which.replies[0])).toEqual([payload.offerYes, payload.offerAdd(second), payload.offerAdd(first)]);
    expect((await h.core.show(first)).attachments).toEqual([]);

    expect(texts(await h.press(wang, payload.offerAdd(first)))).toEqual([`已补充到工单 ${first}，服务台会看到。`]);
    const view = await h.core.show(first);
    expect(view.attachments).toMatchObject([{ storagePath: "uploads/p-4.jpg" }]);
    expect(view.timeline.at(-1)).toMatchObject({ type: "customer_message", note: "这是照片" });
    expect((await h.core.show(second)).attachments).toEqual([]);
  });

  it("keeps photos waiting for the choice together (an album, or a word before choosing) until the customer picks a ticket", async () => {
    const h = harness();
    const first = await h.report(alice);
    h.clock.advance(1);
    await h.report(alice, "The dryer is loud");
    await h.send(alice, { attachments: photo("a-1"), text: "Both sides" });
    const second = await h.send(alice, { attachments: photo("a-2") });
    expect(second.replies[0]?.text).toBe("Is this about one of your open tickets, or a new problem?\n\n“Both sides”");
    expect(second.session.dialog).toMatchObject({ kind: "offer", text: "Both sides", attachments: [{ storagePath: "uploads/a-1.jpg" }, { storagePath: "uploads/a-2.jpg" }] });
    // A sticker in between loses nothing.
    expect((await h.send(alice, {})).session.dialog).toMatchObject({ kind: "offer", attachments: [{}, {}] });
    const commented = await h.text(alice, "the left one is worse");
    expect(commented.session.dialog).toMatchObject({ kind: "offer", text: "the left one is worse", attachments: [{}, {}] });

    await h.press(alice, payload.offerAdd(first));
    const view = await h.core.show(first);
    expect(view.attachments.map((attachment) => attachment.storagePath)).toEqual(["uploads/a-1.jpg", "uploads/a-2.jpg"]);
    expect(view.timeline.at(-1)).toMatchObject({ type: "customer_message", note: "the left one is worse" });
  });

  it("keeps a photo sent during a report in the report, and starts a report for a customer without open tickets", async () => {
    const h = harness();
    const number = await h.report(alice);
    await h.text(alice, "/report");
    await h.text(alice, "The oven door is broken");
    await h.send(alice, { attachments: photo("p-5") });
    expect((await h.core.show(number)).attachments).toEqual([]);
    expect(JSON.parse(h.sessions.get(alice.id) ?? "{}")).toMatchObject({ dialog: { kind: "report", draft: { attachments: [{ storagePath: "uploads/p-5.jpg" }] } } });

    const fresh = await h.send(wang, { attachments: photo("p-6") });
    expect(fresh.session.dialog).toMatchObject({ kind: "report", step: "description" });
  });
});

describe("return visits by staff", () => {
  it("records /visit outcomes with the number or on the replied-to post, and refuses strangers", async () => {
    const h = harness();
    const number = await h.report(wang);
    const boss = await h.registerStaff(agent.id, "Agnes", "agent");
    const group = { chatKind: "group" as const, chatId: "-100" };
    const stranger = { id: "555", displayName: "Mallory" };
    expect(texts(await h.text(stranger, `/visit ${number} reached`, group))).toEqual(["This command is for registered service staff only."]);
    expect(texts(await h.text(stranger, `/visit ${number} reached`))).toEqual(["This command is for registered service staff only."]);

    expect(texts(await h.text(agent, "/visit reached", group))).toEqual(["Which ticket? Add its number, or reply to the bot's post of the ticket."]);
    expect(texts(await h.text(agent, `/visit ${number} maybe`, group))[0]).toContain("Usage: /visit <number> reached|unreached");
    expect(texts(await h.text(agent, `/visit ${number} reached`, group))).toEqual([`${number} has no return visit to record; one is scheduled when the ticket is resolved.`]);
    expect(texts(await h.text(agent, "/visit SR202611249999 reached", group))).toEqual(["We could not find a ticket with that number and phone. Please check both and try again."]);

    const initiator = { actor: { kind: "staff" as const, id: boss.id }, channel: "telegram" as const };
    await h.core.take(number, initiator);
    await h.core.changeStatus({ number, status: "resolved", note: "fixed", initiator });
    await h.core.runDueJobs();

    const unreached = await h.text(agent, `/visit ${number.toLowerCase()} unreached 11-28 19:30 no answer`, group);
    expect(texts(unreached)).toEqual([`Return visit of ${number}: the customer was not reached (attempt 1). Next attempt: 28 Nov 2026, 19:30.`]);
    expect(unreached.replies[0]?.about).toEqual({ ticketNumber: number, kind: "notice" });
    expect(await h.stores.scheduling.findReturnVisit((await h.core.show(number)).id)).toMatchObject({ status: "scheduled", dueAt: new Date("2026-11-28T11:30:00Z"), note: "no answer" });
    expect(texts(await h.text(agent, `/visit ${number} unreached someday`, group))[0]).toContain("not reached (attempt 2)");

    // In a private chat, replying to the bot's message about the ticket; Chinese outcome words work too.
    const post = { replyTo: { ticketNumber: number, kind: "notice" as const } };
    expect(texts(await h.text(agent, "/visit 接通 客户满意", post))).toEqual([`Return visit of ${number} recorded: the customer was reached.`]);
    expect(texts(await h.text(agent, `/visit ${number} reached`, group))).toEqual([`The return visit of ${number} is already recorded as done.`]);
    const notes = (await h.core.show(number)).timeline.flatMap((event) => (event.type === "note" && event.data ? [[event.data.returnVisit, event.note]] : []));
    expect(notes).toEqual([
      ["unreached", "no answer"],
      ["unreached", "someday"],
      ["reached", "客户满意"],
    ]);
    expect((await h.text(agent, "/help", group)).replies[0]?.text).toContain("/visit <number> reached|unreached");
  });
});

describe("FAQ from the knowledge base", () => {
  const articles = [
    { slug: "water-leak", title: "Water leaking from the air conditioner" },
    { slug: "no-cooling", title: "The air conditioner does not cool" },
    { slug: "remote", title: "The remote control does not work" },
    { slug: "noise", title: "Strange noises" },
  ];
  function fakeKnowledgeBase() {
    const calls: { query: string; language: string; limit: number | undefined }[] = [];
    const knowledgeBase: KnowledgeBaseSearch = {
      async search(query, language, limit) {
        calls.push({ query, language, limit });
        if (query === "boom") throw new Error("database is locked");
        const words = query.toLowerCase().split(/\s+/);
        // Returns more than asked for: the dialog still shows three.
        return articles.filter((article) => words.some((word) => article.title.toLowerCase().includes(word) || (word === "漏水" && article.slug === "water-leak")));
      },
    };
    return { knowledgeBase, calls };
  }

  it("answers /faq <words> with the top three titles and their portal links", async () => {
    const { knowledgeBase, calls } = fakeKnowledgeBase();
    const h = harness({ knowledgeBase });
    const answer = await h.text(alice, "/faq the air conditioner");
    expect(texts(answer)).toEqual([
      "Help articles for “the air conditioner”:\n\n" +
        "• Water leaking from the air conditioner\nhttp://desk.test/faq/water-leak\n\n" +
        "• The air conditioner does not cool\nhttp://desk.test/faq/no-cooling\n\n" +
        "• The remote control does not work\nhttp://desk.test/faq/remote",
    ]);
    expect(calls).toEqual([{ query: "the air conditioner", language: "en", limit: 3 }]);

    // Without PUBLIC_URL: the titles, and no link to localhost.
    const noLinks = harness({ knowledgeBase, publicUrl: null });
    expect(texts(await noLinks.text(alice, "/faq water"))).toEqual(["Help articles for “water”:\n\n• Water leaking from the air conditioner"]);

    const zh = await h.text(wang, "常见问题 漏水");
    expect(texts(zh)).toEqual(["与「漏水」相关的帮助文章：\n\n• Water leaking from the air conditioner\nhttp://desk.test/faq/water-leak"]);
    expect(calls.at(-1)).toMatchObject({ query: "漏水", language: "zh-Hans" });
  });

  it("falls back to the fixed FAQ without words, without a match, when the search fails, and on an empty knowledge base", async () => {
    const { knowledgeBase } = fakeKnowledgeBase();
    const h = harness({ knowledgeBase });
    const fixed = "Frequently asked questions\n\n• How do I report a fault?";
    const bare = texts(await h.text(alice, "/faq"))[0] ?? "";
    expect(bare).toContain(fixed);
    expect(bare).toContain("Tip: send /faq and a few words");
    expect(texts(await h.press(alice, payload.menuFaq))[0]).toContain("Tip: send /faq");
    const none = texts(await h.text(alice, "/faq invoice"))[0] ?? "";
    expect(none.startsWith("No help article matches “invoice”.\n\nFrequently asked questions")).toBe(true);
    const failed = texts(await h.text(alice, "/faq boom"))[0] ?? "";
    expect(failed).toContain(fixed);
    expect(h.logs.some((entry) => entry.level === "warn" && entry.message?.includes("knowledge base search failed"))).toBe(true);

    // The core's own knowledge base, with no articles yet.
    const plain = harness();
    const empty = texts(await plain.text(alice, "/faq water leak"))[0] ?? "";
    expect(empty.startsWith("No help article matches “water leak”.\n\nFrequently asked questions")).toBe(true);
    expect(empty).not.toContain("Tip:");
  });
});
