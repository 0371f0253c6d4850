/** Closed vocabularies of the ticket domain (see docs: domain.md). */

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

/** Where a message came from or goes to. `api` is a direct HTTP client, `system` the app itself. */
export const CHANNELS = ["telegram", "wechat", "portal", "api", "system"] as const;
export type Channel = (typeof CHANNELS)[number];

export const STAFF_ROLES = ["agent", "technician", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LANGUAGES = ["zh-Hans", "zh-Hant", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export type Actor =
  | { kind: "customer"; id: string; name?: string }
  | { kind: "staff"; id: string; name?: string }
  | { kind: "system"; name?: string };

export const EVENT_TYPES = [
  "created",
  "status_changed",
  "assigned",
  "transferred",
  "note",
  "reply",
  "customer_message",
  "chased",
  "urgency_changed",
  "category_changed",
  "corrected",
  "approved",
  "rejected",
  "escalated",
  "reopened",
  "cancelled",
  "closed",
  "appointment_set",
  "sla_warning",
  "sla_breached",
  "clock_paused",
  "clock_resumed",
  "survey_sent",
  "survey_answered",
  "notification_failed",
] as const;
export type TicketEventType = (typeof EVENT_TYPES)[number];

/** Public events are shown to the customer; internal ones only to staff. */
export type Visibility = "public" | "internal";

export type TicketEvent = {
  id: string;
  ticketId: string;
  type: TicketEventType;
  visibility: Visibility;
  actor: Actor;
  channel: Channel;
  at: Date;
  fromStatus?: TicketStatus;
  toStatus?: TicketStatus;
  note?: string;
  data?: Record<string, unknown>;
};

/** An event before the store has given it an id and a ticket. */
export type NewTicketEvent = Omit<TicketEvent, "id" | "ticketId">;

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
};

export type ChannelIdentity = { channel: Channel; externalId: string };
