import type { Language, TicketEventDetails, TicketStatus } from "../tickets/types.ts";
import { formatDateTime } from "./format-date.ts";
import { translate, type MessageKey, type MessageParams } from "./index.ts";
import { escalationReason } from "./render-notification.ts";

/** The parts of a timeline event its staff description reads. */
export type DescribedEvent = TicketEventDetails & { fromStatus?: TicketStatus; toStatus?: TicketStatus };

/**
 * One timeline event as staff read it, in their language (`assigned to Lin`, `status:
 * Received → Accepted`): never a raw type code. The event's free text (its note) and who did
 * it are added by the caller. Exhaustive over the event types, so a new type has to be
 * described here before it typechecks.
 */
export function describeEvent(language: Language, event: DescribedEvent, context: { timeZone: string }): string {
  const t = (key: MessageKey, params?: MessageParams) => translate(language, key, params);
  const status = (value: TicketStatus | undefined) => (value ? t(`status.${value}`) : t("value.none"));
  const at = (instant: Date) => formatDateTime(instant, language, context.timeZone);
  switch (event.type) {
    case "created":
      return t("event.created", { urgency: t(`urgency.${event.data.classification.urgency}`), category: t(`category.${event.data.classification.category}`) });
    case "status_changed":
      return t("event.status_changed", { from: status(event.fromStatus), to: status(event.toStatus) });
    case "assigned":
      return t("event.assigned", { name: event.data.assigneeName });
    case "transferred":
      return t("event.transferred", { name: event.data.assigneeName });
    case "note":
      if (!event.data) return t("event.note");
      return event.data.returnVisit === "reached"
        ? t("event.return_visit_reached", { attempt: event.data.attempt })
        : t("event.return_visit_unreached", { attempt: event.data.attempt, next: event.data.nextAttemptAt ? at(event.data.nextAttemptAt) : t("value.none") });
    case "reply":
      return t("event.reply");
    case "customer_message":
      return event.data?.attachments.length ? t("event.customer_message_files", { count: event.data.attachments.length }) : t("event.customer_message");
    case "chased":
      return t("event.chased", { count: event.data.count });
    case "urgency_changed":
      return t("event.urgency_changed", { from: t(`urgency.${event.data.from}`), to: t(`urgency.${event.data.to}`) });
    case "category_changed":
      return t("event.category_changed", { from: t(`category.${event.data.from}`), to: t(`category.${event.data.to}`) });
    case "corrected":
      return t("event.corrected");
    case "approved":
      return t("event.approved");
    case "rejected":
      return t("event.rejected");
    case "escalated":
      return event.data ? t("event.escalated_because", { reason: escalationReason(language, { kind: event.data.cause }) }) : t("event.escalated");
    case "reopened":
      return t("event.reopened");
    case "follow_up":
      return t(event.data.relation === "opened" ? "event.follow_up_opened" : "event.follow_up_of", { number: event.data.number });
    case "cancelled":
      return t("event.cancelled");
    case "closed":
      return t("event.closed");
    case "appointment_set":
      return t("event.appointment_set", { appointment: at(event.data.appointmentAt) });
    case "sla_warning":
      return t("event.sla_warning", { clock: t(`clock.${event.data.clock}`), dueAt: at(event.data.dueAt) });
    case "sla_breached":
      return t("event.sla_breached", { clock: t(`clock.${event.data.clock}`), dueAt: at(event.data.dueAt) });
    case "clock_paused":
      return t("event.clock_paused", { clock: t(`clock.${event.data.clock}`) });
    case "clock_resumed":
      return t("event.clock_resumed", { clock: t(`clock.${event.data.clock}`) });
    case "survey_sent":
      return t("event.survey_sent");
    case "survey_answered":
      return t("event.survey_answered", { score: event.data.score });
    case "survey_commented":
      return t("event.survey_commented", { score: event.data.score });
    case "notification_failed":
      return t("event.notification_failed", { channel: event.data.channel });
    case "customer_unreachable":
      return t(event.data.sms ? "event.customer_unreachable_sms" : "event.customer_unreachable", { channel: event.data.channel });
    case "supervisors_alerted":
      return event.data.supervisors.length > 0
        ? t("event.supervisors_alerted", { names: event.data.supervisors.map((supervisor) => supervisor.name).join(", ") })
        : t("event.supervisors_unreachable");
    case "follow_up_done":
      return t("event.follow_up_done");
  }
}
