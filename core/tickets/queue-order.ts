import type { Ticket, Urgency } from "./types.ts";

/** Urgent work first. */
const URGENCY_RANK: { readonly [U in Urgency]: number } = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The fields the queue order reads: a store may load only these to sort a large queue. */
export type QueueOrderFields = Pick<Ticket, "urgency" | "firstResponseAt" | "firstResponseDueAt" | "resolutionDueAt" | "createdAt" | "number">;

/**
 * The deadline a ticket is racing now: its first response while nobody has answered the
 * customer (or its resolution, when that comes sooner), afterwards its resolution.
 */
export function nextDueAt(ticket: QueueOrderFields): Date | undefined {
  if (ticket.firstResponseAt) return ticket.resolutionDueAt;
  const dues = [ticket.firstResponseDueAt, ticket.resolutionDueAt].filter((due): due is Date => due !== undefined);
  return dues.length ? new Date(Math.min(...dues.map((due) => due.getTime()))) : undefined;
}

/**
 * The order of a staff queue (`/queue`, `/mine`, `GET /api/staff/tickets`): by urgency, urgent
 * first; then the nearest due time (a ticket without one after those with one); then the one
 * waiting longest; the number breaks exact ties so pages never overlap. Both stores sort with it.
 */
export function compareQueueOrder(a: QueueOrderFields, b: QueueOrderFields): number {
  const byUrgency = URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency];
  if (byUrgency !== 0) return byUrgency;
  const dueA = nextDueAt(a)?.getTime() ?? Number.POSITIVE_INFINITY;
  const dueB = nextDueAt(b)?.getTime() ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const byAge = a.createdAt.getTime() - b.createdAt.getTime();
  if (byAge !== 0) return byAge;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/** Where a queue page ends (`TicketFilter.after`): the last ticket's place in queue order. */
export function queueCursorOf(ticket: QueueOrderFields): { urgency: Urgency; dueAt: Date | null; createdAt: Date; number: string } {
  return { urgency: ticket.urgency, dueAt: nextDueAt(ticket) ?? null, createdAt: ticket.createdAt, number: ticket.number };
}

/** True when the ticket comes after the cursor in queue order: the keyset rule of `compareQueueOrder`. */
export function isAfterQueueCursor(ticket: QueueOrderFields, cursor: { urgency: Urgency; dueAt: Date | null; createdAt: Date; number: string }): boolean {
  const byUrgency = URGENCY_RANK[ticket.urgency] - URGENCY_RANK[cursor.urgency];
  if (byUrgency !== 0) return byUrgency > 0;
  const due = nextDueAt(ticket)?.getTime() ?? Number.POSITIVE_INFINITY;
  const cursorDue = cursor.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (due !== cursorDue) return due > cursorDue;
  const byAge = ticket.createdAt.getTime() - cursor.createdAt.getTime();
  if (byAge !== 0) return byAge > 0;
  return ticket.number > cursor.number;
}

/**
 * The text search of staff queues, as both stores apply it: a substring of the number, the
 * contact name, the description or the phone (digits typed with spaces or dashes match the
 * stored digits). A substring test needs no word breaks, so Chinese works as typed.
 */
export function searchTerms(search: string): { text: string; digits: string | null } {
  const text = search.trim().slice(0, 100);
  const digits = text.replace(/[\s-]/g, "");
  return { text, digits: /^\d{3,}$/.test(digits) ? digits : null };
}
