/**
 * One update at a time per chat and per user. Each update loads its sender's session, changes
 * it and saves it; two updates of one user handled at once (webhook mode delivers concurrently,
 * e.g. the photos of an album) would both start from the same session and the last save would
 * win. Long polling hands updates over one by one anyway; this makes webhook mode behave the
 * same for updates that share a chat or a user, while different users still run in parallel.
 * A redelivery of an update still in progress waits here for the first delivery to finish.
 *
 * `sequentialize` of @grammyjs/runner is plain middleware: it needs no runner, and works the
 * same under `webhookCallback` and `bot.start()`.
 */
import { sequentialize } from "@grammyjs/runner";
import type { Context, MiddlewareFn } from "grammy";

/** The chat and the user of an update: what its handling reads and writes (the user's session, the chat's order). */
export function updateKeys(ctx: Context): string[] {
  const keys: string[] = [];
  if (ctx.chat) keys.push(`chat:${ctx.chat.id}`);
  if (ctx.from) keys.push(`user:${ctx.from.id}`);
  return keys;
}

/** Middleware: the rest of the stack runs for one update at a time per chat and per user. */
export function sequentialUpdates(): MiddlewareFn<Context> {
  return sequentialize(updateKeys);
}
