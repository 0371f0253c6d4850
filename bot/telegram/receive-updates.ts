/**
 * How updates arrive: in webhook mode Telegram is told the URL and posts to it (the HTTP app
 * mounts the bot's `webhookCallback`); otherwise the bot long-polls until stopped.
 */
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotLogger } from "../shared/types.ts";
import { maskError } from "./mask-error.ts";

export type ReceiveOptions = {
  webhook?: { url: string; secret: string };
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, "update_id">>;
  logger: BotLogger;
};

export type Receiving = {
  stop(): Promise<void>;
  /**
   * Settles when updates stop arriving: fulfilled after `stop()`, rejected with the reason when
   * polling ended by itself (grammY gives up on 401/409 and on errors it does not retry), so
   * whoever started it can report it and start again.
   */
  ended: Promise<void>;
};

/** Resolves once updates can arrive (the webhook is set, or polling has begun); `stop` ends polling. */
export async function receiveUpdates(bot: Bot, options: ReceiveOptions): Promise<Receiving> {
  const allowed_updates = [...options.allowedUpdates];
  if (options.webhook) {
    await bot.api.setWebhook(options.webhook.url, { secret_token: options.webhook.secret, allowed_updates });
    let stopped = () => {};
    const ended = new Promise<void>((resolve) => (stopped = resolve));
    return { stop: async () => stopped(), ended };
  }
  let stopping = false;
  let polling!: Promise<void>;
  await new Promise<void>((resolve, reject) => {
    polling = bot.start({ allowed_updates, onStart: () => resolve() });
    polling.catch((error: unknown) => {
      options.logger.error({ err: maskError(error) }, "telegram polling stopped");
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  // Polling that returns without our stop() (grammY's own bot.stop(), elsewhere) also ended by itself.
  const ended = polling.then(() => {
    if (!stopping) throw new Error("polling stopped");
  });
  ended.catch(() => undefined);
  return {
    ended,
    async stop() {
      stopping = true;
      await bot.stop();
      await polling.catch(() => undefined);
    },
  };
}
