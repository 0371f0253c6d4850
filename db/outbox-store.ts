import {
  parseStoredNotification,
  type Channel,
  type OutboxDeliveryStore,
  type OutboxRecipient,
  type OutboxRow,
} from "../core/index.ts";
import type { Database } from "./open-database.ts";
import { parseJsonColumn } from "./row-mappers.ts";

export function createOutboxStore(db: Database): OutboxDeliveryStore {
  return {
    async due(now, channels, limit) {
      if (channels.length === 0) return [];
      const rows = await db.outboxMessage.findMany({
        where: { status: "pending", nextAttemptAt: { lte: now }, channel: { in: [...channels] } },
        // Ids sort in writing order (db/ticket-store.ts outboxId).
        orderBy: { id: "asc" },
        take: limit,
      });
      return rows.map(
        (row): OutboxRow => ({
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
        }),
      );
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
