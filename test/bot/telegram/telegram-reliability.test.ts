import { afterEach, describe, expect, it } from "vitest";
import type { Message, Update } from "grammy/types";
import { payload } from "../../../bot/shared/payloads.ts";
import type { BotStores, Session } from "../../../bot/shared/types.ts";
import { createBotStores } from "../../../db/bot-stores.ts";
import { chatAttachmentStorage } from "../../../server/telegram.ts";
import { startDesk, ticketNumberIn, type DeskHarness, customerWithTicket } from "./telegram-harness.ts";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
const GOT_FILE = "Got it, the file is attached. Now please describe the problem in a few words.";
const FAILED = "Something went wrong on our side and this may not have been done. Please try again in a moment.";

let harness: DeskHarness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await harness?.close();
  harness = undefined;
});

const textsOf = (messages: readonly Message[]) => messages.map((message) => message.text);

async function sessionOf(h: DeskHarness, userId: number): Promise<Session> {
  return ((await h.stores.sessions.load("telegram", String(userId))) ?? {}) as Session;
}

/** The bot's stores with switches that make one method fail, as a busy or broken database would. */
function flakyStores(stores: BotStores) {
  const failing = { link: 0, createPrompt: 0 };
  const wrapped: BotStores = {
    ...stores,
    links: {
      ...stores.links,
      async link(link, at) {
        if (failing.link > 0) {
          failing.link--;
          throw new Error("database is locked");
        }
        return stores.links.link(link, at);
      },
    },
    surveyPrompts: {
      ...stores.surveyPrompts,
      async create(prompt) {
        if (failing.createPrompt > 0) {
          failing.createPrompt--;
          throw new Error("database is locked");
        }
        return stores.surveyPrompts.create(prompt);
      },
    },
  };
  return { stores: wrapped, failing };
}


async function staffInitiator(h: DeskHarness) {
  const boss = await h.desk.stores.staff.findByIdentity({ channel: "telegram", externalId: String(h.admin.id) });
  if (!boss) throw new Error("no admin");
  return { actor: { kind: "staff" as const, id: boss.id, name: boss.name }, channel: "telegram" as const };
}

describe("Telegram: an update is recorded as handled only once its handling finished", () => {
  it("processes a redelivered update whose first handling failed, and still ignores one that completed", async () => {
    let failures = 1;
    const h = (harness = await startDesk({
      bot: (desk) => ({
        saveAttachment: async (input) => {
          if (failures-- > 0) throw new Error("disk I/O error");
          return chatAttachmentStorage(desk.dir)(input);
        },
      }),
    }));
    const { api } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    api.addFile("photo-1", JPEG, { mimeType: "image/jpeg" });
    const photo = api.build.photo(alice, chat, "photo-1");

    expect(textsOf(await h.deliver(() => api.pushRaw(photo)))).toEqual([FAILED]);
    expect((await sessionOf(h, alice.id)).dialog).toBeUndefined();

    // Telegram delivers the same update again (webhook retry, or a restart before the offset was confirmed).
    expect(textsOf(await h.deliver(() => api.pushRaw(photo)))).toEqual([GOT_FILE]);
    const draft = (await sessionOf(h, alice.id)).dialog;
    expect(draft?.kind === "report" ? draft.draft.attachments : []).toHaveLength(1);

    // Handled to the end now: a further delivery is a duplicate.
    expect(await h.deliver(() => api.pushRaw(photo))).toEqual([]);
    expect(h.logs.some((entry) => entry.message === "duplicate update ignored")).toBe(true);
    expect(api.callsOf("downloadFile")).toHaveLength(2);
  });

  it("processes an update again after the process died in the middle of it", async () => {
    const h = (harness = await startDesk());
    const { api } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    api.addFile("photo-1", JPEG, { mimeType: "image/jpeg" });
    const photo = api.build.photo(alice, chat, "photo-1");

    // The first process gets as far as storing the file, and dies there (it never finishes).
    let reached!: () => void;
    const stuck = new Promise<void>((resolve) => (reached = resolve));
    let die!: (error: Error) => void;
    const dying = h.another({
      saveAttachment: () => {
        reached();
        return new Promise((_resolve, reject) => (die = reject));
      },
    });
    await dying.bot.init();
    const firstAttempt = dying.bot.handleUpdate(photo).catch(() => undefined);
    cleanups.push(async () => {
      die(new Error("process killed"));
      await firstAttempt;
    });
    await stuck;

    // The restarted process gets the update again, since its offset was never confirmed.
    const restarted = h.another();
    await restarted.bot.init();
    const since = api.sent().length;
    await restarted.bot.handleUpdate(photo);
    expect(textsOf(api.sent().slice(since))).toEqual([GOT_FILE]);
    const draft = (await sessionOf(h, alice.id)).dialog;
    expect(draft?.kind === "report" ? draft.draft.attachments : []).toHaveLength(1);
  });
});

