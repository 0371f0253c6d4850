/**
 * The public surface of the core. Adapters (server/, bot/, portal/) call these use cases
 * through `createCore(deps)` and never reach into the store.
 */
import { setCustomerLanguage } from "./customers/set-customer-language.ts";
import { recordReturnVisit } from "./scheduling/return-visits.ts";
import { registerStaff } from "./staff/register-staff.ts";
import { answerSurvey, readSurvey } from "./surveys/answer-survey.ts";
import type { CoreDeps, TicketFilter } from "./ports.ts";
import { addCustomerMessage } from "./tickets/add-customer-message.ts";
import { addNote } from "./tickets/add-note.ts";
import { assignTicket, takeTicket } from "./tickets/assign-ticket.ts";
import { cancelTicket } from "./tickets/cancel-ticket.ts";
import { changeStatus, type ChangeStatusOptions } from "./tickets/change-status.ts";
import { chaseTicket } from "./tickets/chase-ticket.ts";
import { closeTicket } from "./tickets/close-ticket.ts";
import { decideApproval } from "./tickets/decide-approval.ts";
import { escalateTicket } from "./tickets/escalate-ticket.ts";
import { intakeReport } from "./tickets/intake-report.ts";
import { listTickets } from "./tickets/list-tickets.ts";
import { findTicketWithProof, lookupTicket, publicViewOf, showTicket } from "./tickets/lookup-ticket.ts";
import { reclassifyTicket } from "./tickets/reclassify-ticket.ts";
import { reopenTicket } from "./tickets/reopen-ticket.ts";
import type { ReportInput } from "./tickets/report.ts";
import type { Initiator } from "./tickets/ticket-event.ts";
import type { Attachment, Category, ChannelIdentity, Language, Staff, Ticket, Urgency } from "./tickets/types.ts";

export type { CoreDeps, CoreSettings, TicketFilter } from "./ports.ts";
export type { Initiator } from "./tickets/ticket-event.ts";
export type { PublicTicketView, StaffTicketView } from "./tickets/ticket-views.ts";
export type { ReportInput } from "./tickets/report.ts";
export type { Notification, NotificationKind } from "./notifications/notification.ts";
export type { ChannelSender, DeliveryTarget, OutgoingMessage, SendResult } from "./notifications/delivery.ts";
export { renderNotification, type ButtonAction, type MessageButton, type RenderContext, type RenderedMessage } from "./i18n/render-notification.ts";
export { describeEvent } from "./i18n/describe-event.ts";
export { AppError, isAppError } from "./errors.ts";

export function createCore(deps: CoreDeps) {
  return {
    deps,
    intake: (report: ReportInput) => intakeReport(deps, report),
    lookup: (number: string, phone: string) => lookupTicket(deps, number, phone),
    findWithProof: (number: string, phone: string) => findTicketWithProof(deps, number, phone),
    publicView: (ticket: Ticket) => publicViewOf(deps, ticket),
    show: (number: string) => showTicket(deps, number),
    list: (filter: TicketFilter) => listTickets(deps, filter),
    assign: (number: string, assignee: string, initiator: Initiator) => assignTicket(deps, { number, assignee, initiator }),
    take: (number: string, initiator: Initiator) => takeTicket(deps, { number, initiator }),
    changeStatus: (options: ChangeStatusOptions) => changeStatus(deps, options),
    note: (number: string, text: string, initiator: Initiator) => addNote(deps, { number, text, visibility: "internal", initiator }),
    reply: (number: string, text: string, initiator: Initiator) => addNote(deps, { number, text, visibility: "public", initiator }),
    /** The customer's words on their ticket, with files they sent (already saved by the attachment storage). */
    customerMessage: (number: string, text: string, initiator: Initiator, options: { attachments?: readonly Omit<Attachment, "id">[] } = {}) =>
      addCustomerMessage(deps, { number, text, initiator, ...(options.attachments?.length ? { attachments: options.attachments } : {}) }),
    chase: (number: string, initiator: Initiator, note?: string) => chaseTicket(deps, { number, initiator, ...(note ? { note } : {}) }),
    approve: (number: string, initiator: Initiator) => decideApproval(deps, { number, decision: "approve", initiator }),
    reject: (number: string, reason: string, initiator: Initiator) => decideApproval(deps, { number, decision: "reject", reason, initiator }),
    escalate: (number: string, initiator: Initiator, reason?: string) => escalateTicket(deps, { number, initiator, ...(reason ? { reason } : {}) }),
    close: (number: string, initiator: Initiator, resolution?: string) => closeTicket(deps, { number, initiator, ...(resolution ? { resolution } : {}) }),
    reopen: (number: string, initiator: Initiator, reason?: string) => reopenTicket(deps, { number, initiator, ...(reason ? { reason } : {}) }),
    cancel: (number: string, initiator: Initiator, reason?: string) => cancelTicket(deps, { number, initiator, ...(reason ? { reason } : {}) }),
    reclassify: (number: string, change: { category?: Category; urgency?: Urgency }, initiator: Initiator) =>
      reclassifyTicket(deps, { number, ...change, initiator }),
    /** The language the customer's notifications are written in; null for a channel account that is no customer yet. */
    setLanguage: (customer: string | ChannelIdentity, language: Language) => setCustomerLanguage(deps, customer, language),
    /** A return-visit (回访) call attempt: reached closes the visit, unreached schedules the next attempt. */
    recordReturnVisit: (
      number: string,
      outcome: "reached" | "unreached",
      initiator: Initiator,
      options: { note?: string; nextAttemptAt?: Date } = {},
    ) => recordReturnVisit(deps, { number, outcome, initiator, ...options }),
    registerStaff: (input: Parameters<typeof registerStaff>[1], registeredBy: Staff | null) => registerStaff(deps, input, registeredBy),
    readSurvey: (token: string) => readSurvey(deps, token),
    answerSurvey: (token: string, answer: unknown, channel: "portal" | "telegram" | "wechat" | "api") =>
      answerSurvey(deps, { token, answer, channel }),
  };
}

export type Core = ReturnType<typeof createCore>;
