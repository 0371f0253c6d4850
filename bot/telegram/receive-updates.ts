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

/** Resolves once updates can arrive (the webhook is set, or polling has begun); `stop` ends polling. */
export async function receiveUpdates(bot: Bot, options: ReceiveOptions): Promise<{ stop(): Promise<void> }> {
  const allowed_updates = [...options.allowedUpdates];
  if (options.webhook) {
    await bot.api.setWebhook(options.webhook.url, { secret_token: options.webhook.secret, allowed_updates });
    return { stop: async () => undefined };
  }
  let polling!: Promise<void>;
  await new Promise<void>((resolve, reject) => {
    polling = bot.start({ allowed_updates, onStart: () => resolve() });
    polling.catch((error: unknown) => {
      options.logger.error({ err: maskError(error) }, "telegram polling stopped");
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  return {
    async stop() {
      await bot.stop();
      await polling.catch(() => undefined);
    },
  };
}