describe("Telegram webhook mode: one update at a time per chat and user", () => {
  it("keeps every photo of an album that arrives as concurrent webhook requests", async () => {
    const h = (harness = await startDesk({ webhook: true }));
    const { api } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    const album = [1, 2, 3].map((index) => {
      api.addFile(`album-${index}`, JPEG, { mimeType: "image/jpeg" });
      return api.build.photo(alice, chat, `album-${index}`, undefined, { media_group_id: "album-1" });
    });

    const deliveries = await Promise.all(album.map((update) => h.post(update)));
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
    const dialog = (await sessionOf(h, alice.id)).dialog;
    expect(dialog?.kind).toBe("report");
    const attachments = dialog?.kind === "report" ? dialog.draft.attachments : [];
    expect(attachments).toHaveLength(3);
    expect(new Set(attachments.map((attachment) => attachment.storagePath)).size).toBe(3);

    // And the ticket gets all three.
    const [suggestion] = await postAndCollect(h, api.build.text(alice, chat, "The dishwasher leaks"));
    const product = (await postAndCollect(h, api.build.callback(alice, suggestion as Message, payload.categoryOk))).at(-1);
    const photos = (await postAndCollect(h, api.build.callback(alice, product as Message, payload.skip))).at(-1);
    await postAndCollect(h, api.build.callback(alice, photos as Message, payload.photosDone));
    const address = (await postAndCollect(h, api.build.text(alice, chat, "13800138000"))).at(-1);
    const time = (await postAndCollect(h, api.build.callback(alice, address as Message, payload.skip))).at(-1);
    const summary = (await postAndCollect(h, api.build.callback(alice, time as Message, payload.skip))).at(-1);
    expect(summary?.text).toContain("Photos: 3");
    const number = ticketNumberIn(await postAndCollect(h, api.build.callback(alice, summary as Message, payload.confirm)));
    expect((await h.desk.core.show(number)).attachments).toHaveLength(3);
  });

  it("handles an update delivered twice at once (a webhook retry while the first is still running) once", async () => {
    const h = (harness = await startDesk({ webhook: true }));
    const { api } = h;
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    const start = api.build.text(alice, chat, "/start");
    const deliveries = await Promise.all([h.post(start), h.post(start)]);
    expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
    expect(api.sent(chat.id).filter((message) => message.text?.startsWith("Hello Alice!"))).toHaveLength(1);
  });
});

describe("Telegram webhook mode: the secret", () => {
  it("rejects every request without the right secret and changes nothing; the same update with it is processed", async () => {
    const h = (harness = await startDesk({ webhook: true }));
    const { api } = h;
    const url = h.webhookUrl ?? "";
    const alice = api.user({ first_name: "Alice", language_code: "en" });
    const chat = api.privateChat(alice);
    const report = api.build.text(alice, chat, "/report The fridge is warm inside");

    // No header at all.
    const bare = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(report) });
    expect(bare.status).toBe(401);
    await bare.body?.cancel();
    // A wrong one, and an empty one.
    expect((await h.post(report, "wrong-secret")).status).toBe(401);
    expect((await h.post(report, "")).status).toBe(401);
    await expectUntouched();

    // The real secret: handled (the rejected attempts did not use up the update id).
    expect((await h.post(report)).status).toBe(200);
    expect(api.sent(chat.id).at(-1)?.text).toContain("This looks like: Repair");
    expect((await sessionOf(h, alice.id)).dialog).toMatchObject({ kind: "report", step: "category" });

    // Checked on every request, not only the first: a later forged one is still refused.
    const forged = api.build.text(alice, chat, "/cancel");
    const sentBefore = api.sent().length;
    expect((await h.post(forged, "wrong-secret")).status).toBe(401);
    expect(api.sent().length).toBe(sentBefore);
    expect((await sessionOf(h, alice.id)).dialog).toMatchObject({ kind: "report", step: "category" });
    expect(await h.stores.updates.isHandled("telegram", String(forged.update_id))).toBe(false);

    async function expectUntouched(): Promise<void> {
      expect(api.sent(chat.id)).toEqual([]);
      expect(await h.stores.sessions.load("telegram", String(alice.id))).toBeNull();
      expect(await h.stores.seenUsers.findById("telegram", String(alice.id))).toBeNull();
      expect(await h.stores.updates.isHandled("telegram", String(report.update_id))).toBe(false);
      expect((await h.desk.core.list({})).total).toBe(0);
    }
  });
});

