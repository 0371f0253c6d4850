/** The command menu Telegram shows in private chats, in both of the desk's main languages. */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { BotLogger } from "../../shared/types.ts";
import { maskError } from "../mask-error.ts";

export const PRIVATE_COMMANDS: readonly BotCommand[] = [
  { command: "start", description: "Menu · 菜单" },
  { command: "report", description: "Report a fault · 报修" },
  { command: "status", description: "My tickets · 查询" },
  { command: "chase", description: "Chase a ticket · 催单" },
  { command: "faq", description: "FAQ · 常见问题" },
  { command: "lang", description: "Language · 语言" },
  { command: "help", description: "Help · 帮助" },
];

/** Best effort: a bot without its menu still answers every command. */
export async function setCommandMenu(api: Api, logger: BotLogger): Promise<void> {
  await api
    .setMyCommands([...PRIVATE_COMMANDS], { scope: { type: "all_private_chats" } })
    .catch((error: unknown) => logger.warn({ err: maskError(error) }, "could not set the command menu"));
}
