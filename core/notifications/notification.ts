import { z } from "zod";
import type { SlaClockKind } from "../sla/policy.ts";
import { CATEGORIES, TICKET_STATUSES, URGENCIES, type Category, type FileReference, type TicketStatus, type Urgency } from "../tickets/types.ts";

/**
 * Every message the desk sends on its own (as opposed to answering a chat), with typed
 * parameters: the core decides *what* to say and stores it in the outbox; the recipient's
 * language, the desk's time zone and the channel decide *how* when it is sent
 * (core/i18n/render-notification.ts). Every kind but the calendar warning and the digest
 * names its ticket by number (`ticketNumberOf`).
 */
export type Notification =
  | { kind: "customer.accepted"; number: string }
  /** `assigneeName` is null when the assignee is not known by name (shown as "not yet assigned"). */
  | { kind: "customer.assigned"; number: string; assigneeName: string | null }
  | { kind: "customer.scheduled"; number: string; appointmentAt: Date }
  | { kind: "customer.status"; number: string; status: TicketStatus }
  | { kind: "customer.reply"; number: string; text: string }
  | { kind: "customer.resolved"; number: string; resolution: string }
  /**
   * `resolution` is set when the ticket was resolved and closed at once (one message, not two);
   * `reopenWindowDays`: how long the customer may still say it is not fixed and have it reopened.
   */
  | { kind: "customer.closed"; number: string; resolution: string; reopenWindowDays: number }
  /** An approval was refused; `reason` is what the supervisor wrote for the customer. */
  | { kind: "customer.rejected"; number: string; reason: string }
  | { kind: "customer.cancelled"; number: string; reason: string }
  | { kind: "customer.reopened"; number: string }
  /** The survey's signed token; the link (and, in chat, the 1–5 buttons) are made from it when rendering. */
  | { kind: "customer.survey"; number: string; surveyId: string; surveyToken: string }
  | { kind: "customer.survey_reminder"; number: string; surveyId: string; surveyToken: string }
  | { kind: "staff.new_ticket"; number: string; urgency: Urgency; category: Category; name: string; description: string }
  | { kind: "staff.chased"; number: string; count: number; status: TicketStatus }
  | { kind: "staff.escalated"; number: string; reason: EscalationReason }
  /** A resolved or closed ticket is open again; `by` who reopened it, `status` where it is now. */
  | { kind: "staff.reopened"; number: string; by: "customer" | "staff" | "system"; status: TicketStatus }
  /** The customer said `originalNumber` was not fixed after its reopen window: `number` is the follow-up ticket. */
  | { kind: "staff.follow_up"; number: string; originalNumber: string }
  /** The customer cancelled their ticket (with their reason, possibly empty). */
  | { kind: "staff.customer_cancelled"; number: string; reason: string }
  | { kind: "staff.assigned_to_you"; number: string; description: string }
  /** The customer's words and the files they sent with them (shown under the relayed text). */
  | { kind: "staff.customer_message"; number: string; text: string; files: FileReference[] }
  | { kind: "staff.delivery_failed"; number: string; reason: string }
  | { kind: "staff.sla_warning"; number: string; clock: SlaClockKind; dueAt: Date }
  | { kind: "staff.sla_breached"; number: string; clock: SlaClockKind; dueAt: Date }
  /** `dueAt`: when a supervisor should have followed up. */
  | { kind: "staff.low_score"; number: string; score: number; comment: string; dueAt: Date }
  /** A comment the customer wrote after a low score, which was announced without one. */
  | { kind: "staff.low_score_comment"; number: string; score: number; comment: string }
  | { kind: "staff.return_visit_due"; number: string; name: string }
  /** An urgent report, sent to each supervisor privately at intake. */
  | { kind: "staff.urgent_report"; number: string; category: Category; name: string; description: string }
  /** A low-score follow-up fell due without being marked done (`/followup <number> done`). */
  | { kind: "staff.follow_up_due"; number: string; dueAt: Date }
  /**
   * The only kind about no ticket: no official holiday schedule is loaded for `year`, so from
   * `weekendsOnlyFrom` (a local date, YYYY-MM-DD) the business calendar counts weekends only.
   */
  | { kind: "staff.calendar_running_out"; year: number; weekendsOnlyFrom: string }
  /**
   * Routine new-ticket posts merged into one staff-room message while the room's backlog is
   * long (server/outbox): every merged ticket with its number and a one-line summary, oldest first.
   */
  | { kind: "staff.digest"; tickets: DigestEntry[] };

