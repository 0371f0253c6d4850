import {
  renderNotification,
  type Channel,
  type ChannelSender,
  type CustomerStore,
  type DeliveryTarget,
  type Language,
  type OutboxDeliveryStore,
  type OutboxRow,
  type OutgoingMessage,
  type SendResult,
  type StaffStore,
} from "../../core/index.ts";
import { createBackgroundLoop } from "../background-loop.ts";
import type { Logger } from "../logger.ts";

/** Transient failures are retried for this long; an outage shorter than a day loses nothing. */
export const RETRY_BUDGET_MS = 24 * 3600_000;
const BASE_BACKOFF_SECONDS = 5;
const MAX_BACKOFF_SECONDS = 3600;
/** Rows read per pass; a full batch means more is waiting and the next pass follows at once. */
const BATCH_SIZE = 50;

export type OutboxWorkerDeps = {
  store: OutboxDeliveryStore;
  customers: CustomerStore;
  staff: StaffStore;
  senders: readonly ChannelSender[];
  clock: { now(): Date };
  logger: Logger;
  /** Language of staff-room posts (a room has no single reader). */
  staffLanguage: Language;
  /** Instants in messages (due times, appointments) are shown in the desk's local time. */
  timeZone: string;
  /** Base of the links in messages (survey pages); null when PUBLIC_URL is unset (no links are sent). */
  publicUrl: string | null;
  onPermanentFailure: (row: OutboxRow, reason: string) => Promise<void>;
  /** Pause between passes once started; default 1 s (a change kicks the worker sooner). */
  pollIntervalMs?: number;
};

