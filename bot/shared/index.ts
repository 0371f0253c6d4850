/** The channel-neutral dialog layer shared by the Telegram and WeChat adapters. */
export { createDialog, renderNumberedChoices, type Dialog } from "./dialog.ts";
export { parseCommand, type ParsedCommand } from "./parse-command.ts";
export { payload, parseButton, type Button } from "./payloads.ts";
export { defaultLanguage, type DialogDeps } from "./turn.ts";
export type * from "./types.ts";