/** One merged new-ticket post in a staff-room digest. */
export type DigestEntry = { number: string; urgency: Urgency; category: Category; name: string; summary: string };

export type NotificationKind = Notification["kind"];

/** Why staff are told a ticket was escalated: a system cause, or what the person escalating wrote. */
export type EscalationReason = { kind: "sla_breached" } | { kind: "repeated_complaint" } | { kind: "reopened" } | { kind: "note"; text: string };

const instant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));
const number = z.string();
const file = z.object({ storagePath: z.string(), fileName: z.string(), mimeType: z.string() });
const clock = z.enum(["first_response", "resolution"]);
const survey = { number, surveyId: z.string(), surveyToken: z.string().min(1) };

/**
 * The stored form of a notification (an outbox row's JSON), read back with its instants
 * revived. Typed against `Notification`, so the union and its schema cannot drift apart.
 */
export const notificationSchema: z.ZodType<Notification, unknown> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("customer.accepted"), number }),
  z.object({ kind: z.literal("customer.assigned"), number, assigneeName: z.string().nullable() }),
  z.object({ kind: z.literal("customer.scheduled"), number, appointmentAt: instant }),
  z.object({ kind: z.literal("customer.status"), number, status: z.enum(TICKET_STATUSES) }),
  z.object({ kind: z.literal("customer.reply"), number, text: z.string() }),
  z.object({ kind: z.literal("customer.resolved"), number, resolution: z.string() }),
  // Rows stored before these fields existed read as a close without resolution and the default window.
  z.object({ kind: z.literal("customer.closed"), number, resolution: z.string().default(""), reopenWindowDays: z.number().default(14) }),
  z.object({ kind: z.literal("customer.rejected"), number, reason: z.string() }),
  z.object({ kind: z.literal("customer.cancelled"), number, reason: z.string() }),
  z.object({ kind: z.literal("customer.reopened"), number }),
  z.object({ kind: z.literal("customer.survey"), ...survey }),
  z.object({ kind: z.literal("customer.survey_reminder"), ...survey }),
  z.object({
    kind: z.literal("staff.new_ticket"),
    number,
    urgency: z.enum(URGENCIES),
    category: z.enum(CATEGORIES),
    name: z.string(),
    description: z.string(),
  }),
  z.object({ kind: z.literal("staff.chased"), number, count: z.number(), status: z.enum(TICKET_STATUSES) }),
  z.object({
    kind: z.literal("staff.escalated"),
    number,
    reason: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("sla_breached") }),
      z.object({ kind: z.literal("repeated_complaint") }),
      z.object({ kind: z.literal("reopened") }),
      z.object({ kind: z.literal("note"), text: z.string() }),
    ]),
  }),
  z.object({ kind: z.literal("staff.reopened"), number, by: z.enum(["customer", "staff", "system"]), status: z.enum(TICKET_STATUSES) }),
  z.object({ kind: z.literal("staff.follow_up"), number, originalNumber: number }),
  z.object({ kind: z.literal("staff.customer_cancelled"), number, reason: z.string() }),
  z.object({ kind: z.literal("staff.assigned_to_you"), number, description: z.string() }),
  z.object({ kind: z.literal("staff.customer_message"), number, text: z.string(), files: z.array(file) }),
  z.object({ kind: z.literal("staff.delivery_failed"), number, reason: z.string() }),
  z.object({ kind: z.literal("staff.sla_warning"), number, clock, dueAt: instant }),
  z.object({ kind: z.literal("staff.sla_breached"), number, clock, dueAt: instant }),
  z.object({ kind: z.literal("staff.low_score"), number, score: z.number(), comment: z.string(), dueAt: instant }),
  z.object({ kind: z.literal("staff.low_score_comment"), number, score: z.number(), comment: z.string() }),
  z.object({ kind: z.literal("staff.return_visit_due"), number, name: z.string() }),
  z.object({ kind: z.literal("staff.urgent_report"), number, category: z.enum(CATEGORIES), name: z.string(), description: z.string() }),
  z.object({ kind: z.literal("staff.follow_up_due"), number, dueAt: instant }),
  z.object({ kind: z.literal("staff.calendar_running_out"), year: z.number().int(), weekendsOnlyFrom: z.iso.date() }),
  z.object({
    kind: z.literal("staff.digest"),
    tickets: z.array(z.object({ number, urgency: z.enum(URGENCIES), category: z.enum(CATEGORIES), name: z.string(), summary: z.string() })),
  }),
]);

