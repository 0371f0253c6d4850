import type { Actor, Channel, EventOfType, NewTicketEvent, TicketEvent, TicketEventType, TicketStatus, Visibility } from "./types.ts";

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
  "follow_up",
  "rejected",
  "cancelled",
  "closed",
  "survey_answered",
];

type EventOptions = {
  visibility?: Visibility;
  fromStatus?: TicketStatus;
  toStatus?: TicketStatus;
  note?: string;
};

/** The details argument: required when the type's data is, optional otherwise. */
type DetailsArgument<T extends TicketEventType> =
  undefined extends EventOfType<T>["data"]
    ? [details?: EventOptions & { data?: EventOfType<T>["data"] }]
    : [details: EventOptions & { data: EventOfType<T>["data"] }];

export function newEvent<T extends TicketEventType>(type: T, initiator: Initiator, at: Date, ...[details]: DetailsArgument<T>): NewTicketEvent {
  const options: EventOptions & { data?: unknown } = details ?? {};
  // The signature ties `data` to `type`; the object below is that pairing.
  return {
    type,
    visibility: options.visibility ?? (PUBLIC_BY_DEFAULT.includes(type) ? "public" : "internal"),
    actor: initiator.actor,
    channel: initiator.channel,
    at,
    ...(options.fromStatus ? { fromStatus: options.fromStatus } : {}),
    ...(options.toStatus ? { toStatus: options.toStatus } : {}),
    ...(options.note !== undefined ? { note: options.note } : {}),
    ...(options.data ? { data: options.data } : {}),
  } as NewTicketEvent;
}

export function statusEvent(initiator: Initiator, at: Date, from: TicketStatus, to: TicketStatus, note?: string): NewTicketEvent {
  return newEvent("status_changed", initiator, at, { fromStatus: from, toStatus: to, ...(note ? { note } : {}) });
}

export function isPublic(event: TicketEvent): boolean {
  return event.visibility === "public";
}
