import { randomUUID } from "node:crypto";
import {
  parseStoredNotification,
  type IdGenerator,
  type Channel,
  type NewTicketPost,
  type OutboxDeliveryStore,
  type OutboxPriority,
  type OutboxRecipient,
  type OutboxRow,
} from "../core/index.ts";
import { Prisma, type OutboxMessage } from "../generated/prisma/client.ts";
import type { Database } from "./open-database.ts";
import { outboxId, outboxRow } from "./outbox-rows.ts";
import { parseJsonColumn } from "./row-mappers.ts";

const ROUTINE = 0;

function toOutboxRow(row: OutboxMessage): OutboxRow {
  return {
    id: row.id,
    channel: row.channel as Channel,
    recipient: (row.recipientKind === "customer"
      ? { kind: "customer", customerId: row.recipientId }
      : row.recipientKind === "staff"
        ? { kind: "staff", staffId: row.recipientId }
        : { kind: "staff_room" }) as OutboxRecipient,
    ...(row.ticketId ? { ticketId: row.ticketId } : {}),
    // Revives instants and maps rows written before notifications were typed.
    ...parseStoredNotification(parseJsonColumn(row.payload)),
    attempts: row.attempts,
    createdAt: row.createdAt,
    priority: row.priority as OutboxPriority,
  };
}

export function createOutboxStore(db: Database, newId: IdGenerator = randomUUID): OutboxDeliveryStore {
  return {
    async due(now, channels, { limit, perRecipient }) {
      if (channels.length === 0 || limit <= 0) return [];
      // Head-of-line per recipient, in plain SQL (a window function: SQLite ≥ 3.25 and
      // PostgreSQL alike). The inner scan reads only pending rows, through the index on
      // (status, channel, recipientKind, recipientId, priority, id), which is also each
      // recipient's queue order; sent rows, however many, are never read. Ids sort in
      // writing order (db/outbox-rows.ts outboxId). The due time is compared in the row's own
      // format by passing a Date, which the driver adapter writes exactly as it stores it.
      const picked = await db.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM (
          SELECT "id", "priority",
                 ROW_NUMBER() OVER (PARTITION BY "channel", "recipientKind", "recipientId" ORDER BY "priority" DESC, "id") AS "place"
          FROM "OutboxMessage"
          WHERE "status" = 'pending' AND "channel" IN (${Prisma.join([...channels])}) AND "nextAttemptAt" <= ${now}
        ) AS "queue"
        WHERE "place" <= ${perRecipient}
        ORDER BY "priority" DESC, "id"
        LIMIT ${limit}`;
      if (picked.length === 0) return [];
      const rows = await db.outboxMessage.findMany({ where: { id: { in: picked.map((row) => row.id) } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return picked.flatMap(({ id }) => {
        const row = byId.get(id);
        return row ? [toOutboxRow(row)] : [];
      });
    },
    async routineStaffRoomBacklog(channel) {
      return db.outboxMessage.count({ where: { status: "pending", channel, recipientKind: "staff_room", recipientId: "", priority: ROUTINE } });
    },
    async mergeRoutineStaffRoomPosts({ channel, at, limit, excludeIds, digest }) {
      return db.$transaction(async (tx) => {
        const rows = await tx.outboxMessage.findMany({
          where: { status: "pending", channel, recipientKind: "staff_room", recipientId: "", priority: ROUTINE, ...(excludeIds.length ? { id: { notIn: [...excludeIds] } } : {}) },
          orderBy: { id: "asc" },
          take: limit,
        });
        const posts: { id: string; post: NewTicketPost }[] = [];
        for (const row of rows) {
          const { notification } = parseStoredNotification(parseJsonColumn(row.payload));
          // Anything else (or unreadable) stays a row of its own, delivered or failed as usual.
          if (notification?.kind === "staff.new_ticket") posts.push({ id: row.id, post: notification });
        }
        if (posts.length === 0) return 0;
        const digestRow = outboxRow({ channel, recipient: { kind: "staff_room" }, notification: digest(posts.map(({ post }) => post)) }, outboxId(at, newId), at);
        await tx.outboxMessage.create({ data: { ...digestRow, priority: ROUTINE } });
        const { count } = await tx.outboxMessage.updateMany({
          where: { id: { in: posts.map(({ id }) => id) }, status: "pending" },
          data: { status: "merged", mergedInto: digestRow.id, sentAt: null, lastError: null },
        });
        // Only this worker merges; a row that left `pending` meanwhile means another process
        // delivers too, and a post must not be both sent and merged.
        if (count !== posts.length) throw new Error(`outbox rows changed while being merged (${count} of ${posts.length})`);
        return count;
      });
    },
    async settleMerged(digestId, outcome) {
      const carried = await db.outboxMessage.findMany({ where: { mergedInto: digestId, status: "merged" }, orderBy: { id: "asc" } });
      if (carried.length === 0) return [];
      await db.outboxMessage.updateMany({
        where: { mergedInto: digestId, status: "merged" },
        // They stay `merged` once the digest is out (the table says how they went); a failed digest fails them.
        data: "sentAt" in outcome ? { sentAt: outcome.sentAt } : { status: "failed", lastError: outcome.error.slice(0, 500), nextAttemptAt: outcome.failedAt },
      });
      return carried.map(toOutboxRow);
    },
    async markSent(id, at) {
      await db.outboxMessage.update({ where: { id }, data: { status: "sent", sentAt: at, attempts: { increment: 1 }, lastError: null } });
    },
    async markRetry(id, options) {
      await db.$transaction(async (tx) => {
        const row = await tx.outboxMessage.update({
          where: { id },
          data: { attempts: options.attempts, nextAttemptAt: options.nextAttemptAt, lastError: options.error.slice(0, 500) },
        });
        // Messages queued after this one for the same recipient wait with it, so they
        // cannot overtake it (a reply must not arrive before the assignment it follows).
        await tx.outboxMessage.updateMany({
          where: {
            channel: row.channel,
            recipientKind: row.recipientKind,
            recipientId: row.recipientId,
            status: "pending",
            id: { gt: row.id },
            nextAttemptAt: { lt: options.nextAttemptAt },
          },
          data: { nextAttemptAt: options.nextAttemptAt },
        });
      });
    },
    async markFailed(id, options) {
      await db.outboxMessage.update({ where: { id }, data: { status: "failed", attempts: options.attempts, lastError: options.error.slice(0, 500), sentAt: null, nextAttemptAt: options.at } });
    },
    async externalIdOf(recipient, channel, ticketId) {
      if (recipient.kind === "customer" && (channel === "sms" || channel === "email")) {
        // Only the contact on the ticket, never another phone or address the customer used elsewhere.
        const ticket = ticketId ? await db.ticket.findUnique({ where: { id: ticketId }, select: { customerId: true, phone: true, email: true } }) : null;
        if (!ticket || ticket.customerId !== recipient.customerId) return null;
        return (channel === "sms" ? ticket.phone : ticket.email) || null;
      }
      if (recipient.kind === "customer") {
        const identity = await db.customerIdentity.findFirst({ where: { customerId: recipient.customerId, channel }, orderBy: { createdAt: "desc" } });
        return identity?.externalId ?? null;
      }
      const identity = await db.staffIdentity.findFirst({ where: { staffId: recipient.staffId, channel } });
      return identity?.externalId ?? null;
    },
  };
}
