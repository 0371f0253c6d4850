import type { Actor, Channel, NewTicketEvent, TicketEvent, TicketEventType, TicketStatus, Visibility } from "./types.ts";

/** Who is acting, and from where: every change carries it onto the timeline. */
export type Initiator = { actor: Actor; channel: Channel };

export const SYSTEM: Initiator = { actor: { kind: "system" }, channel: "system" };

/** Event types the customer sees on their timeline unless a use case says otherwise. */
const PUBLIC_BY_DEFAULT: readonly TicketEventType[] = [
  "created",
  "status_changed",
  "assigned",
  "transferred",
  "reply",
  "customer_message",
  "chased",
  "appointment_set",
  "reopened",
  "cancelled",
  "closed",
  "survey_answered",
];

export function newEvent(
  type: TicketEventType,
  initiator: Initiator,
  at: Date,
  details: {
    visibility?: Visibility;
    fromStatus?: TicketStatus;
    toStatus?: TicketStatus;
    note?: string;
    data?: Record<string, unknown>;
  } = {},
): NewTicketEvent {
  return {
    type,
    visibility: details.visibility ?? (PUBLIC_BY_DEFAULT.includes(type) ? "public" : "internal"),
    actor: initiator.actor,
    channel: initiator.channel,
    at,
    ...(details.fromStatus ? { fromStatus: details.fromStatus } : {}),
    ...(details.toStatus ? { toStatus: details.toStatus } : {}),
    ...(details.note !== undefined ? { note: details.note } : {}),
    ...(details.data ? { data: details.data } : {}),
  };
}

export function statusEvent(initiator: Initiator, at: Date, from: TicketStatus, to: TicketStatus, note?: string): NewTicketEvent {
  return newEvent("status_changed", initiator, at, { fromStatus: from, toStatus: to, ...(note ? { note } : {}) });
}

export function isPublic(event: TicketEvent): boolean {
  return event.visibility === "public";
}
