/**
 * One job at a time per key (a WeChat contact): a customer's messages are answered in the
 * order they came, and the sender's update of that customer's session (the numbers of a
 * survey) never interleaves with the dialog's.
 */
export type KeyedQueue = { run<T>(key: string, job: () => Promise<T>): Promise<T> };

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, job: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(job);
      const settled = next.catch(() => undefined);
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return next;
    },
  };
}
