/** Closed vocabularies of the ticket domain (see docs: domain.md). */
import type { SlaClockKind } from "../sla/policy.ts";

export const TICKET_STATUSES = [
  "new",
  "accepted",
  "diagnosing",
  "awaiting_approval",
  "approved",
  "rejected",
  "assigned",
  "scheduled",
  "in_progress",
  "pending",
  "resolved",
  "closed",
  "cancelled",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const CATEGORIES = [
  "repair",
  "installation",
  "return_exchange",
  "complaint",
  "consultation",
  "logistics",
  "billing",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];

export const URGENCIES = ["urgent", "high", "normal", "low"] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * Where a message came from or goes to. `api` is a direct HTTP client, `system` the app itself;
 * `sms` and `email` only carry messages out, to the phone or address on a ticket; `console` is
 * the staff console in the browser (staff actions only, never a customer's channel).
 */
export const CHANNELS = ["telegram", "wechat", "portal", "api", "system", "sms", "email", "wecom", "console"] as const;
export type Channel = (typeof CHANNELS)[number];

export const STAFF_ROLES = ["agent", "technician", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LANGUAGES = ["zh-Hans", "zh-Hant", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export type Actor =
  | { kind: "customer"; id: string; name?: string }
  | { kind: "staff"; id: string; name?: string }
  | { kind: "system"; name?: string };

/** Public events are shown to the customer; internal ones only to staff. */
export type Visibility = "public" | "internal";

/** A file as a timeline event or a notification names it (the ticket's attachment rows hold the rest). */
export type FileReference = { storagePath: string; fileName: string; mimeType: string };

/** The classifier's verdict at intake, kept on the `created` event so staff can see why. */
export type ClassificationSummary = { category: Category; urgency: Urgency; confidence: number; reasons: string[] };

/** Why work was escalated by the system rather than by a person (who writes a note instead). */
export type EscalationCause = "sla_breached" | "repeated_complaint";

type Assignment = { assigneeId: string; assigneeName: string; previousAssigneeId?: string | null };

/**
 * What each kind of timeline event carries besides its common fields: a closed union, so a
 * reader switching on `type` gets the right details and a new type that nobody renders fails
 * the typecheck (core/i18n/describe-event.ts). Stored as JSON; read back through
 * `parseEventDetails` (core/tickets/event-details.ts).
 */
export type TicketEventDetails =
  | { type: "created"; data: { classification: ClassificationSummary } }
  | { type: "status_changed"; data?: undefined }
  | { type: "assigned"; data: Assignment }
  | { type: "transferred"; data: Assignment }
  /** A staff note; a return-visit call attempt carries its outcome. */
  | { type: "note"; data?: { returnVisit: "reached" | "unreached"; attempt: number; nextAttemptAt?: Date } }
  | { type: "reply"; data?: undefined }
  /** The customer's words (the note) and the files they sent with them. */
  | { type: "customer_message"; data?: { attachments: (FileReference & { sizeBytes?: number })[] } }
  | { type: "chased"; data: { count: number } }
  | { type: "urgency_changed"; data: { from: Urgency; to: Urgency; correction?: boolean; reason?: "escalated" | "repeated chase" } }
  | { type: "category_changed"; data: { from: Category; to: Category; correction?: boolean } }
  | { type: "corrected"; data?: undefined }
  | { type: "approved"; data?: undefined }
  | { type: "rejected"; data?: undefined }
  | { type: "escalated"; data?: { cause: EscalationCause } }
  | { type: "reopened"; data?: undefined }
  /**
   * A link between a ticket and its follow-up (opened when the customer said it was not fixed
   * after the reopen window): on the original `opened` names the follow-up, on the follow-up
   * `of` names the original.
   */
  | { type: "follow_up"; data: { relation: "opened" | "of"; number: string } }
  | { type: "cancelled"; data?: undefined }
  | { type: "closed"; data?: undefined }
  | { type: "appointment_set"; data: { appointmentAt: Date } }
  | { type: "sla_warning"; data: SlaCrossing }
  | { type: "sla_breached"; data: SlaCrossing }
  | { type: "clock_paused"; data: { clock: SlaClockKind } }
  | { type: "clock_resumed"; data: { clock: SlaClockKind } }
  | { type: "survey_sent"; data: { surveyId: string } }
  | { type: "survey_answered"; data: { surveyId: string; score: number; comment?: string } }
  /** A comment the customer added after their score (the comment is the event's note); `score` is the one it explains. */
  | { type: "survey_commented"; data: { surveyId: string; score: number } }
  /** `notification` is the kind of the message (core/notifications/notification.ts), null when it could not be read. */
  | { type: "notification_failed"; data: { recipient: "customer" | "staff" | "staff_room"; channel: Channel; notification: string | null } }
  /**
   * The customer cannot be messaged on `channel` until they write again (WeCom customer
   * service: 48 h after their last message, or its 5 replies spent). The message waits for
   * them; `sms` when the same news was queued as an SMS instead.
   */
  | { type: "customer_unreachable"; data: { channel: Channel; notification: string; sms: boolean } }
  /**
   * Who was alerted privately about an urgent report or an escalation: each supervisor a
   * message was queued for, with the channels; an empty list records that none was reachable.
   */
  | { type: "supervisors_alerted"; data: { supervisors: AlertedSupervisor[] } }
  /** A supervisor closed the ticket's low-score follow-up (their note is the event's note). */
  | { type: "follow_up_done"; data: { tasks: number } };

/** A supervisor a private alert was queued for, and on which channels. */
export type AlertedSupervisor = { id: string; name: string; channels: Channel[] };

type SlaCrossing = { clock: SlaClockKind; dueAt: Date; crossedAt: Date };

export type TicketEventType = TicketEventDetails["type"];

/** The details of one event type. */
export type EventOfType<T extends TicketEventType> = Extract<TicketEventDetails, { type: T }>;

type EventCommon = {
  visibility: Visibility;
  actor: Actor;
  channel: Channel;
  at: Date;
  fromStatus?: TicketStatus;
  toStatus?: TicketStatus;
  note?: string;
};

/** An event before the store has given it an id and a ticket. */
export type NewTicketEvent = EventCommon & TicketEventDetails;

export type TicketEvent = { id: string; ticketId: string } & NewTicketEvent;

export type Attachment = {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  /** Path relative to DATA_DIR. */
  storagePath: string;
};

export type Ticket = {
  id: string;
  number: string;
  status: TicketStatus;
  /** Optimistic-concurrency counter: every saved change increments it. */
  version: number;
  customerId: string;
  contactName: string;
  phone: string;
  /** Where the customer asked for e-mail updates (portal and API reports), if anywhere. */
  email?: string;
  description: string;
  product?: string;
  address?: string;
  preferredTime?: string;
  category: Category;
  urgency: Urgency;
  channel: Channel;
  sourceMessageId?: string;
  assigneeId?: string;
  workCenterId?: string;
  appointmentAt?: Date;
  resolution?: string;
  chaseCount: number;
  lastChasedAt?: Date;
  firstContactResolution: boolean;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt?: Date;
  /** SLA due times, fixed at intake from the policy of the ticket's urgency (see core/sla). */
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date;
  firstResponseWarnAt?: Date;
  resolutionWarnAt?: Date;
  /** Set in the same write as the SLA event they stand for, so each is recorded once. */
  firstResponseWarnedAt?: Date;
  firstResponseBreachedAt?: Date;
  resolutionWarnedAt?: Date;
  resolutionBreachedAt?: Date;
  /** When the scheduler should next evaluate the SLA clocks; absent when both are settled. */
  slaCheckAt?: Date;
  resolvedAt?: Date;
  closedAt?: Date;
  /** The number of the ticket this one follows up: the customer said that one was not fixed after its reopen window. */
  followUpOf?: string;
  /** Status to return to when a pending ticket resumes. */
  statusBeforePending?: TicketStatus;
  attachments: Attachment[];
};

/** What the classifier said at intake; kept so staff can see why. */
export type Classification = {
  category: Category;
  urgency: Urgency;
  confidence: number;
  reasons: string[];
};

export type Customer = {
  id: string;
  name: string;
  phone?: string;
  language: Language;
  createdAt: Date;
};

export type Staff = {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  workCenterId?: string;
  /** When the member's API token stops working; absent: no token, or one issued before tokens expired. */
  apiTokenExpiresAt?: Date;
};

export type ChannelIdentity = { channel: Channel; externalId: string };
