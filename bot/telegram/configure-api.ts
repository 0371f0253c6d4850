/** Outgoing Bot API calls: throttled per chat and globally, a 429 retried after its `retry_after`. */
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { apiThrottler, type APIThrottlerOptions } from "@grammyjs/transformer-throttler";
import type { Api } from "grammy";

export function configureApi(api: Api, options: { throttle?: APIThrottlerOptions | false; autoRetry?: Partial<AutoRetryOptions> }): void {
  // Installed first, so it runs innermost: every retry of auto-retry is throttled again.
  if (options.throttle !== false) api.config.use(apiThrottler(options.throttle ?? {}));
  api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      // Longer waits are the outbox's job (it stores the message and retries later), not
      // a handler's: a long retry_after comes back as an error and the outbox honors it.
      maxDelaySeconds: 30,
      // Network failures are retried by the outbox and by the next user message; without this
      // auto-retry would retry them forever.
      rethrowHttpErrors: true,
      ...options.autoRetry,
    }),
  );
}