/** The ticket a notification is about; undefined for the kinds about none or several (the calendar warning, the digest). */
export function ticketNumberOf(notification: Notification): string | undefined {
  return "number" in notification ? notification.number : undefined;
}

/** A stored notification as read back: the message, or why it cannot be read (the row is then failed, not guessed at). */
export type StoredNotification = { notification: Notification } | { notification: null; unreadable: string };

/**
 * Parses an outbox row's stored JSON. Rows written before notifications were typed hold
 * `{ key: "notify.…", params: {…} }` with string parameters; they are mapped to the kind of
 * the same name (see `fromCatalogKey`), so messages queued before an upgrade still go out
 * and read as they would have.
 */
export function parseStoredNotification(stored: unknown): StoredNotification {
  const candidate = isLegacyPayload(stored) ? fromCatalogKey(stored.key, stored.params) : stored;
  const parsed = notificationSchema.safeParse(candidate);
  if (parsed.success) return { notification: parsed.data };
  const kind = typeof candidate === "object" && candidate !== null && "kind" in candidate ? String(candidate.kind) : "unknown";
  return { notification: null, unreadable: `stored message ${kind} does not fit its schema: ${z.prettifyError(parsed.error).slice(0, 300)}` };
}

type LegacyPayload = { key: string; params: Record<string, unknown> };

function isLegacyPayload(stored: unknown): stored is LegacyPayload {
  return typeof stored === "object" && stored !== null && "key" in stored && typeof stored.key === "string" && "params" in stored && typeof stored.params === "object" && stored.params !== null;
}

/** Legacy escalation reasons were English phrases written by the core itself, or a person's note. */
const LEGACY_REASONS: Readonly<Record<string, EscalationReason>> = {
  "SLA breached": { kind: "sla_breached" },
  "repeated complaint within 4 h": { kind: "repeated_complaint" },
  reopened: { kind: "reopened" },
};

/** The untyped `{ key, params }` of a legacy row as the candidate of its kind (validated by the schema after). */
function fromCatalogKey(key: string, params: Record<string, unknown>): unknown {
  const kind = key.replace(/^notify\./, "");
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  switch (kind) {
    case "customer.assigned":
      return { kind, number: params.number, assigneeName: typeof params.assignee === "string" && params.assignee ? params.assignee : null };
    case "customer.scheduled":
      return { kind, number: params.number, appointmentAt: params.appointment };
    case "customer.survey":
    case "customer.survey_reminder":
      // The only place a survey link is cut apart: legacy rows carried the link, not the token.
      return { kind, number: params.number, surveyId: params.surveyId, surveyToken: text(params.link).split("/survey/")[1] ?? "" };
    case "staff.escalated":
      return { kind, number: params.number, reason: LEGACY_REASONS[text(params.reason)] ?? { kind: "note", text: text(params.reason) } };
    case "staff.customer_message":
      return { kind, number: params.number, text: params.text, files: legacyFiles(params.files) };
    case "staff.sla_warning":
    case "staff.sla_breached":
      return { kind, number: params.number, clock: text(params.clock).replace(/^clock\./, ""), dueAt: params.dueAt };
    default:
      // The other kinds kept their parameters' names; unknown extras are dropped by the schema.
      return { ...params, kind };
  }
}

/** Legacy relayed files: a JSON string of `{ storagePath, mimeType, fileName }`. */
function legacyFiles(value: unknown): unknown {
  if (typeof value !== "string" || !value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map((item: unknown) => (typeof item === "object" && item !== null ? { fileName: "", ...item } : item)) : [];
  } catch {
    return [];
  }
}
