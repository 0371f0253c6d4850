import type { DigestEntry, Notification } from "./notification.ts";

/** A new-ticket post to the staff room, the only message a digest merges. */
export type NewTicketPost = Extract<Notification, { kind: "staff.new_ticket" }>;

/**
 * A digest line's parts are cut to these lengths so that a digest of the largest size the
 * outbox builds (server/outbox DIGEST_MAX_TICKETS) stays under a chat message's limit
 * (Telegram: 4,096 characters) and no ticket is cut off the end.
 */
export const DIGEST_NAME_LENGTH = 20;
export const DIGEST_SUMMARY_LENGTH = 40;

/**
 * One staff-room message for several routine new-ticket posts, oldest first: each ticket
 * with its number, urgency, category, the reporter's name and the first line of the description.
 */
export function staffRoomDigest(posts: readonly NewTicketPost[]): Notification {
  return { kind: "staff.digest", tickets: posts.map(digestEntry) };
}

function digestEntry(post: NewTicketPost): DigestEntry {
  return {
    number: post.number,
    urgency: post.urgency,
    category: post.category,
    name: shorten(post.name, DIGEST_NAME_LENGTH),
    summary: shorten(post.description.split(/\r?\n/).find((line) => line.trim()) ?? "", DIGEST_SUMMARY_LENGTH),
  };
}

function shorten(text: string, length: number): string {
  const chars = [...text.trim()];
  return chars.length > length ? `${chars.slice(0, length - 1).join("")}…` : chars.join("");
}
