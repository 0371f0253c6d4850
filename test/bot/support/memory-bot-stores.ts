import { createDialog } from "../../../bot/shared/dialog.ts";
import type { Core } from "../../../core/index.ts";
import type { BotStores, SeenUser, SurveyPrompt, TicketLink } from "../../../bot/shared/types.ts";

/** In-memory versions of the bots' stores (the Prisma ones are exercised by the Telegram tests). */
export function createMemoryBotStores(): BotStores & { prompts: Map<string, SurveyPrompt> } {
  const sessions = new Map<string, string>();
  const updates = new Map<string, Date>();
  const seen = new Map<string, SeenUser>();
  const links = new Map<string, TicketLink>();
  const topics = new Map<string, string>();
  const prompts = new Map<string, SurveyPrompt>();
  return {
    prompts,
    sessions: {
      async load(channel, userKey) {
        const json = sessions.get(`${channel}:${userKey}`);
        return json ? (JSON.parse(json) as unknown) : null;
      },
      async save(channel, userKey, session) {
        sessions.set(`${channel}:${userKey}`, JSON.stringify(session));
      },
    },
    updates: {
      async isHandled(channel, updateId) {
        return updates.has(`${channel}:${updateId}`);
      },
      async markHandled(channel, updateId, at) {
        const key = `${channel}:${updateId}`;
        if (!updates.has(key)) updates.set(key, at);
      },
      async prune(before) {
        let count = 0;
        for (const [key, at] of updates) if (at < before && updates.delete(key)) count++;
        return count;
      },
    },
    seenUsers: {
      async remember(user) {
        seen.set(`${user.channel}:${user.externalId}`, { ...user, ...(user.username ? { username: user.username.toLowerCase() } : {}) });
      },
      async findByUsername(channel, username) {
        return [...seen.values()].find((user) => user.channel === channel && user.username === username.replace(/^@/, "").toLowerCase()) ?? null;
      },
      async findById(channel, externalId) {
        return seen.get(`${channel}:${externalId}`) ?? null;
      },
    },
    links: {
      async link(link) {
        links.set(`${link.channel}:${link.chatId}:${link.messageId}`, { ticketNumber: link.ticketNumber, kind: link.kind });
      },
      async find(channel, chatId, messageId) {
        return links.get(`${channel}:${chatId}:${messageId}`) ?? null;
      },
    },
    topics: {
      async find(channel, chatId, ticketNumber) {
        return topics.get(`${channel}:${chatId}:n:${ticketNumber}`) ?? null;
      },
      async ticketOf(channel, chatId, threadId) {
        return topics.get(`${channel}:${chatId}:t:${threadId}`) ?? null;
      },
      async save(topic) {
        topics.set(`${topic.channel}:${topic.chatId}:n:${topic.ticketNumber}`, topic.threadId);
        topics.set(`${topic.channel}:${topic.chatId}:t:${topic.threadId}`, topic.ticketNumber);
      },
    },
    surveyPrompts: {
      async create(prompt) {
        prompts.set(prompt.key, { ...prompt });
      },
      async find(key) {
        const prompt = prompts.get(key);
        return prompt ? { ...prompt } : null;
      },
    },
  };
}

/** A logger that keeps quiet (pass `sink` to look at what was logged). */
export function silentLogger(sink?: { level: string; object: object; message?: string }[]) {
  const log = (level: string) => (object: object, message?: string) => {
    sink?.push({ level, object, ...(message ? { message } : {}) });
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

/** The channel-neutral dialog over a core and in-memory bot stores, for tests that send no files. */
export function textOnlyDialog(core: Core, options: { hasButtons?: boolean } = {}) {
  const botStores = createMemoryBotStores();
  return createDialog({
    core,
    surveyPrompts: botStores.surveyPrompts,
    seenUsers: botStores.seenUsers,
    fetchAttachment: () => Promise.reject(new Error("no files here")),
    logger: silentLogger([]),
    hasButtons: options.hasButtons ?? true,
  });
}
