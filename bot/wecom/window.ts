/**
 * WeCom customer service's rule for messages the business starts: after a customer's message
 * the desk may send at most 5 messages within 48 hours; the customer's next message opens a
 * new window. One customer's window, as stored between messages (bot/wecom keeps it, the
 * server persists it), and the arithmetic on it. Replies to the customer count like
 * notifications: WeCom counts every message sent.
 */

export const WINDOW_MS = 48 * 3600_000;
export const WINDOW_MESSAGES = 5;
/**
 * When one message is left, notifications are gathered and sent together this long before the
 * window closes (or at once, when the customer writes first and opens a new window).
 */
export const MERGE_LEAD_MS = 3600_000;

/** A notification kept for the merged last message: its outbox row and what it says. */
export type PendingPart = { outboxId: string; text: string; choices?: { label: string; payload: string }[] };

export type WindowState = {
  /** The customer-service account the customer wrote to (send_msg needs it). */
  openKfid: string;
  /** ISO instant of the customer's last message. */
  lastInboundAt: string;
  /** Messages sent since then. */
  sent: number;
  /** Notifications waiting for the merged last message. */
  parts?: PendingPart[];
  /** Outbox rows already delivered inside a merged message (their own turn then only marks them sent). */
  delivered?: string[];
  /** Tickets whose staff were told, in this closed window, that the customer cannot be reached. */
  unreachable?: string[];
};

/** Where a window stands at `now`. */
export type WindowStatus =
  | { kind: "open"; remaining: number; closesAt: Date }
  | { kind: "closed" };

export function windowStatus(state: WindowState | null, now: Date): WindowStatus {
  if (!state) return { kind: "closed" };
  const closesAt = new Date(new Date(state.lastInboundAt).getTime() + WINDOW_MS);
  const remaining = WINDOW_MESSAGES - state.sent;
  if (now >= closesAt || remaining <= 0) return { kind: "closed" };
  return { kind: "open", remaining, closesAt };
}

/** The customer wrote: a fresh window. Parts waiting for a merged message go on their own now. */
export function reopened(state: WindowState | null, openKfid: string, at: Date): WindowState {
  return { openKfid, lastInboundAt: at.toISOString(), sent: 0, ...(state?.delivered?.length ? { delivered: state.delivered } : {}) };
}

/** Stored per customer (external_userid); the server keeps it in the database. */
export type WindowStore = {
  load(externalUserId: string): Promise<WindowState | null>;
  save(externalUserId: string, state: WindowState): Promise<void>;
};

/**
 * Runs one customer's window changes one at a time in this process (the pull and the outbox
 * worker both change it): a read-change-write never interleaves with another.
 */
export function createWindowLocks() {
  const tails = new Map<string, Promise<unknown>>();
  return function withWindow<T>(externalUserId: string, work: () => Promise<T>): Promise<T> {
    const previous = tails.get(externalUserId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    tails.set(externalUserId, settled);
    void settled.then(() => {
      if (tails.get(externalUserId) === settled) tails.delete(externalUserId);
    });
    return next;
  };
}
