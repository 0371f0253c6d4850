import { outboxPriority, type IdGenerator, type OutboxIntent, type Urgency } from "../core/index.ts";
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

let outboxSequence = 0;

/**
 * Outbox ids sort in the order the messages were written (time, then a process-wide
 * counter, then randomness for uniqueness across processes), so the worker can deliver each
 * recipient's messages in order even when one transaction writes several at once.
 */
export function outboxId(at: Date, newId: IdGenerator): string {
  outboxSequence = (outboxSequence + 1) % 1_000_000;
  return `${String(at.getTime()).padStart(14, "0")}-${String(outboxSequence).padStart(6, "0")}-${newId().slice(0, 8)}`;
}

/** The stored form of an intent; `priority` from core's rule (`outboxPriority`). */
export function outboxRow(intent: OutboxIntent, id: string, at: Date, ticketUrgency?: Urgency) {
  return {
    id,
    channel: intent.channel,
    recipientKind: intent.recipient.kind,
    recipientId: recipientIdOf(intent.recipient),
    ticketId: intent.ticketId ?? null,
    payload: JSON.stringify(intent.notification),
    status: "pending",
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
    priority: outboxPriority(intent.notification, ticketUrgency),
  };
}

/**
 * The rows of several intents, for a caller that inserts them itself. Prefer `writeOutbox`,
 * which also keeps a ticket's waiting messages in order; kept for code written before it.
 */
export function outboxRows(intents: readonly OutboxIntent[], newId: IdGenerator, at: Date) {
  return intents.map((intent) => outboxRow(intent, outboxId(at, newId), at));
}

export function recipientIdOf(recipient: OutboxIntent["recipient"]): string {
  return recipient.kind === "customer" ? recipient.customerId : recipient.kind === "staff" ? recipient.staffId : "";
}

export type WriteOutboxOptions = {
  newId: IdGenerator;
  at: Date;
  /**
   * The urgency of the tickets the messages are about, when the writer has them at hand;
   * otherwise they are read in the same transaction.
   */
  urgencyOf?: ReadonlyMap<string, Urgency>;
  /** The ticket was created in this transaction: nothing about it is queued yet, so there is nothing to raise. */
  isNewTicket?: boolean;
};

/**
 * Stores outgoing messages inside the caller's transaction. The worker delivers a
 * recipient's queue most urgent first, so a message would overtake an earlier, less urgent
 * one about the same ticket (an urgent reply before the assignment it follows). To keep a
 * ticket's messages to one recipient in order, the earlier ones still waiting are raised to
 * the new message's priority (never lowered) — also a staff-room digest that carries the
 * ticket's new-ticket post.
 */
export async function writeOutbox(tx: Tx, intents: readonly OutboxIntent[], options: WriteOutboxOptions): Promise<void> {
  if (intents.length === 0) return;
  const urgencyOf = options.urgencyOf ?? (await readUrgencies(tx, intents));
  const rows = intents.map((intent) => outboxRow(intent, outboxId(options.at, options.newId), options.at, intent.ticketId ? urgencyOf.get(intent.ticketId) : undefined));
  if (!options.isNewTicket) await raiseEarlier(tx, rows);
  await tx.outboxMessage.createMany({ data: rows });
}

async function readUrgencies(tx: Tx, intents: readonly OutboxIntent[]): Promise<Map<string, Urgency>> {
  const ids = [...new Set(intents.flatMap((intent) => (intent.ticketId ? [intent.ticketId] : [])))];
  if (ids.length === 0) return new Map();
  const tickets = await tx.ticket.findMany({ where: { id: { in: ids } }, select: { id: true, urgency: true } });
  return new Map(tickets.map((ticket) => [ticket.id, ticket.urgency as Urgency]));
}

type Row = ReturnType<typeof outboxRow>;

async function raiseEarlier(tx: Tx, rows: readonly Row[]): Promise<void> {
  // Per ticket and recipient, the highest priority among the new rows; routine rows raise nothing.
  const queues = new Map<string, { ticketId: string; channel: string; recipientKind: string; recipientId: string; priority: number }>();
  for (const row of rows) {
    if (!row.ticketId || row.priority === 0) continue;
    const key = `${row.ticketId}\u0000${row.channel}\u0000${row.recipientKind}\u0000${row.recipientId}`;
    const known = queues.get(key);
    if (!known || known.priority < row.priority) {
      queues.set(key, { ticketId: row.ticketId, channel: row.channel, recipientKind: row.recipientKind, recipientId: row.recipientId, priority: row.priority });
    }
  }
  for (const queue of queues.values()) {
    const where = { channel: queue.channel, recipientKind: queue.recipientKind, recipientId: queue.recipientId };
    await tx.outboxMessage.updateMany({ where: { ...where, ticketId: queue.ticketId, status: "pending", priority: { lt: queue.priority } }, data: { priority: queue.priority } });
    if (queue.recipientKind !== "staff_room") continue;
    // The ticket's new-ticket post may wait inside a digest (server/outbox): the digest goes first too.
    const merged = await tx.outboxMessage.findMany({ where: { ...where, ticketId: queue.ticketId, status: "merged" }, select: { mergedInto: true } });
    const digests = merged.flatMap((row) => (row.mergedInto ? [row.mergedInto] : []));
    if (digests.length > 0) {
      await tx.outboxMessage.updateMany({ where: { id: { in: digests }, status: "pending", priority: { lt: queue.priority } }, data: { priority: queue.priority } });
    }
  }
}
