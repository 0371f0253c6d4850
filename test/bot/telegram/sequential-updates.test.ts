import { Bot, webhookCallback, type Context } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { sequentialUpdates, updateKeys } from "../../../bot/telegram/features/sequential-updates.ts";
import { startFakeBotApi, type FakeBotApi } from "../../support/telegram/fake-bot-api.ts";

/**
 * The bot's per-chat-and-user ordering is `sequentialize` of @grammyjs/runner used as plain
 * middleware, without the runner: driven here as grammY delivers updates in webhook mode
 * (concurrent `handleUpdate` calls, through `webhookCallback`) and under `bot.start()`.
 */
const TOKEN = "123456789:TEST-token_for-order";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => (resolve = res));
  return { promise, resolve };
}

/** Lets every queued promise callback and I/O callback run. */
async function settle(rounds = 5): Promise<void> {
  for (let round = 0; round < rounds; round++) await new Promise<void>((resolve) => setImmediate(resolve));
}

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/**
 * A bot whose only handler logs "<text> start" and "<text> end" around a gate per message
 * text (open unless the test holds it), and throws for text "fail".
 */
async function orderedBot() {
  api = await startFakeBotApi();
  const bot = new Bot(TOKEN, { botInfo: api.botUser(TOKEN), client: { apiRoot: api.apiRoot } });
  const log: string[] = [];
  const gates = new Map<string, Promise<void>>();
  bot.use(sequentialUpdates());
  bot.on("message:text", async (ctx: Context) => {
    const text = ctx.msg?.text ?? "";
    log.push(`${text} start`);
    await gates.get(text);
    if (text === "fail") throw new Error("boom");
    log.push(`${text} end`);
  });
  const hold = (text: string) => {
    const gate = deferred();
    gates.set(text, gate.promise);
    return gate.resolve;
  };
  return { api, bot, log, hold };
}

describe("sequential updates: the keys", () => {
  it("keys an update by its chat and its user", async () => {
    api = await startFakeBotApi();
    const alice = api.user({ first_name: "Alice" });
    const group = api.supergroup({ title: "Staff" });
    const keysOf = (update: Update) => updateKeys({ chat: update.message?.chat, from: update.message?.from } as Context);
    expect(keysOf(api.build.text(alice, api.privateChat(alice), "hi"))).toEqual([`chat:${alice.id}`, `user:${alice.id}`]);
    expect(keysOf(api.build.text(alice, group, "hi"))).toEqual([`chat:${group.id}`, `user:${alice.id}`]);
  });
});

describe("sequential updates in webhook mode (concurrent requests, no runner)", () => {
  it("runs one user's updates one after the other, in arrival order, and another user's alongside", async () => {
    const { api, bot, log, hold } = await orderedBot();
    const handler = webhookCallback(bot, "std/http");
    const post = (update: Update) =>
      handler(new Request("http://desk.test/telegram/webhook", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(update) }));
    const alice = api.user({ first_name: "Alice" });
    const bob = api.user({ first_name: "Bob" });
    const releaseA1 = hold("a1");
    const releaseA2 = hold("a2");

    const a1 = post(api.build.text(alice, api.privateChat(alice), "a1"));
    await settle();
    const a2 = post(api.build.text(alice, api.privateChat(alice), "a2"));
    const b = post(api.build.text(bob, api.privateChat(bob), "b"));
    expect((await b).status).toBe(200);
    await settle();
    expect(log).toEqual(["a1 start", "b start", "b end"]);

    releaseA1();
    expect((await a1).status).toBe(200);
    await settle();
    expect(log).toEqual(["a1 start", "b start", "b end", "a1 end", "a2 start"]);
    releaseA2();
    expect((await a2).status).toBe(200);
    expect(log.at(-1)).toBe("a2 end");
  });

  it("waits for every key it shares (chat and user), and a failed update does not block the next", async () => {
    const { api, bot, log, hold } = await orderedBot();
    const alice = api.user({ first_name: "Alice" });
    const bob = api.user({ first_name: "Bob" });
    const carol = api.user({ first_name: "Carol" });
    const group = api.supergroup({ title: "Staff" });
    const releaseFail = hold("fail");

    const inGroup = bot.handleUpdate(api.build.text(alice, group, "fail"));
    const otherUser = bot.handleUpdate(api.build.text(bob, api.privateChat(bob), "other user"));
    const sameUserElsewhere = bot.handleUpdate(api.build.text(alice, api.privateChat(alice), "same user, private chat"));
    const sameGroupOtherUser = bot.handleUpdate(api.build.text(carol, group, "same group, other user"));
    await otherUser;
    await settle();
    expect(log).toEqual(["fail start", "other user start", "other user end"]);

    releaseFail();
    await expect(inGroup).rejects.toThrow("boom");
    await Promise.all([sameUserElsewhere, sameGroupOtherUser]);
    // Both ran only after the failed one; they share no key with each other, so in any order.
    expect(log.slice(3).sort()).toEqual(["same group, other user end", "same group, other user start", "same user, private chat end", "same user, private chat start"]);
  });
});

describe("sequential updates under bot.start() (long polling, no runner)", () => {
  it("handles a batch of one user's updates in order and waits for nothing forever", async () => {
    const { api, bot, log } = await orderedBot();
    const alice = api.user({ first_name: "Alice" });
    const bob = api.user({ first_name: "Bob" });
    const chat = api.privateChat(alice);
    api.sendText(alice, chat, "a1");
    api.sendText(alice, chat, "a2");
    const last = api.sendText(bob, api.privateChat(bob), "b");
    await new Promise<void>((resolve) => void bot.start({ onStart: () => resolve() }));
    try {
      await api.waitUntilConfirmed(last);
    } finally {
      await bot.stop();
    }
    expect(log).toEqual(["a1 start", "a1 end", "a2 start", "a2 end", "b start", "b end"]);
  });
});
