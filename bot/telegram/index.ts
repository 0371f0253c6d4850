/** The Telegram adapter's door: the bot (create-bot.ts, features/) and the outbox's sender. */
export { createTelegramBot, type TelegramBot, type TelegramBotOptions } from "./create-bot.ts";
export { createTelegramSender, toSendResult, type TelegramSender } from "./telegram-sender.ts";
export { maskError } from "./mask-error.ts";
