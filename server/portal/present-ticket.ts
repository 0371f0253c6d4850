import type { MessageKey, PublicTicketView, TicketEventType, TicketStatus } from "../../core/index.ts";
import type { StepState, TicketPresentation, Translate } from "../../portal/src/portal-api.ts";

export type { TicketPresentation };

/** The customer's six steps; the thirteen statuses fold into them (domain.md: lifecycle). */
const STEPS = ["submitted", "accepted", "dispatched", "working", "resolved", "closed"] as const;
type Step = (typeof STEPS)[number];

const STEP_OF: { readonly [S in TicketStatus]: Step | null } = {
  new: "submitted",
  accepted: "accepted",
  rejected: "accepted",
  assigned: "dispatched",
  scheduled: "dispatched",
  diagnosing: "working",
  awaiting_approval: "working",
  approved: "working",
  in_progress: "working",
  pending: "working",
  resolved: "resolved",
  closed: "closed",
  cancelled: null,
};


export function ticketSteps(status: TicketStatus): { step: Step; state: StepState }[] {
  const current = STEP_OF[status];
  const currentIndex = current ? STEPS.indexOf(current) : -1;
  return STEPS.map((step, index) => ({
    step,
    // A closed ticket has nothing left to do: its last step is done, not in progress.
    state: index < currentIndex || (status === "closed" && index === currentIndex) ? "done" : index === currentIndex ? "current" : "todo",
  }));
}


/**
 * How the customer reads each event type (a status change names its status, below). Types
 * staff keep to themselves only reach a customer if a use case made one public: they read
 * as a plain "update".
 */
const PUBLIC_EVENT_LABELS: { readonly [T in TicketEventType]: MessageKey } = {
  created: "portal.event.created",
  status_changed: "portal.event.other",
  assigned: "portal.event.assigned",
  transferred: "portal.event.transferred",
  reply: "portal.event.reply",
  customer_message: "portal.event.customer_message",
  chased: "portal.event.chased",
  appointment_set: "portal.event.appointment_set",
  reopened: "portal.event.reopened",
  follow_up: "portal.event.follow_up_of",
  cancelled: "portal.event.cancelled",
  closed: "portal.event.closed",
  survey_answered: "portal.event.survey_answered",
  note: "portal.event.other",
  urgency_changed: "portal.event.other",
  category_changed: "portal.event.other",
  corrected: "portal.event.other",
  approved: "portal.event.other",
  rejected: "portal.event.rejected",
  escalated: "portal.event.other",
  sla_warning: "portal.event.other",
  sla_breached: "portal.event.other",
  clock_paused: "portal.event.other",
  clock_resumed: "portal.event.other",
  survey_sent: "portal.event.other",
  survey_commented: "portal.event.other",
  notification_failed: "portal.event.other",
  customer_unreachable: "portal.event.other",
  supervisors_alerted: "portal.event.other",
  follow_up_done: "portal.event.other",
};

const BY_CUSTOMER = new Set(["customer_message", "chased", "survey_answered"]);

/** A status change that an event of the same moment already tells (assigned, visit scheduled). */
const TOLD_BY: Partial<Record<TicketStatus, readonly string[]>> = { assigned: ["assigned", "transferred"], scheduled: ["appointment_set"] };

/**
 * Assigning a ticket records `assigned` and a status change to `assigned`; scheduling records
 * the status change and `appointment_set`. The customer reads each once, unless the status
 * change carries a note for them.
 */
function withoutEchoes(timeline: PublicTicketView["timeline"]): PublicTicketView["timeline"] {
  return timeline.filter((entry) => {
    if (entry.type !== "status_changed" || entry.text || !entry.toStatus) return true;
    const tellers = TOLD_BY[entry.toStatus as TicketStatus];
    return !tellers || !timeline.some((other) => other.at === entry.at && tellers.includes(other.type));
  });
}

/** Everything the ticket page shows, already in the reader's language. */
export function presentTicket(view: PublicTicketView, t: Translate, formatDateTime: (value: string | null) => string): TicketPresentation {
  // Customers read their own status names and what happens next (core/i18n/customer-status.ts), not the desk's.
  const statusName = (status: string) => t(`customer.status.${status as TicketStatus}`);
  const notYet = t("portal.ticket.not_yet");
  const finished = view.status === "resolved" || view.status === "closed" || view.status === "cancelled";
  const detail = (label: MessageKey, value: string | null) => ({ label: t(label), value: value || notYet, ...(value ? {} : { muted: true }) });
  const stepLabels: { readonly [S in Step]: MessageKey } = {
    submitted: "portal.ticket.step.submitted",
    accepted: "portal.ticket.step.accepted",
    dispatched: "portal.ticket.step.dispatched",
    working: "portal.ticket.step.working",
    resolved: "portal.ticket.step.resolved",
    closed: "portal.ticket.step.closed",
  };
  return {
    number: view.number,
    status: view.status,
    statusLabel: statusName(view.status),
    statusNext: t(`customer.status.${view.status}.next`),
    cancelled: view.status === "cancelled",
    steps: ticketSteps(view.status).map(({ step, state }) => ({
      label: t(stepLabels[step]),
      state,
      stateLabel: state === "done" ? t("portal.ticket.step.done") : state === "current" ? t("portal.ticket.step.current") : "",
    })),
    details: [
      detail("portal.ticket.product", view.product),
      detail("portal.ticket.category", t(`category.${view.category}`)),
      detail("portal.ticket.description", view.description),
      detail("portal.ticket.phone", view.phone),
      detail("portal.ticket.created", formatDateTime(view.createdAt)),
      detail("portal.ticket.assignee", view.assigneeName),
      // Once the work is done, "not yet" beside a visit or a due time would read as work still pending.
      ...(view.appointmentAt || !finished ? [detail("portal.ticket.appointment", view.appointmentAt ? formatDateTime(view.appointmentAt) : null)] : []),
      ...(finished ? [] : [detail("portal.ticket.due", view.dueAt ? formatDateTime(view.dueAt) : null)]),
      ...(view.status === "resolved" && view.resolvedAt ? [detail("portal.ticket.resolved_at", formatDateTime(view.resolvedAt))] : []),
      ...(view.status === "closed" && view.closedAt ? [detail("portal.ticket.closed_at", formatDateTime(view.closedAt))] : []),
      ...(view.resolution ? [detail("portal.ticket.resolution", view.resolution)] : []),
    ],
    timeline: withoutEchoes(view.timeline).reverse().map((entry) => {
      const label =
        entry.type === "status_changed" && entry.toStatus
          ? t("portal.event.status_changed", { status: statusName(entry.toStatus) })
          : t(PUBLIC_EVENT_LABELS[entry.type]);
      return { at: formatDateTime(entry.at), iso: entry.at, label, ...(entry.text ? { text: entry.text } : {}), byCustomer: BY_CUSTOMER.has(entry.type) };
    }),
    updatedAt: formatDateTime(view.updatedAt),
    canChase: view.canChase,
    // A resolved ticket has its own "not fixed" form (a message there reopens it as well).
    canMessage: view.canWrite && !view.canConfirm,
    canConfirm: view.canConfirm,
    canReportNotFixed: view.canReportNotFixed,
    canCancel: view.canCancel,
    followUpOf: view.followUpOf,
  };
}
