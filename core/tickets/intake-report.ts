import { linkedCustomerId, resolveCustomerLink } from "../customers/resolve-customer-link.ts";
import { detectHazards, type Hazard } from "../kb/safety-advice.ts";
import { alertOutcomeOf, planSupervisorAlert, type SupervisorAlert, type SupervisorAlertOutcome } from "../notifications/alert-supervisors.ts";
import { planNotifications } from "../notifications/plan-notifications.ts";
import type { CoreDeps } from "../ports.ts";
import { localDay } from "../i18n/format-date.ts";
import { parseReport, type Report, type ReportInput } from "./report.ts";
import { slaFields } from "./sla-fields.ts";
import { checkChatIntakeLimit } from "./chat-intake-limit.ts";
import { newEvent, SYSTEM, type Initiator } from "./ticket-event.ts";
import type { Classification, NewTicketEvent, Ticket, Urgency } from "./types.ts";

/** A second complaint by the same customer within this window escalates (seed: 4 h → 申告). */
const REPEATED_COMPLAINT_HOURS = 4;
const REPEATED_COMPLAINT_NOTE = "repeated complaint within 4 h";
const RAISED: { readonly [U in Urgency]: Urgency } = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };

async function hasRecentComplaint(deps: CoreDeps, report: Report, now: Date): Promise<boolean> {
  // The customer this report will belong to, decided as the store will decide it; a new
  // customer has no earlier complaints.
  const customerId = linkedCustomerId(
    resolveCustomerLink({
      identity: report.identity,
      identityCustomer: report.identity ? await deps.customers.findByIdentity(report.identity) : null,
      phoneCustomer: await deps.customers.findByPhone(report.phone),
    }),
  );
  if (!customerId) return false;
  const { total } = await deps.tickets.list({
    customerId,
    categories: ["complaint"],
    createdFrom: new Date(now.getTime() - REPEATED_COMPLAINT_HOURS * 3600_000),
    limit: 1,
  });
  return total > 0;
}

export type IntakeResult = {
  ticket: Ticket;
  /** False when the same channel message was already a ticket (a redelivery). */
  created: boolean;
  classification: Classification;
  /** The dangers the report describes: every channel shows their safety advice at once (`core.safetyAdvice`). */
  hazards: Hazard[];
  /**
   * For an urgent report: whether a private message to at least one reachable supervisor was
   * queued with the ticket (and to whom). Channels say "supervisor notified" only when
   * `notified`; otherwise they give the safety advice and the hotline. Null when not urgent.
   */
  supervisorAlert: SupervisorAlertOutcome | null;
};

/**
 * Creates a ticket from a customer's report. The report is stored, with its customer link,
 * first timeline event and staff notification, in one transaction before any channel
 * answers, so a crash after this call returns loses nothing.
 */
export async function intakeReport(deps: CoreDeps, input: ReportInput): Promise<IntakeResult> {
  const report = parseReport(input);
  // A flood from one chat account is held before anything is classified or stored.
  if (report.identity) await checkChatIntakeLimit(deps, report.identity, report.sourceMessageId);
  const now = deps.clock.now();
  const classified = deps.classify([report.description, report.product].filter(Boolean).join("\n"));
  // A customer who picked a category knows their intent better than a model; urgency is
  // still ours to judge, because safety cues must not depend on a menu choice.
  const chosen: Classification = report.category
    ? { ...classified, category: report.category, reasons: ["category chosen by customer", ...classified.reasons] }
    : { ...classified };
  const repeated = chosen.category === "complaint" && (await hasRecentComplaint(deps, report, now));
  const classification: Classification = repeated
    ? { ...chosen, urgency: RAISED[chosen.urgency], reasons: [...chosen.reasons, REPEATED_COMPLAINT_NOTE] }
    : chosen;
  const due = slaFields(deps.settings, { createdAt: now, urgency: classification.urgency, category: classification.category });
  // The reporting customer; the store fills in their id once it has linked or made them.
  const initiator: Initiator = { actor: { kind: "customer", id: "", name: report.name }, channel: report.channel };
  const events: NewTicketEvent[] = [
    newEvent("created", initiator, now, {
      toStatus: "new",
      data: {
        classification: {
          category: classification.category,
          urgency: classification.urgency,
          confidence: classification.confidence,
          reasons: classification.reasons,
        },
      },
    }),
  ];

  if (repeated) {
    events.push(newEvent("escalated", SYSTEM, now, { visibility: "internal", data: { cause: "repeated_complaint" } }));
  }
  // Supervisors are looked up before the write so the alert is stored with the ticket. An
  // urgent report reaches each of them privately (who, or that nobody could be, goes on the
  // timeline); a repeated complaint that is not urgent is an escalation they hear about.
  const urgent = classification.urgency === "urgent";
  const alert: SupervisorAlert | null = urgent || repeated ? await planSupervisorAlert(deps, { includeStaffRoom: false }) : null;
  if (alert) events.push(alert.event(now));
  const supervisorAlert = (stored: Ticket) =>
    !alert
      ? []
      : alert.address(
          stored.id,
          urgent
            ? { kind: "staff.urgent_report", number: stored.number, category: stored.category, name: stored.contactName, description: stored.description.slice(0, 200) }
            : { kind: "staff.escalated", number: stored.number, reason: { kind: "repeated_complaint" } },
        );

  const { ticket, created } = await deps.tickets.create({
    ticket: {
      status: "new",
      contactName: report.name,
      phone: report.phone,
      ...(report.email ? { email: report.email } : {}),
      description: report.description,
      product: report.product,
      address: report.address,
      preferredTime: report.preferredTime,
      category: classification.category,
      urgency: classification.urgency,
      channel: report.channel,
      sourceMessageId: report.sourceMessageId,
      chaseCount: 0,
      firstContactResolution: false,
      createdAt: now,
      updatedAt: now,
      ...due,
      attachments: report.attachments,
    },
    customer: {
      name: report.name,
      phone: report.phone,
      language: report.language ?? "zh-Hans",
      ...(report.identity ? { identity: report.identity } : {}),
    },
    numbering: { day: localDay(now, deps.settings.timeZone), prefix: deps.settings.numberPrefix },
    events,
    outbox: (stored) => [...planNotifications(stored, events, deps.settings), ...supervisorAlert(stored)],
  });
  const hazards = detectHazards([report.description, report.product].filter(Boolean).join("\n"));
  if (ticket.urgency !== "urgent") return { ticket, created, classification, hazards, supervisorAlert: null };
  // A redelivered report answers as the first delivery did: from the event it recorded.
  const outcome = created ? alertOutcomeOf(events) : alertOutcomeOf(await deps.tickets.events(ticket.id));
  return { ticket, created, classification, hazards, supervisorAlert: outcome ?? { notified: false, supervisors: [] } };
}
