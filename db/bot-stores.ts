import type { Database } from "./open-database.ts";

/**
 * The chat bots' own tables (sessions, processed updates, seen users, message↔ticket links,
 * forum topics, survey prompts). The port types live in bot/ (bot/shared/types.ts,
 * bot/telegram/ports.ts); db/ may not import bot/, so the shapes are repeated here and the
 * composition root (server/telegram.ts) checks that they fit.
 */

type Channel = "telegram" | "wechat" | "wecom";
type LinkKind = "ticket_post" | "customer_message" | "notice" | "customer_inbound";

export type BotSurveyPromptRow = {
  key: string;
  channel: Channel;
  surveyId: string;
  token: string;
  ticketNumber: string;
  externalId: string;
  createdAt: Date;
};

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}

export function createBotStores(db: Database) {
  return {
    sessions: {
      async load(channel: Channel, userKey: string): Promise<unknown> {
        const row = await db.botSession.findUnique({ where: { channel_userKey: { channel, userKey } } });
        if (!row) return null;
        try {
          return JSON.parse(row.data) as unknown;
        } catch {
          return null;
        }
      },
      async save(channel: Channel, userKey: string, data: unknown, at: Date): Promise<void> {
        const json = JSON.stringify(data);
        await db.botSession.upsert({
          where: { channel_userKey: { channel, userKey } },
          create: { channel, userKey, data: json, updatedAt: at },
          update: { data: json, updatedAt: at },
        });
      },
    },

    updates: {
      /** True when this update was handled to the end before (a redelivery). */
      async isHandled(channel: Channel, updateId: string): Promise<boolean> {
        const row = await db.botProcessedUpdate.findUnique({ where: { channel_updateId: { channel, updateId } }, select: { updateId: true } });
        return row !== null;
      },
      /** Recorded once handling finished; a second record of the same update is a no-op. */
      async markHandled(channel: Channel, updateId: string, at: Date): Promise<void> {
        try {
          await db.botProcessedUpdate.create({ data: { channel, updateId, at } });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      },
      async prune(before: Date): Promise<number> {
        const { count } = await db.botProcessedUpdate.deleteMany({ where: { at: { lt: before } } });
        return count;
      },
    },

    seenUsers: {
      async remember(
        user: { channel: Channel; externalId: string; username?: string; displayName: string; languageCode?: string },
        at: Date,
      ): Promise<void> {
        const data = {
          username: user.username?.toLowerCase() ?? null,
          displayName: user.displayName,
          languageCode: user.languageCode ?? null,
          seenAt: at,
        };
        await db.botSeenUser.upsert({
          where: { channel_externalId: { channel: user.channel, externalId: user.externalId } },
          create: { channel: user.channel, externalId: user.externalId, ...data },
          update: data,
        });
      },
      async findByUsername(channel: Channel, username: string) {
        const row = await db.botSeenUser.findFirst({
          where: { channel, username: username.replace(/^@/, "").toLowerCase() },
          orderBy: { seenAt: "desc" },
        });
        return row ? toSeenUser(row) : null;
      },
      async findById(channel: Channel, externalId: string) {
        const row = await db.botSeenUser.findUnique({ where: { channel_externalId: { channel, externalId } } });
        return row ? toSeenUser(row) : null;
      },
    },

    links: {
      async link(link: { channel: Channel; chatId: string; messageId: string; ticketNumber: string; kind: LinkKind }, at: Date): Promise<void> {
        await db.botMessageLink.upsert({
          where: { channel_chatId_messageId: { channel: link.channel, chatId: link.chatId, messageId: link.messageId } },
          create: { ...link, createdAt: at },
          update: { ticketNumber: link.ticketNumber, kind: link.kind },
        });
      },
      async find(channel: Channel, chatId: string, messageId: string): Promise<{ ticketNumber: string; kind: LinkKind } | null> {
        const row = await db.botMessageLink.findUnique({ where: { channel_chatId_messageId: { channel, chatId, messageId } } });
        return row ? { ticketNumber: row.ticketNumber, kind: row.kind as LinkKind } : null;
      },
    },

    topics: {
      async find(channel: Channel, chatId: string, ticketNumber: string): Promise<string | null> {
        const row = await db.botTicketTopic.findUnique({ where: { channel_chatId_ticketNumber: { channel, chatId, ticketNumber } } });
        return row?.threadId ?? null;
      },
      async ticketOf(channel: Channel, chatId: string, threadId: string): Promise<string | null> {
        const row = await db.botTicketTopic.findUnique({ where: { channel_chatId_threadId: { channel, chatId, threadId } } });
        return row?.ticketNumber ?? null;
      },
      async save(topic: { channel: Channel; chatId: string; ticketNumber: string; threadId: string }, at: Date): Promise<void> {
        await db.botTicketTopic.upsert({
          where: { channel_chatId_ticketNumber: { channel: topic.channel, chatId: topic.chatId, ticketNumber: topic.ticketNumber } },
          create: { ...topic, createdAt: at },
          update: { threadId: topic.threadId },
        });
      },
    },

    surveyPrompts: {
      async create(prompt: BotSurveyPromptRow): Promise<void> {
        await db.botSurveyPrompt.create({
          data: {
            key: prompt.key,
            channel: prompt.channel,
            surveyId: prompt.surveyId,
            token: prompt.token,
            ticketNumber: prompt.ticketNumber,
            externalId: prompt.externalId,
            createdAt: prompt.createdAt,
          },
        });
      },
      async find(key: string): Promise<BotSurveyPromptRow | null> {
        const row = await db.botSurveyPrompt.findUnique({ where: { key } });
        return row ? toPrompt(row) : null;
      },
    },
  };
}

function toSeenUser(row: { channel: string; externalId: string; username: string | null; displayName: string; languageCode: string | null }) {
  return {
    channel: row.channel as Channel,
    externalId: row.externalId,
    displayName: row.displayName,
    ...(row.username ? { username: row.username } : {}),
    ...(row.languageCode ? { languageCode: row.languageCode } : {}),
  };
}

function toPrompt(row: {
  key: string;
  channel: string;
  surveyId: string;
  token: string;
  ticketNumber: string;
  externalId: string;
  createdAt: Date;
}): BotSurveyPromptRow {
  return {
    key: row.key,
    channel: row.channel as Channel,
    surveyId: row.surveyId,
    token: row.token,
    ticketNumber: row.ticketNumber,
    externalId: row.externalId,
    createdAt: row.createdAt,
  };
}

export type BotStores = ReturnType<typeof createBotStores>;

/**
 * Scores the bot held back waiting for a comment before the core recorded scores at once
 * (columns `pendingScore`/`pendingAt`, no longer written); see server/leftover-survey-scores.ts.
 */
export async function leftoverSurveyScores(db: Database): Promise<{ key: string; token: string; score: number }[]> {
  const rows = await db.botSurveyPrompt.findMany({ where: { pendingScore: { not: null } }, orderBy: { pendingAt: "asc" }, take: 1000 });
  return rows.flatMap((row) => (row.pendingScore === null ? [] : [{ key: row.key, token: row.token, score: row.pendingScore }]));
}

export async function clearLeftoverSurveyScore(db: Database, key: string): Promise<void> {
  await db.botSurveyPrompt.update({ where: { key }, data: { pendingScore: null, pendingAt: null } });
}
