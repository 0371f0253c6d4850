/**
 * Remembers who wrote (for `/staff add @username` and admin names), cheaply: only when the
 * user's name or language changed since this process last saw them.
 */
import { Composer, type Context } from "grammy";
import type { BotLogger, SeenUserStore } from "../../shared/types.ts";
import { maskError } from "../mask-error.ts";

export function seenUsersFeature(deps: { seenUsers: SeenUserStore; now: () => Date; logger: BotLogger }): Composer<Context> {
  const seen = new Map<number, string>();
  const composer = new Composer<Context>();
  composer.use(async (ctx, next) => {
    const from = ctx.from;
    if (from && !from.is_bot) {
      const signature = `${from.username ?? ""}|${from.first_name}|${from.last_name ?? ""}|${from.language_code ?? ""}`;
      if (seen.get(from.id) !== signature) {
        // Best effort: failing to remember a username must not cost the user their message.
        await deps.seenUsers
          .remember(
            {
              channel: "telegram",
              externalId: String(from.id),
              displayName: [from.first_name, from.last_name].filter(Boolean).join(" "),
              ...(from.username ? { username: from.username } : {}),
              ...(from.language_code ? { languageCode: from.language_code } : {}),
            },
            deps.now(),
          )
          .then(() => seen.set(from.id, signature))
          .catch((error: unknown) => deps.logger.warn({ err: maskError(error) }, "could not remember a Telegram user"));
      }
    }
    await next();
  });
  return composer;
}
