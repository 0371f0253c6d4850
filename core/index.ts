/**
 * The one door into the core. Adapters (server/, bot/, portal/) and the store (db/) import
 * from this file only, types included: `createCore(deps)` returns operations, and the
 * exports below are the vocabulary (types, catalogs, parsers) those operations speak.
 * ARCHITECTURE.md lists the rules; eslint.config.js enforces them.
 */
import { createKnowledgeBase } from "./kb/knowledge-base.ts";
import { seedKnowledgeBase } from "./kb/seed.ts";
import type { ArticleDraft } from "./kb/types.ts";
import { recordDeliveryFailure, type DeliveryFailure } from "./notifications/record-delivery-failure.ts";
import { runDueJobs } from "./scheduling/run-due-jobs.ts";
import { loadSlaSettings, readSlaSettings, updateCalendar, updateSlaPolicies } from "./settings/sla-settings.ts";
import { staffDirectory } from "./staff/staff-directory.ts";
import { openSurveyToken } from "./surveys/open-survey-token.ts";
import { queueCounts } from "./tickets/queue-counts.ts";
import { setCustomerLanguage } from "./customers/set-customer-language.ts";
import { recordReturnVisit } from "./scheduling/return-visits.ts";
import { registerStaff } from "./staff/register-staff.ts";
import { addSurveyComment } from "./surveys/add-survey-comment.ts";
import { answerSurvey, readSurvey, type SurveyChannel } from "./surveys/answer-survey.ts";
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

export { parseStoredNotification, type Notification, type NotificationKind, type StoredNotification } from "./notifications/notification.ts";
export { parseEventDetails } from "./tickets/event-details.ts";
export type { ChannelSender, DeliveryTarget, OutgoingMessage, SendResult } from "./notifications/delivery.ts";
export { renderNotification, type ButtonAction, type MessageButton, type RenderContext, type RenderedMessage } from "./i18n/render-notification.ts";
export { describeEvent } from "./i18n/describe-event.ts";
export { formatDate, formatDateTime, formatTime, type ShownInstant } from "./i18n/format-date.ts";

// ---- Vocabulary: types, constants and pure helpers adapters share with the core ----
export type {
  Clock,
  CoreDeps,
  CoreSettings,
  CreateTicketCommand,
  CustomerResolution,
  CustomerStore,
  FollowUpTask,
  IdGenerator,
  NewStaff,
  NewSurvey,
  NewTicket,
  OutboxDeliveryStore,
  OutboxIntent,
  OutboxMessage,
  OutboxRecipient,
  OutboxRow,
  OutboxStore,
  ReturnVisit,
  SchedulingStore,
  SettingsStore,
  StaffStore,
  Survey,
  SurveyStore,
  TicketChange,
  TicketFilter,
  TicketStore,
  TokenSigner,
} from "./ports.ts";
export type { Initiator } from "./tickets/ticket-event.ts";
export type { PublicTicketView, PublicTimelineEntry, StaffTicketView } from "./tickets/ticket-views.ts";
export type { ReportInput } from "./tickets/report.ts";
export { REPORT_LIMITS, validationError, type FieldIssue } from "./tickets/report.ts";
export { checkReportField, textLength, type ReportFieldName, type ReportFieldProblem } from "./tickets/check-report-field.ts";
export * from "./tickets/types.ts";
export { AppError, isAppError, type AppErrorCode } from "./errors.ts";
export { hasAbility, rolesWith, type Ability } from "./tickets/permissions.ts";
export { OPEN_STATUSES, isOpen } from "./tickets/status-machine.ts";
export { compareQueueOrder, nextDueAt, type QueueOrderFields } from "./tickets/queue-order.ts";
export { CUSTOMER_WRITABLE_STATUSES, customerMayChase, customerMayWrite, TEXT_MAX_LENGTH } from "./tickets/customer-rights.ts";
export { formatTicketNumber, parseTicketNumber } from "./tickets/numbering.ts";
export { formatPhone, normalizePhone } from "./tickets/phone.ts";
export {
  linkedCustomerId,
  resolveCustomerLink,
  type CustomerLink,
  type CustomerLinkFacts,
  type ReportIdentity,
} from "./customers/resolve-customer-link.ts";
export { describeError, describeFieldProblem } from "./i18n/describe-error.ts";
export { customerStatus } from "./i18n/customer-status.ts";
export { isMessageKey, pickLanguage, translate, type MessageKey, type MessageParams } from "./i18n/index.ts";
export type { DueJobsReport } from "./scheduling/run-due-jobs.ts";
export type { QueueCounts } from "./tickets/queue-counts.ts";
export { SURVEY_COMMENT_MAX_LENGTH, type SurveyChannel } from "./surveys/answer-survey.ts";
export { SURVEY_COMMENT_WINDOW_HOURS } from "./surveys/add-survey-comment.ts";
export type { DeliveryFailure } from "./notifications/record-delivery-failure.ts";
export type { StaffDirectory } from "./staff/staff-directory.ts";
export {
  CONTENT_LANGUAGES,
  parseArticleBody,
  type Article,
  type ArticleBlock,
  type ArticleDraft,
  type ArticlePage,
  type ArticleStore,
  type ArticleSummary,
  type KnowledgeBase,
  type SearchHit,
  type Segmenter,
} from "./kb/index.ts";
export { createSlaService, DEFAULT_SLA_POLICIES, defaultCalendar, type SlaService } from "./sla/index.ts";
export {
  classifyReport,
  computeTaskMetrics,
  jiebaSearchSegmenter,
  jiebaSegmenter,
  parseLabeledJsonl,
  splitExamples,
  trainClassifier,
  type ClassifierModel,
  type LabeledExample,
  type TaskMetrics,
} from "./classify/index.ts";
export { evaluateClassifier, type ClassifierEvaluation } from "./classify/evaluate-classifier.ts";



