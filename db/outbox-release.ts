import type { Channel } from "../core/index.ts";
import type { Database } from "./open-database.ts";

/**
 * Makes a customer's pending messages on one channel due now: a channel that held them until
 * the customer wrote again (WeCom customer service) calls it when they do. Returns how many.
 */
export function createOutboxRelease(db: Database) {
  return async function releaseHeld(channel: Channel, customerId: string, now: Date): Promise<number> {
    const { count } = await db.outboxMessage.updateMany({
      where: { channel, recipientKind: "customer", recipientId: customerId, status: "pending", nextAttemptAt: { gt: now } },
      data: { nextAttemptAt: now },
    });
    return count;
  };
}
