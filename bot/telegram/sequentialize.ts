/**
 * One update at a time per chat and per user. Each update loads its sender's session,
 * changes it and saves it; two updates of one user handled at once (webhook mode delivers
 * concurrently, e.g. the photos of an album) would both start from the same session and the
 * last save would win. Long polling hands updates over one by one anyway; this makes webhook
 * mode behave the same for updates that share a chat or a user, while different users still
 * run in parallel.
 *
 * The same idea as `sequentialize` of @grammyjs/runner (not a dependency here): an update
 * waits for every earlier update that shares one of its keys. It registers on all its keys
 * at once when it arrives, so it only ever waits for earlier arrivals: no deadlock.
 */
import type { Context, MiddlewareFn } from "grammy";

export type KeyedQueue = {
  /** Runs `task` once every earlier task sharing one of `keys` has finished (failed tasks included). */
  run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or waiting (for tests: empty when idle). */
  readonly size: number;
};

export function createKeyedQueue(): KeyedQueue {
  // For each key, the promise that settles when the latest task registered on it is done.
  const tails = new Map<string, Promise<void>>();
  return {
    async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
      const unique = [...new Set(keys)];
      let finish!: () => void;
      const done = new Promise<void>((resolve) => (finish = resolve));
      const earlier = unique.flatMap((key) => {
        const tail = tails.get(key);
        return tail ? [tail] : [];
      });
      for (const key of unique) tails.set(key, done);
      try {
        await Promise.all(earlier);
        return await task();
      } finally {
        finish();
        for (const key of unique) if (tails.get(key) === done) tails.delete(key);
      }
    },
    get size() {
      return tails.size;
    },
  };
}

/** The chat and the user of an update: what its handling reads and writes (the user's session, the chat's order). */
export function updateKeys(ctx: Context): string[] {
  const keys: string[] = [];
  if (ctx.chat) keys.push(`chat:${ctx.chat.id}`);
  if (ctx.from) keys.push(`user:${ctx.from.id}`);
  return keys;
}

/** Middleware: the rest of the stack runs for one update at a time per chat and per user. */
export function sequentialize(queue: KeyedQueue = createKeyedQueue()): MiddlewareFn<Context> {
  return (ctx, next) => {
    const keys = updateKeys(ctx);
    return keys.length > 0 ? queue.run(keys, next) : next();
  };
}