/**
 * The core's operations over its ports. This object is all an adapter gets: it holds no
 * stores, so an adapter that needs data asks an operation (add one here when a new need
 * appears, backed by a use case file).
 */
export function createCore(deps: CoreDeps) {
  const knowledgeBase = createKnowledgeBase({ store: deps.articles, clock: deps.clock, ...(deps.segment ? { segment: deps.segment } : {}) });
  const staff = staffDirectory(deps);
  return {
    /** The desk's current time (the Clock port): adapters stamp sessions and cookies with it. */
    now: (): Date => deps.clock.now(),
    /** Desk-wide settings adapters show or use in links. */
    settings: () => ({ timeZone: deps.settings.timeZone, numberPrefix: deps.settings.numberPrefix, publicUrl: deps.settings.publicUrl }),
    intake: (report: ReportInput) => intakeReport(deps, report),
    lookup: (number: string, phone: string) => lookupTicket(deps, number, phone),
    findWithProof: (number: string, phone: string) => findTicketWithProof(deps, number, phone),
    publicView: (ticket: Ticket) => publicViewOf(deps, ticket),
    show: (number: string) => showTicket(deps, number),
    list: (filter: TicketFilter) => listTickets(deps, filter),
    /** Open tickets by status and urgency, unassigned, and assigned to this staff member (`/stats`, queue counts). */
    queueCounts: (staffId: string) => queueCounts(deps, staffId),
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
    /** Records a survey's score (and comment, when given with it) at once. */
    answerSurvey: (token: string, answer: unknown, channel: SurveyChannel) => answerSurvey(deps, { token, answer, channel }),
    /** A comment after the score: once, within a day of the answer (see core/surveys/add-survey-comment.ts). */
    addSurveyComment: (token: string, comment: string, channel: SurveyChannel) => addSurveyComment(deps, { token, comment, channel }),
    /** The signed token of the ticket's survey while it can still be answered, else null. */
    openSurveyToken: (ticket: Ticket) => openSurveyToken(deps, ticket),

    /** The customer behind a chat account (null before their first ticket). */
    customerByIdentity: (identity: ChannelIdentity) => deps.customers.findByIdentity(identity),
    staff,
    /** Category and urgency the classifier suggests for a text (a report in progress). */
    suggestClassification: (text: string) => deps.classify(text),

    /** SLA policies and the business calendar, as admins edit them. */
    sla: {
      /** Applies the stored settings; the composition root calls it once at start-up. */
      load: () => loadSlaSettings(deps),
      read: () => readSlaSettings(deps),
      updatePolicies: (input: unknown, admin: Staff) => updateSlaPolicies(deps, input, admin),
      updateCalendar: (input: unknown, admin: Staff) => updateCalendar(deps, input, admin),
    },

    /** One scheduler pass: everything due now, each action claimed once (see core/scheduling). */
    runDueJobs: () => runDueJobs(deps),
    /** A message could not be delivered for good: the ticket's timeline and the staff room learn it. */
    recordDeliveryFailure: (failure: DeliveryFailure) => recordDeliveryFailure(deps, failure),

    /** The FAQ: lists, article pages and search in the reader's language. */
    knowledgeBase: {
      list: knowledgeBase.list,
      get: knowledgeBase.get,
      search: knowledgeBase.search,
      /** Fills an empty knowledge base with these articles (start-up); does nothing once any exists. */
      seed: async (articles: readonly ArticleDraft[]) => {
        const result = await seedKnowledgeBase(deps.articles, articles, { clock: deps.clock, newId: deps.newId });
        if (result.inserted > 0) knowledgeBase.invalidate();
        return result;
      },
    },
  };
}

export type Core = ReturnType<typeof createCore>;
