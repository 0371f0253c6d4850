import { afterEach, describe, expect, it, vi } from "vitest";
import type { Message, User } from "grammy/types";
import { payload } from "../../../bot/shared/payloads.ts";
import type { UserChat } from "../../support/telegram/fake-bot-api.ts";
import { startDesk, ticketNumberIn, type DeskHarness } from "./telegram-harness.ts";

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);
const last = (messages: readonly Message[]): Message => {
  const message = messages.at(-1);
  if (!message) throw new Error("the bot sent nothing");
  return message;
};

const PHONE = "+86 138 0013 8000";
const PHONE_DIGITS = "13800138000";

type PhoneStep = (h: DeskHarness, user: User, chat: UserChat) => Promise<Message[]>;

/** The "share my phone number" button: a contact card of the sender's own account. */
const ownContactCard: PhoneStep = (h, user, chat) => h.deliver(() => h.api.sendContact(user, chat, PHONE));
const typed: PhoneStep = (h, user, chat) => h.say(user, chat, PHONE);
/** A contact card of someone else (Alice's, from B's address book): `contact.user_id` is not the sender. */
const contactCardOf =
  (owner: () => User): PhoneStep =>
  (h, user, chat) =>
    h.deliver(() => {
      const update = h.api.build.contact(user, chat, PHONE, { first_name: owner().first_name });
      if (!update.message?.contact) throw new Error("no contact in the update");
      update.message.contact.user_id = owner().id;
      return h.api.pushRaw(update);
    });

/** A whole report in the customer's chat (`/report <words>`: the category check, the phone, the summary); returns the ticket number. */
async function reportInChat(h: DeskHarness, user: User, chat: UserChat, description: string, phone: PhoneStep): Promise<string> {
  const suggestion = last(await h.say(user, chat, `/report ${description}`));
  await h.press(user, suggestion, payload.categoryOk);
  const summary = last(await phone(h, user, chat));
  expect(summary.text).toContain("Please check your report");
  return ticketNumberIn(await h.press(user, summary, payload.confirm));
}

describe("Telegram: a chat account gets a customer's tickets only with a phone Telegram vouches for", () => {
  let alice: User;
  it.each([
    ["types Alice's phone number", typed],
    ["shares Alice's contact card", contactCardOf(() => alice)],
  ])("Mallory, who %s, sees only her own ticket and gets none of Alice's messages", async (_how, mallorysPhone) => {
    const h = (harness = await startDesk());
    const { api } = h;
    const intake = vi.spyOn(h.desk.core, "intake");
    alice = api.user({ first_name: "Alice", language_code: "en" });
    const aliceChat = api.privateChat(alice);
    const mallory = api.user({ first_name: "Mallory", language_code: "en" });
    const malloryChat = api.privateChat(mallory);

    const aliceNumber = await reportInChat(h, alice, aliceChat, "The fridge is warm inside", ownContactCard);
    const malloryNumber = await reportInChat(h, mallory, malloryChat, "The oven does not heat", mallorysPhone);

    // The bot vouches for the phone only when it is the sender's own contact card.
    expect(intake.mock.calls.map(([report]) => report.identity)).toEqual([
      { channel: "telegram", externalId: String(alice.id), phoneVerified: true },
      { channel: "telegram", externalId: String(mallory.id), phoneVerified: false },
    ]);
    // Mallory's account was not attached to Alice's customer (the core decides, on that flag).
    const aliceTicket = await h.desk.core.show(aliceNumber);
    const malloryTicket = await h.desk.core.show(malloryNumber);
    expect(malloryTicket.customerId).not.toBe(aliceTicket.customerId);
    expect(malloryTicket.phone).toBe(PHONE_DIGITS); // staff still see the number she gave
    expect(await h.desk.stores.customers.findByIdentity({ channel: "telegram", externalId: String(mallory.id) })).toMatchObject({
      id: malloryTicket.customerId,
    });

    // Mallory's /status lists her ticket only; Alice's number looks like a number nobody has.
    const list = textsOf(await h.say(mallory, malloryChat, "/status"));
    expect(list).toHaveLength(1);
    expect(list[0]).toContain(malloryNumber);
    expect(list[0]).not.toContain(aliceNumber);
    const unknownNumber = `${aliceNumber.slice(0, -4)}9999`;
    const unknown = textsOf(await h.say(mallory, malloryChat, `/status ${unknownNumber}`));
    expect(unknown).toEqual(["We could not find a ticket with that number and phone. Please check both and try again."]);
    expect(textsOf(await h.say(mallory, malloryChat, `/status ${aliceNumber}`))).toEqual(unknown);
    expect(textsOf(await h.say(mallory, malloryChat, `/chase ${aliceNumber}`))).toEqual(textsOf(await h.say(mallory, malloryChat, `/chase ${unknownNumber}`)));
    expect((await h.desk.core.show(aliceNumber)).chaseCount).toBe(0);

    // Alice's own view is untouched.
    const aliceList = textsOf(await h.say(alice, aliceChat, "/status"));
    expect(aliceList[0]).toContain(aliceNumber);
    expect(aliceList[0]).not.toContain(malloryNumber);

    // Staff answer Alice: the message goes to Alice's chat and nowhere else.
    await h.flushOutbox();
    await h.say(h.admin, h.staffGroup, `/reply ${aliceNumber} The technician comes tomorrow at 10`);
    const sent = await h.flushOutbox();
    expect(textsOf(sent.filter((message) => message.chat.id === alice.id))).toEqual([`Reply about ticket ${aliceNumber}:\nThe technician comes tomorrow at 10`]);
    expect(sent.filter((message) => message.chat.id === mallory.id)).toEqual([]);
  });

  it("attaches a new account to the customer who has that phone when it is the sender's own contact card", async () => {
    const h = (harness = await startDesk());
    const { api, desk } = h;
    // Known from the portal: a customer with this phone and no Telegram account yet.
    const { ticket: earlier } = await desk.core.intake({ name: "Alice", phone: PHONE, description: "The kettle leaks", channel: "portal" });
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);

    const number = await reportInChat(h, alice, chat, "The fridge is warm inside", ownContactCard);
    expect((await desk.core.show(number)).customerId).toBe(earlier.customerId);
    const list = textsOf(await h.say(alice, chat, "/status"))[0];
    expect(list).toContain(number);
    expect(list).toContain(earlier.number);
  });
});

