import { z } from "zod";
import { CATEGORIES, CHANNELS, URGENCIES, type EventOfType, type TicketEventDetails, type TicketEventType } from "./types.ts";

/**
 * Reads a stored event's details back into the closed union of `TicketEventDetails`. The
 * database keeps `data` as JSON text, where instants became ISO strings: they are revived
 * here, once. Rows written by earlier versions parse too (the shapes only gained types), and
 * whatever a type without details has stored is ignored.
 */
const instant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));
const clock = z.enum(["first_response", "resolution"]);
const none = z.unknown().transform((): undefined => undefined);
const assignment = z.object({ assigneeId: z.string(), assigneeName: z.string(), previousAssigneeId: z.string().nullable().optional() });
const crossing = z.object({ clock, dueAt: instant, crossedAt: instant });

const DATA: { readonly [T in TicketEventType]: z.ZodType<EventOfType<T>["data"], unknown> } = {
  created: z.object({
    classification: z.object({ category: z.enum(CATEGORIES), urgency: z.enum(URGENCIES), confidence: z.number(), reasons: z.array(z.string()) }),
  }),
  status_changed: none,
  assigned: assignment,
  transferred: assignment,
  note: z.object({ returnVisit: z.enum(["reached", "unreached"]), attempt: z.number(), nextAttemptAt: instant.optional() }).optional(),
  reply: none,
  customer_message: z
    .object({
      attachments: z.array(z.object({ storagePath: z.string(), mimeType: z.string(), fileName: z.string().default(""), sizeBytes: z.number().optional() })),
    })
    .optional(),
  chased: z.object({ count: z.number() }),
  urgency_changed: z.object({
    from: z.enum(URGENCIES),
    to: z.enum(URGENCIES),
    correction: z.boolean().optional(),
    reason: z.enum(["escalated", "repeated chase"]).optional(),
  }),
  category_changed: z.object({ from: z.enum(CATEGORIES), to: z.enum(CATEGORIES), correction: z.boolean().optional() }),
  corrected: none,
  approved: none,
  rejected: none,
  escalated: z.object({ cause: z.enum(["sla_breached", "repeated_complaint"]) }).optional(),
  reopened: none,
  follow_up: z.object({ relation: z.enum(["opened", "of"]), number: z.string() }),
  cancelled: none,
  closed: none,
  appointment_set: z.object({ appointmentAt: instant }),
  sla_warning: crossing,
  sla_breached: crossing,
  clock_paused: z.object({ clock }),
  clock_resumed: z.object({ clock }),
  survey_sent: z.object({ surveyId: z.string() }),
  survey_answered: z.object({ surveyId: z.string(), score: z.number(), comment: z.string().optional() }),
  survey_commented: z.object({ surveyId: z.string(), score: z.number() }),
  notification_failed: z
    .object({
      recipient: z.enum(["customer", "staff", "staff_room"]),
      channel: z.enum(CHANNELS),
      notification: z.string().nullable().optional(),
      // Rows written before notifications were typed named the catalog key instead.
      messageKey: z.string().optional(),
    })
    .transform(({ recipient, channel, notification, messageKey }) => ({
      recipient,
      channel,
      notification: notification ?? messageKey?.replace(/^notify\./, "") ?? null,
    })),
  customer_unreachable: z.object({ channel: z.enum(CHANNELS), notification: z.string(), sms: z.boolean() }),
  supervisors_alerted: z.object({ supervisors: z.array(z.object({ id: z.string(), name: z.string(), channels: z.array(z.enum(CHANNELS)) })) }),
  follow_up_done: z.object({ tasks: z.number() }),
};

export function isTicketEventType(type: string): type is TicketEventType {
  return Object.hasOwn(DATA, type);
}

/** The typed details of a stored event, or null when its type is unknown or its data does not fit. */
export function parseEventDetails(type: string, data: unknown): TicketEventDetails | null {
  if (!isTicketEventType(type)) return null;
  const parsed = DATA[type].safeParse(data ?? undefined);
  if (!parsed.success) return null;
  // `DATA[type]` produced the data of exactly this type.
  return (parsed.data === undefined ? { type } : { type, data: parsed.data }) as TicketEventDetails;
}