/**
 * Delivers stored outgoing messages. Rows are read from the database on every pass, so
 * whatever was pending when the process stopped goes out after a restart. Delivery is
 * at-least-once: a crash between a successful send and `markSent` sends that one again.
 * Retries back off exponentially up to an hour (honoring a channel's retry-after) for a day
 * (RETRY_BUDGET_MS); after that, or on a permanent refusal, the row is failed and the
 * failure recorded on the ticket. A recipient's messages keep their order: a retried row
 * holds back the ones queued after it; a rate limit pauses the whole channel for the pass.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const senders = new Map<Channel, ChannelSender>(deps.senders.map((sender) => [sender.channel, sender]));

  async function resolveTarget(row: OutboxRow): Promise<{ target: DeliveryTarget; language: Language } | { missing: string }> {
    switch (row.recipient.kind) {
      case "staff_room":
        return { target: { kind: "staff_room" }, language: deps.staffLanguage };
      case "customer": {
        const customer = await deps.customers.findById(row.recipient.customerId);
        const externalId = customer ? await deps.store.externalIdOf(row.recipient, row.channel, row.ticketId) : null;
        if (!customer || !externalId) return { missing: row.channel === "sms" || row.channel === "email" ? `the ticket has no ${row.channel === "sms" ? "phone" : "e-mail address"}` : `customer has no ${row.channel} account` };
        return { target: { kind: "customer", customer, externalId }, language: customer.language };
      }
      case "staff": {
        const staff = await deps.staff.findById(row.recipient.staffId);
        const externalId = staff ? await deps.store.externalIdOf(row.recipient, row.channel) : null;
        if (!staff || !externalId) return { missing: `staff member has no ${row.channel} account` };
        return { target: { kind: "staff", staff, externalId }, language: deps.staffLanguage };
      }
    }
  }

  /** Resolves the recipient, renders the message in their language and hands it to the channel. */
  async function attempt(row: OutboxRow, sender: ChannelSender): Promise<SendResult> {
    // A stored message this version cannot read fails at once, and is recorded: retrying will not make it readable.
    if (row.notification === null) return { status: "failed", reason: row.unreadable };
    const resolved = await resolveTarget(row);
    if ("missing" in resolved) return { status: "failed", reason: resolved.missing };
    const message: OutgoingMessage = {
      outboxId: row.id,
      notification: row.notification,
      rendered: renderNotification(resolved.language, row.notification, { timeZone: deps.timeZone, publicUrl: deps.publicUrl }),
      language: resolved.language,
      ...(row.ticketId ? { ticketId: row.ticketId } : {}),
    };
    try {
      return await sender.send(resolved.target, message);
    } catch (error) {
      return { status: "retry", reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async function deliver(row: OutboxRow, sender: ChannelSender): Promise<"done" | "hold_recipient" | "pause_channel"> {
    const now = deps.clock.now();
    const holdUntil = sender.holdUntil?.(now);
    if (holdUntil && holdUntil > now) {
      // Not an attempt: the channel may not send now (SMS quiet hours); every row of it waits.
      await deps.store.markRetry(row.id, { attempts: row.attempts, nextAttemptAt: holdUntil, error: `held until ${holdUntil.toISOString()}` });
      return "pause_channel";
    }
    const attempts = row.attempts + 1;
    const result = await attempt(row, sender);

    if (result.status === "sent") {
      await deps.store.markSent(row.id, deps.clock.now());
      return "done";
    }
    if (result.status === "held") {
      // Not an attempt and no retry budget spent: the recipient cannot be reached yet (WeCom's window).
      await deps.store.markRetry(row.id, { attempts: row.attempts, nextAttemptAt: result.until, error: result.reason });
      return "hold_recipient";
    }
    if (result.status === "retry" && now.getTime() - row.createdAt.getTime() < RETRY_BUDGET_MS) {
      const backoff = Math.min(MAX_BACKOFF_SECONDS, BASE_BACKOFF_SECONDS * 2 ** Math.min(attempts - 1, 20));
      const delaySeconds = Math.max(backoff, result.afterSeconds ?? 0);
      await deps.store.markRetry(row.id, { attempts, nextAttemptAt: new Date(now.getTime() + delaySeconds * 1000), error: result.reason });
      deps.logger.warn({ outboxId: row.id, channel: row.channel, attempts, delaySeconds, reason: result.reason }, "delivery will be retried");
      return result.afterSeconds ? "pause_channel" : "hold_recipient";
    }
    const reason = result.status === "failed" ? result.reason : `gave up after ${attempts} attempts: ${result.reason}`;
    await deps.store.markFailed(row.id, { attempts, at: now, error: reason });
    deps.logger.warn({ outboxId: row.id, channel: row.channel, reason }, "delivery failed permanently");
    try {
      await deps.onPermanentFailure(row, reason);
    } catch (error) {
      deps.logger.error({ err: error, outboxId: row.id }, "could not record a delivery failure on the ticket");
    }
    return "done";
  }

  /** Delivers every row due now; returns how many rows were handled. */
  async function runOnce(limit = BATCH_SIZE): Promise<number> {
    const rows = await deps.store.due(deps.clock.now(), [...senders.keys()], limit);
    const pausedChannels = new Set<Channel>();
    const heldRecipients = new Set<string>();
    const recipientKey = (row: OutboxRow) =>
      `${row.channel}:${row.recipient.kind}:${row.recipient.kind === "customer" ? row.recipient.customerId : row.recipient.kind === "staff" ? row.recipient.staffId : ""}`;
    for (const row of rows) {
      const sender = senders.get(row.channel);
      if (!sender || pausedChannels.has(row.channel) || heldRecipients.has(recipientKey(row))) continue;
      try {
        const outcome = await deliver(row, sender);
        if (outcome === "pause_channel") pausedChannels.add(row.channel);
        if (outcome !== "done") heldRecipients.add(recipientKey(row));
      } catch (error) {
        // A database hiccup on one row must not stop the others; the row stays pending.
        heldRecipients.add(recipientKey(row));
        deps.logger.error({ err: error, outboxId: row.id }, "outbox row could not be processed");
      }
    }
    return rows.length;
  }

  const loop = createBackgroundLoop({
    pass: () => runOnce(BATCH_SIZE),
    intervalMs: deps.pollIntervalMs ?? 1000,
    hasMore: (handled) => handled >= BATCH_SIZE,
    onError: (error) => deps.logger.error({ err: error }, "outbox pass failed"),
  });

  return {
    /** One pass by hand (tests, scripts); the loop's passes are the same. */
    runOnce,
    /** Delivers now, then every `pollIntervalMs`. */
    start: loop.start,
    /** Delivers soon, e.g. right after a change enqueued something (after the pass under way, if any). */
    kick: loop.kick,
    stop: loop.stop,
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
