import { planNotifications } from "../notifications/plan-notifications.ts";
import type { CoreDeps } from "../ports.ts";
import { dayKey } from "./numbering.ts";
import { parseReport, type ReportInput } from "./report.ts";
import { slaFields } from "./sla-fields.ts";
import { newEvent, type Initiator } from "./ticket-event.ts";
import type { Classification, Ticket } from "./types.ts";

export type IntakeResult = {
  ticket: Ticket;
  /** False when the same channel message was already a ticket (a redelivery). */
  created: boolean;
  classification: Classification;
};

/**
 * Creates a ticket from a customer's report. The report is stored, with its customer link,
 * first timeline event and staff notification, in one transaction before any channel
 * answers, so a crash after this call returns loses nothing.
 */
export async function intakeReport(deps: CoreDeps, input: ReportInput): Promise<IntakeResult> {
  const report = parseReport(input);
  const now = deps.clock.now();
  const classified = deps.classify([report.description, report.product].filter(Boolean).join("\n"));
  // A customer who picked a category knows their intent better than a model; urgency is
  // still ours to judge, because safety cues must not depend on a menu choice.
  const classification: Classification = report.category
    ? { ...classified, category: report.category, reasons: ["category chosen by customer", ...classified.reasons] }
    : classified;
  const due = slaFields(deps.settings, { createdAt: now, urgency: classification.urgency, category: classification.category });
  const initiator: Initiator = { actor: { kind: "system", name: report.name }, channel: report.channel };
  const events = [
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

  const { ticket, created } = await deps.tickets.create({
    ticket: {
      status: "new",
      contactName: report.name,
      phone: report.phone,
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
    numbering: { day: dayKey(now, deps.settings.timeZone), prefix: deps.settings.numberPrefix },
    events,
    outbox: (stored) => planNotifications(stored, events, deps.settings),
  });
  return { ticket, created, classification };
}