describe("Telegram: strangers in the staff group", () => {
  it("cannot take a ticket with its button or answer the customer by replying to the post", async () => {
    const h = (harness = await startDesk());
    const { api, desk, staffGroup } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const { ticket } = await desk.core.intake({ name: "Alice", phone: "13800138000", description: "Kettle leaks", channel: "telegram", identity: { channel: "telegram", externalId: String(alice.id) } });
    const post = (await h.flushOutbox()).find((message) => message.chat.id === staffGroup.id);
    if (!post) throw new Error("no staff post");
    const mallory = api.user({ first_name: "Mallory", language_code: "en" });

    expect(await h.press(mallory, post, payload.staffTake(ticket.number))).toEqual([]);
    expect(api.callsOf("answerCallbackQuery").at(-1)?.params.text).toBe("This command is for registered service staff only.");
    expect(await h.say(mallory, staffGroup, "Send me your bank details", { reply_to_message: post })).toEqual([]);
    expect(textsOf(await h.say(mallory, staffGroup, "/reply Send me your bank details", { reply_to_message: post }))).toEqual([
      "This command is for registered service staff only.",
    ]);

    const after = await desk.core.show(ticket.number);
    expect(after).toMatchObject({ status: "new" });
    expect(after.assigneeId).toBeUndefined();
    expect(after.timeline.map((event) => event.type)).toEqual(["created"]);
    expect((await h.flushOutbox()).filter((message) => message.chat.id === alice.id)).toEqual([]);
  });
});

describe("Telegram: ADMIN_TELEGRAM_IDS", () => {
  it("does not register a deactivated admin again, and the bot still starts", async () => {
    const h = (harness = await startDesk());
    const identity = { channel: "telegram" as const, externalId: String(h.admin.id) };
    const admin = await h.desk.stores.staff.findByIdentity(identity);
    expect(admin).toMatchObject({ role: "admin", active: true });
    // An admin turned the account off (the staff console's job; here straight in the table).
    await h.desk.db.staff.update({ where: { id: admin!.id }, data: { active: false } });

    await h.restart();
    expect(await h.desk.db.staff.count()).toBe(1);
    expect(await h.desk.stores.staff.findByIdentity(identity)).toBeNull();
    expect(h.logs.some((entry) => entry.level === "warn" && entry.message === "ADMIN_TELEGRAM_IDS entry not registered")).toBe(true);
    // The bot is up: a customer still gets an answer.
    const alice = h.api.user({ first_name: "Alice", language_code: "en" });
    expect((await h.say(alice, h.api.privateChat(alice), "/start")).length).toBeGreaterThan(0);
  });
});
