import {
  renderNotification,
  staffRoomDigest,
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
/**
 * Rows of one recipient's queue taken per pass: a long queue (the staff room after a flood)
 * takes this many places in a batch and leaves the rest to everyone else.
 */
const PER_RECIPIENT = 5;
/**
 * Recipients delivered to at the same time. Each recipient's messages go one after the
 * other; different recipients do not wait for each other, so a chat the channel slows down
 * (Telegram lets a bot post about 20 messages a minute in a group) holds up only itself.
 */
const CONCURRENT_RECIPIENTS = 8;
/**
 * When more routine new-ticket posts than this wait for a staff room (about a minute of
 * Telegram's group limit), they are merged into digests of up to `DIGEST_MAX_TICKETS`
 * tickets each instead of being posted one by one.
 */
export const STAFF_ROOM_DIGEST_THRESHOLD = 20;
/** Tickets per digest; with core's cut of each line (DIGEST_SUMMARY_LENGTH) a digest fits one Telegram message. */
export const DIGEST_MAX_TICKETS = 30;

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
  /** Default `STAFF_ROOM_DIGEST_THRESHOLD`. */
  digestThreshold?: number;
};

/**
 * Delivers stored outgoing messages. Rows are read from the database on every pass, so
 * whatever was pending when the process stopped goes out after a restart. Delivery is
 * at-least-once: a crash between a successful send and `markSent` sends that one again.
 * Retries back off exponentially up to an hour (honoring a channel's retry-after) for a day
 * (RETRY_BUDGET_MS); after that, or on a permanent refusal, the row is failed and the
 * failure recorded on the ticket. The store picks each recipient's first rows, most urgent
 * first (see `OutboxDeliveryStore.due`); recipients are served side by side, each one's rows
 * in order, and the loop never waits for a slow recipient. A ticket's messages to one
 * recipient keep their order: a retried row holds back the ones queued after it; a rate
 * limit pauses the whole channel for the pass. A staff room's backlog of routine new-ticket
 * posts becomes digests (`STAFF_ROOM_DIGEST_THRESHOLD`).
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

  async function deliver(row: OutboxRow, sender: ChannelSender): Promise<"done" | "not_yet" | "hold_recipient" | "pause_channel"> {
    const now = deps.clock.now();
    const holdUntil = sender.holdUntil?.(now);
    if (holdUntil && holdUntil > now) {
      // Not an attempt: the channel may not send now (SMS quiet hours); every row of it waits.
      await deps.store.markRetry(row.id, { attempts: row.attempts, nextAttemptAt: holdUntil, error: `held until ${holdUntil.toISOString()}` });
      return "pause_channel";
    }
    // Not an attempt either, and nothing written: a later pass asks again (within seconds).
    const recipientHold = sender.holdRecipientUntil?.(row.recipient, now);
    if (recipientHold && recipientHold > now) return "not_yet";
    const attempts = row.attempts + 1;
    const result = await attempt(row, sender);

    if (result.status === "sent") {
      const sentAt = deps.clock.now();
      await deps.store.markSent(row.id, sentAt);
      if (row.notification?.kind === "staff.digest") await deps.store.settleMerged(row.id, { sentAt });
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
    // A failed digest failed every post it carried: each of their tickets is told, as a post of its own would have been.
    const carried = row.notification?.kind === "staff.digest" ? await deps.store.settleMerged(row.id, { failedAt: now, error: reason }) : [];
    for (const failed of [row, ...carried]) {
      try {
        await deps.onPermanentFailure(failed, reason);
      } catch (error) {
        deps.logger.error({ err: error, outboxId: failed.id }, "could not record a delivery failure on the ticket");
      }
    }
    return "done";
  }

  /** The recipients whose deliveries are under way, by `recipientKey`, with the rows they hold. */
  const inFlight = new Map<string, { rows: readonly OutboxRow[]; done: Promise<void> }>();
  let isStopping = false;

  /**
   * A staff room whose routine new-ticket posts pile up gets them as digests: every waiting
   * post is merged (oldest first, `DIGEST_MAX_TICKETS` per digest), none is dropped, and a
   * merged row stays in the table as `merged`, pointing at the digest that carries it.
   */
  async function mergeStaffRoomBacklogs(): Promise<void> {
    const threshold = deps.digestThreshold ?? STAFF_ROOM_DIGEST_THRESHOLD;
    for (const channel of senders.keys()) {
      if ((await deps.store.routineStaffRoomBacklog(channel)) <= threshold) continue;
      // Rows a delivery under way has in hand go out as they are.
      const excludeIds = [...inFlight.values()].flatMap((lane) => lane.rows.map((row) => row.id));
      let merged = 0;
      for (;;) {
        const count = await deps.store.mergeRoutineStaffRoomPosts({ channel, at: deps.clock.now(), limit: DIGEST_MAX_TICKETS, excludeIds, digest: staffRoomDigest });
        merged += count;
        if (count < DIGEST_MAX_TICKETS) break;
      }
      deps.logger.info({ channel, merged }, "staff-room backlog merged into digests");
    }
  }

  /** One recipient's rows, in their order; stops at the first that must wait. True when a row was handled. */
  async function deliverInOrder(rows: readonly OutboxRow[], sender: ChannelSender, pausedChannels: Set<Channel>): Promise<boolean> {
    let handled = false;
    for (const row of rows) {
      if (isStopping || pausedChannels.has(row.channel)) return handled;
      try {
        const outcome = await deliver(row, sender);
        if (outcome === "pause_channel") pausedChannels.add(row.channel);
        if (outcome === "not_yet") return handled;
        handled = true;
        if (outcome !== "done") return handled;
      } catch (error) {
        // A database hiccup on one row must not stop the others; the row stays pending.
        deps.logger.error({ err: error, outboxId: row.id }, "outbox row could not be processed");
        return handled;
      }
    }
    return handled;
  }

  /**
   * Reads the due rows (the store picks each recipient's head of line, most urgent first)
   * and starts a delivery per recipient not already being served; returns how many rows it
   * started and the deliveries, which it does not wait for.
   */
  async function startPass(limit: number): Promise<{ started: number; deliveries: Promise<void>[] }> {
    await mergeStaffRoomBacklogs();
    // Recipients being served would take places in the batch only to be skipped.
    const rows = await deps.store.due(deps.clock.now(), [...senders.keys()], { limit: limit + inFlight.size * PER_RECIPIENT, perRecipient: PER_RECIPIENT });
    const lanes = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const key = recipientKey(row);
      if (inFlight.has(key)) continue;
      const lane = lanes.get(key);
      if (lane) lane.push(row);
      else lanes.set(key, [row]);
    }
    const pausedChannels = new Set<Channel>();
    const deliveries: Promise<void>[] = [];
    let started = 0;
    for (const [key, laneRows] of lanes) {
      if (inFlight.size >= CONCURRENT_RECIPIENTS || started >= limit) break;
      const sender = senders.get(laneRows[0]!.channel);
      if (!sender) continue;
      const done = deliverInOrder(laneRows, sender, pausedChannels).then(
        (handled) => {
          inFlight.delete(key);
          // What this recipient has next (or others waited for a free place) goes at once;
          // a recipient told to wait does not spin the loop.
          if (handled && !isStopping) loop.kick();
        },
        () => {
          inFlight.delete(key);
        },
      );
      inFlight.set(key, { rows: laneRows, done });
      deliveries.push(done);
      started += laneRows.length;
    }
    return { started, deliveries };
  }

  /** Delivers every row due now and waits for those deliveries; returns how many rows were handled. */
  async function runOnce(limit = BATCH_SIZE): Promise<number> {
    const { started, deliveries } = await startPass(limit);
    await Promise.all(deliveries);
    return started;
  }

  const loop = createBackgroundLoop({
    // The loop's passes do not wait for slow recipients: the next pass serves the others.
    // A recipient's delivery that ends kicks the loop, so what waited follows at once.
    pass: async () => (await startPass(BATCH_SIZE)).started,
    intervalMs: deps.pollIntervalMs ?? 1000,
    onError: (error) => deps.logger.error({ err: error }, "outbox pass failed"),
  });

  return {
    /** One pass by hand (tests, scripts); the loop's passes are the same. */
    runOnce,
    /** Delivers now, then every `pollIntervalMs`. */
    start() {
      isStopping = false;
      loop.start();
    },
    /** Delivers soon, e.g. right after a change enqueued something (after the pass under way, if any). */
    kick: loop.kick,
    /** No more passes or new sends; resolves once the sends under way have ended (their recipients' later rows stay pending). */
    async stop() {
      await loop.stop();
      isStopping = true;
      try {
        await Promise.all([...inFlight.values()].map((lane) => lane.done));
      } finally {
        isStopping = false;
      }
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

/** One queue of messages whose order matters: a recipient on a channel. */
function recipientKey(row: OutboxRow): string {
  const id = row.recipient.kind === "customer" ? row.recipient.customerId : row.recipient.kind === "staff" ? row.recipient.staffId : "";
  return `${row.channel}:${row.recipient.kind}:${id}`;
}
