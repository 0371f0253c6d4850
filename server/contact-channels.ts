import type { ContactChannel } from "../portal/src/portal-api.ts";
import type { Config } from "./config.ts";

/**
 * The chat channels customers may use, each with how to reach it, for the portal's footer and
 * the FAQ articles: a channel is listed only when it is configured and its handle is known
 * (TELEGRAM_BOT_USERNAME, or the bot's username from Telegram's getMe once it started;
 * WECHAT_ID with the WeChat channel on). Nothing is advertised that a customer cannot use.
 */
export type ContactDirectory = {
  list(): ContactChannel[];
  /** Telegram's answer to getMe at start (it wins over TELEGRAM_BOT_USERNAME). */
  learnTelegramUsername(username: string): void;
};

export function createContactDirectory(config: Pick<Config, "telegram" | "wechat">): ContactDirectory {
  let telegramUsername = config.telegram?.username;
  return {
    list() {
      const channels: ContactChannel[] = [];
      if (config.telegram && telegramUsername) channels.push({ channel: "telegram", handle: `@${telegramUsername}`, href: `https://t.me/${telegramUsername}` });
      if (config.wechat?.id) channels.push({ channel: "wechat", handle: config.wechat.id });
      return channels;
    },
    learnTelegramUsername(username) {
      if (config.telegram && username) telegramUsername = username;
    },
  };
}
