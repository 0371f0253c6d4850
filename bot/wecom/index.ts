/** The WeCom customer-service (微信客服) adapter's door: the channel (callback, pull, dialog) and its outbox sender. */
export { createWecomChannel, type CursorStore, type WecomChannel, type WecomChannelOptions } from "./create-wecom.ts";
export { WINDOW_MESSAGES, WINDOW_MS, type WindowState, type WindowStore } from "./window.ts";
