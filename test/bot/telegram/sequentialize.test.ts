import { describe, expect, it } from "vitest";
import { createKeyedQueue } from "../../../bot/telegram/sequentialize.ts";

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("keyed queue (per chat and user serialization)", () => {
  it("runs tasks that share a key one after the other, in arrival order, and others alongside", async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const first = deferred();
    const second = deferred();
    const a1 = queue.run(["user:1"], async () => {
      log.push("a1 start");
      await first.promise;
      log.push("a1 end");
    });
    const a2 = queue.run(["user:1"], async () => {
      log.push("a2 start");
      await second.promise;
      log.push("a2 end");
    });
    const b = queue.run(["user:2"], async () => {
      log.push("b");
    });
    await b;
    await settle();
    expect(log).toEqual(["a1 start", "b"]);
    first.resolve();
    await a1;
    await settle();
    expect(log).toEqual(["a1 start", "b", "a1 end", "a2 start"]);
    second.resolve();
    await a2;
    expect(queue.size).toBe(0);
  });

  it("waits for every key it shares (chat and user), and a failed task does not block the next", async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const inGroup = deferred();
    const group = queue.run(["chat:-100", "user:1"], async () => {
      await inGroup.promise;
      throw new Error("boom");
    });
    const privateChat = queue.run(["chat:2", "user:2"], async () => log.push("other user"));
    const sameUserElsewhere = queue.run(["chat:1", "user:1"], async () => log.push("same user, private chat"));
    const sameGroupOtherUser = queue.run(["chat:-100", "user:3"], async () => log.push("same group, other user"));
    await privateChat;
    await settle();
    expect(log).toEqual(["other user"]);
    inGroup.resolve();
    await expect(group).rejects.toThrow("boom");
    await Promise.all([sameUserElsewhere, sameGroupOtherUser]);
    expect(log).toEqual(["other user", "same user, private chat", "same group, other user"]);
    expect(queue.size).toBe(0);
  });
});
