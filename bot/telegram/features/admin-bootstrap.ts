/** ADMIN_TELEGRAM_IDS: each id not yet a staff member is registered as an admin when the bot starts. */
import type { Api } from "grammy";
import type { Core } from "../../../core/index.ts";
import type { BotLogger, SeenUserStore } from "../../shared/types.ts";

export type AdminBootstrapDeps = {
  core: Core;
  api: Api;
  seenUsers: SeenUserStore;
  logger: BotLogger;
  adminTelegramIds: readonly string[];
};

export async function bootstrapAdmins(deps: AdminBootstrapDeps): Promise<void> {
  for (const id of deps.adminTelegramIds) {
    const identity = { channel: "telegram" as const, externalId: id };
    if (await deps.core.staff.byIdentity(identity)) continue;
    try {
      const known = await displayNameOf(deps, id);
      // Without a name yet, a marked stand-in: the admin's Telegram name replaces it on their first message.
      const admin = await deps.core.registerStaff({ name: known ?? `Admin ${id}`, role: "admin", identities: [identity], ...(known ? {} : { placeholderName: true }) }, null);
      deps.logger.info({ staffId: admin.id, telegramId: id }, "registered admin from ADMIN_TELEGRAM_IDS");
    } catch (error) {
      // A deactivated staff member keeps their account: an admin turned them off, so the
      // start-up list does not turn them on again, and one refusal does not stop the bot.
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error), telegramId: id }, "ADMIN_TELEGRAM_IDS entry not registered");
    }
  }
}

/** A user's name from what the bot has seen, else from Telegram (works once they wrote to the bot); null when unknown. */
async function displayNameOf(deps: AdminBootstrapDeps, id: string): Promise<string | null> {
  const seenUser = await deps.seenUsers.findById("telegram", id);
  if (seenUser?.displayName && seenUser.displayName !== id) return seenUser.displayName;
  try {
    const chat = await deps.api.getChat(id);
    if (chat.type === "private") return [chat.first_name, chat.last_name].filter(Boolean).join(" ") || chat.username || null;
  } catch {
    // Unknown to the bot so far: a placeholder name until their first message (or a rename).
  }
  return null;
}
