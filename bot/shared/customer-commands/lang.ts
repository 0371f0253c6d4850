/** `/lang [language]` (also `/language`) and the language buttons: switches the language the bot and notifications use. */
import type { Language } from "../../../core/index.ts";
import { payload } from "../payloads.ts";
import { t } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { CustomerCommand } from "./command.ts";

const LANGUAGE_WORDS: Record<string, Language> = {
  en: "en",
  english: "en",
  zh: "zh-Hans",
  "zh-hans": "zh-Hans",
  "zh-cn": "zh-Hans",
  cn: "zh-Hans",
  中文: "zh-Hans",
  简体: "zh-Hans",
  简体中文: "zh-Hans",
  "zh-hant": "zh-Hant",
  "zh-tw": "zh-Hant",
  "zh-hk": "zh-Hant",
  繁體: "zh-Hant",
  繁體中文: "zh-Hant",
  繁体: "zh-Hant",
};

const LANGUAGE_LABELS: { readonly [L in Language]: string } = { en: "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文" };

export const langCommand = {
  name: "lang",
  aliases: ["language"],
  help: "bot.help.customer.lang",
  run: ({ turn, command }) => changeLanguage(turn, command.args[0]),
} satisfies CustomerCommand;

export async function changeLanguage(turn: Turn, word: string | undefined): Promise<void> {
  const language = word ? LANGUAGE_WORDS[word.toLowerCase()] ?? (LANGUAGE_LABELS[word as Language] ? (word as Language) : undefined) : undefined;
  if (!language) {
    turn.say({
      text: t(turn.language, "bot.lang.choose"),
      choices: [(Object.keys(LANGUAGE_LABELS) as Language[]).map((code) => ({ label: LANGUAGE_LABELS[code], payload: payload.language(code) }))],
    });
    return;
  }
  turn.session.language = language;
  turn.language = language;
  // Notifications (replies from staff, status changes) are written in the customer's stored
  // language. A sender who is no customer yet keeps the choice in the session, and their
  // first report takes it from there.
  await turn.core.setLanguage({ channel: turn.msg.channel, externalId: turn.msg.sender.id }, language);
  turn.say(t(language, "bot.lang.changed"));
}