describe("Telegram delivery: nothing is sent twice once Telegram accepted it", () => {
  it("reports a message as sent when linking it to its ticket fails afterwards (staff room and customer)", async () => {
    let flaky: ReturnType<typeof flakyStores> | undefined;
    const h = (harness = await startDesk({
      bot: (desk) => {
        flaky = flakyStores(createBotStores(desk.db));
        return { stores: flaky.stores };
      },
    }));
    if (!flaky) throw new Error("stores not built");
    const { user, ticket } = await customerWithTicket(h);
    await h.desk.core.reply(ticket.number, "We are on it", await staffInitiator(h));

    flaky.failing.link = Infinity;
    const sent = await h.flushOutbox();
    expect(textsOf(sent.filter((message) => message.chat.id === h.staffGroup.id))).toEqual([expect.stringContaining(`New ticket ${ticket.number}`)]);
    expect(textsOf(sent.filter((message) => message.chat.id === user.id))).toEqual([`Reply about ticket ${ticket.number}:\nWe are on it`]);
    const rows = await h.desk.db.outboxMessage.findMany();
    expect(rows.map((row) => row.status)).toEqual(rows.map(() => "sent"));
    expect(h.logs.some((entry) => entry.level === "warn" && entry.message === "could not link a sent message to its ticket")).toBe(true);

    // Nothing is due again later.
    flaky.failing.link = 0;
    h.desk.clock.advance(120);
    expect(await h.flushOutbox()).toEqual([]);
  });

  it("answers the user once when linking the reply to its ticket fails (no error message after a good reply)", async () => {
    let flaky: ReturnType<typeof flakyStores> | undefined;
    const h = (harness = await startDesk({
      bot: (desk) => {
        flaky = flakyStores(createBotStores(desk.db));
        return { stores: flaky.stores };
      },
    }));
    if (!flaky) throw new Error("stores not built");
    const { user, chat, ticket } = await customerWithTicket(h);
    flaky.failing.link = 1;
    const answer = textsOf(await h.say(user, chat, `/status ${ticket.number}`));
    expect(answer).toHaveLength(1);
    expect(answer[0]).toContain(`Ticket ${ticket.number}`);
  });

  it("writes the survey prompt before sending: a failure there is a clean retry with nothing sent", async () => {
    let flaky: ReturnType<typeof flakyStores> | undefined;
    const h = (harness = await startDesk({
      bot: (desk) => {
        flaky = flakyStores(createBotStores(desk.db));
        return { stores: flaky.stores };
      },
    }));
    if (!flaky) throw new Error("stores not built");
    const { user, ticket } = await customerWithTicket(h);
    await h.flushOutbox();
    await h.desk.core.close(ticket.number, await staffInitiator(h), "Replaced the seal");
    const isSurvey = (message: Message) => message.chat.id === user.id && message.reply_markup?.inline_keyboard[0]?.length === 5;

    flaky.failing.createPrompt = 1;
    const first = await h.flushOutbox();
    expect(first.filter(isSurvey)).toEqual([]);
    const waiting = await h.desk.db.outboxMessage.findMany({ where: { status: "pending" } });
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.lastError).toContain("database is locked");

    h.desk.clock.advance(120);
    const retried = await h.flushOutbox();
    expect(retried.filter(isSurvey)).toHaveLength(1);
    expect(retried).toHaveLength(1);
    expect(h.api.sent().filter(isSurvey)).toHaveLength(1);
  });
});

/** Webhook mode: POSTs an update and returns what the bot sent while answering it. */
async function postAndCollect(h: DeskHarness, update: Update): Promise<Message[]> {
  const since = h.api.sent().length;
  const delivery = await h.post(update);
  expect(delivery.status).toBe(200);
  return h.api.sent().slice(since);
}
