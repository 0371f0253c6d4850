/** The WeChat adapter's door: the bot over Wechaty (create-bot.ts) and the outbox's sender. */
export { createWechatBot, type WechatBot, type WechatBotOptions, type WechatState } from "./create-bot.ts";
export { createPacer, DEFAULT_SEND_INTERVAL_MS, realPacingClock, type Pacer, type PacingClock } from "./pacer.ts";
