/**
 * The one door into the core. Adapters (server/, bot/, portal/) and the store (db/) import
 * from this file only, types included: `createCore(deps)` returns operations, and the
 * exports below are the vocabulary (types, catalogs, parsers) those operations speak.
 * ARCHITECTURE.md lists the rules; eslint.config.js enforces them.
 */
import { createKnowledgeBase } from "./kb/knowledge-base.ts";
import { seedKnowledgeBase } from "./kb/seed.ts";
import type { ArticleDraft } from "./kb/types.ts";
import type { NotificationKind } from "./notifications/notification.ts";
import { customerChannels, NO_CONTACT_CHANNELS } from "./notifications/contact-channels.ts";
import { recordDeliveryFailure, type DeliveryFailure } from "./notifications/record-delivery-failure.ts";
import { recordCustomerUnreachable, type CustomerUnreachable } from "./notifications/record-customer-unreachable.ts";
import { runDueJobs } from "./scheduling/run-due-jobs.ts";
import { importHolidaySchedule, loadSlaSettings, readSlaSettings, updateCalendar, updateSlaPolicies } from "./settings/sla-settings.ts";
import { staffDirectory } from "./staff/staff-directory.ts";
import { changePassword, hasPassword, issueSignInLink, sessionStaff, setPassword, signInWithLink, signInWithPassword, signOut, signOutEverywhere } from "./staff/console-access.ts";
import { openSurveyToken } from "./surveys/open-survey-token.ts";
import { completeFollowUp, listFollowUps } from "./surveys/follow-ups.ts";
import { addMissingSafetyArticles, detectHazards, safetyAdviceFor, type Hazard } from "./kb/safety-advice.ts";
import { queueCounts } from "./tickets/queue-counts.ts";
import { setCustomerLanguage } from "./customers/set-customer-language.ts";
import { recordReturnVisit } from "./scheduling/return-visits.ts";
import { registerStaff } from "./staff/register-staff.ts";
import { changeStaffRole } from "./staff/change-staff-role.ts";
import { linkStaffIdentity, unlinkStaffIdentity } from "./staff/link-staff-identity.ts";
import { listStaff } from "./staff/list-staff.ts";
import { rotateStaffToken } from "./staff/rotate-staff-token.ts";
import { setStaffActive } from "./staff/set-staff-active.ts";
import { setStaffWorkCenter } from "./staff/set-staff-work-center.ts";
import { createWorkCenter } from "./work-centers/create-work-center.ts";
import { renameWorkCenter } from "./work-centers/rename-work-center.ts";
import { adoptStaffProfileName, renameStaff } from "./staff/rename-staff.ts";
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
import { checkChatIntakeLimit } from "./tickets/chat-intake-limit.ts";
import { listTickets } from "./tickets/list-tickets.ts";
import { memoryProofFailureBudget } from "./tickets/proof-budget.ts";
import { findTicketWithProof, lookupTicket, publicViewOf, showTicket } from "./tickets/lookup-ticket.ts";
import { reclassifyTicket } from "./tickets/reclassify-ticket.ts";
import { reopenTicket } from "./tickets/reopen-ticket.ts";
import { confirmResolution, reportNotFixed } from "./tickets/respond-to-resolution.ts";
import type { ReportInput } from "./tickets/report.ts";
import { requireWellFormedText } from "./text/well-formed.ts";
import type { Initiator } from "./tickets/ticket-event.ts";
import type { Attachment, Category, ChannelIdentity, Language, Staff, Ticket, Urgency } from "./tickets/types.ts";

export { parseStoredNotification, ticketNumberOf, type DigestEntry, type Notification, type NotificationKind, type StoredNotification } from "./notifications/notification.ts";
export { OUTBOX_PRIORITY, outboxPriority, type OutboxPriority } from "./notifications/outbox-priority.ts";
export { staffRoomDigest, DIGEST_NAME_LENGTH, DIGEST_SUMMARY_LENGTH, type NewTicketPost } from "./notifications/staff-room-digest.ts";
export { parseEventDetails } from "./tickets/event-details.ts";
export type { ChannelSender, DeliveryTarget, OutgoingMessage, SendResult } from "./notifications/delivery.ts";
export {
  contactUpdates,
  EMAIL_KINDS,
  NO_CONTACT_CHANNELS,
  SMS_KINDS,
  type ContactChannels,
  type ContactUpdates,
} from "./notifications/contact-channels.ts";
export { quietHoursEnd, SMS_QUIET_HOURS } from "./notifications/quiet-hours.ts";
export { renderNotification, type ButtonAction, type MessageButton, type RenderContext, type RenderedMessage } from "./i18n/render-notification.ts";
export { describeEvent } from "./i18n/describe-event.ts";
export { describeUrgentIntake } from "./i18n/describe-urgent-intake.ts";
export { describeWeekendsOnly } from "./i18n/describe-calendar-coverage.ts";
export { formatDate, formatDateTime, formatTime, type ShownInstant } from "./i18n/format-date.ts";

// ---- Vocabulary: types, constants and pure helpers adapters share with the core ----
export type {
  AuditEntry,
  AuditLog,
  Clock,
  CoreDeps,
  CoreSettings,
  CreateTicketCommand,
  Credentials,
  QueueCursor,
  StaffAccessStore,
  StaffSessionRecord,
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
  ProofFailureBudget,
  ReturnVisit,
  SchedulingStore,
  SettingsStore,
  StaffPatch,
  StaffStore,
  Survey,
  SurveyStore,
  TicketChange,
  TicketFilter,
  TicketStore,
  TokenSigner,
  WorkCenter,
} from "./ports.ts";
export type { Initiator } from "./tickets/ticket-event.ts";
export type { PublicTicketView, PublicTimelineEntry, StaffTicketView } from "./tickets/ticket-views.ts";
export type { ReportInput } from "./tickets/report.ts";
export { REPORT_LIMITS, validationError, type FieldIssue } from "./tickets/report.ts";
export { checkReportField, textLength, type ReportFieldName, type ReportFieldProblem } from "./tickets/check-report-field.ts";
export * from "./tickets/types.ts";
export { AppError, isAppError, type AppErrorCode } from "./errors.ts";
export { hasAbility, mayWorkOn, rolesWith, type Ability } from "./tickets/permissions.ts";
export { API_TOKEN_LIFETIME_DAYS, apiTokenExpiry } from "./staff/rotate-staff-token.ts";
export { LINKABLE_CHANNELS, type LinkableChannel } from "./staff/link-staff-identity.ts";
export type { StaffRecord } from "./staff/list-staff.ts";
export { OPEN_STATUSES, isOpen, nextStatuses } from "./tickets/status-machine.ts";
export { compareQueueOrder, isAfterQueueCursor, nextDueAt, queueCursorOf, searchTerms, type QueueOrderFields } from "./tickets/queue-order.ts";
export {
  CUSTOMER_WRITABLE_STATUSES,
  customerMayCancel,
  customerMayChase,
  customerMayConfirm,
  customerMayObject,
  customerMayWrite,
  TEXT_MAX_LENGTH,
} from "./tickets/customer-rights.ts";
export type { NotFixedOutcome } from "./tickets/respond-to-resolution.ts";
export { withinReopenWindow } from "./tickets/reopen-ticket.ts";
export { formatTicketNumber, parseTicketNumber } from "./tickets/numbering.ts";
export { formatPhone, maskPhone, normalizePhone } from "./tickets/phone.ts";
export { isWellFormedText } from "./text/well-formed.ts";
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
export { parseSurveyScore, SURVEY_COMMENT_MAX_LENGTH, type SurveyChannel } from "./surveys/answer-survey.ts";
export { SURVEY_COMMENT_WINDOW_HOURS } from "./surveys/add-survey-comment.ts";
export type { DeliveryFailure } from "./notifications/record-delivery-failure.ts";
export type { CustomerUnreachable } from "./notifications/record-customer-unreachable.ts";
export { reachableChannels, type SupervisorAlertOutcome } from "./notifications/alert-supervisors.ts";
export type { EscalationResult } from "./tickets/escalate-ticket.ts";
export type { IntakeResult } from "./tickets/intake-report.ts";
export type { ChatIntakeLimit } from "./tickets/chat-intake-limit.ts";
export type { FollowUpView } from "./surveys/follow-ups.ts";
export { HAZARD_ARTICLES, HAZARDS, type Hazard, type SafetyAdvice } from "./kb/safety-advice.ts";
export type { StaffDirectory } from "./staff/staff-directory.ts";
export { STAFF_NAME_MAX_LENGTH } from "./staff/staff-name.ts";
export { currentPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, SIGN_IN_LINK_MINUTES, type ConsoleSession } from "./staff/console-access.ts";
export {
  CHAT_CHANNELS_PLACEHOLDER,
  CONTENT_LANGUAGES,
  fillChatChannels,
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
  holidayScheduleSchema,
  type CalendarCoverage,
  type HolidaySchedule,
  type HolidayScheduleSource,
  type ImportedHolidaySchedule,
  type ScheduleInForce,
} from "./sla/index.ts";
export type { SlaSettingsView } from "./settings/sla-settings.ts";
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
/** Inputs the core validates itself: the HTTP API publishes these schemas (server/http/openapi.ts). */
export { surveyAnswerSchema } from "./surveys/answer-survey.ts";
export { policyOverridesSchema } from "./sla/policy-schema.ts";
export { calendarConfigSchema } from "./sla/calendar-config.ts";



/**
 * The core's operations over its ports. This object is all an adapter gets: it holds no
 * stores, so an adapter that needs data asks an operation (add one here when a new need
 * appears, backed by a use case file).
 */
export function createCore(deps: CoreDeps) {
  const knowledgeBase = createKnowledgeBase({ store: deps.articles, clock: deps.clock, ...(deps.segment ? { segment: deps.segment } : {}) });
  const staff = staffDirectory(deps);
  // One failure budget per ticket for every adapter that checks a phone proof (API, portal, bots).
  const proofDeps = { ...deps, proofFailures: deps.proofFailures ?? memoryProofFailureBudget(deps.clock) };
  return {
    /** The desk's current time (the Clock port): adapters stamp sessions and cookies with it. */
    now: (): Date => deps.clock.now(),
    /** Desk-wide settings adapters show or use in links. */
    settings: () => ({
      timeZone: deps.settings.timeZone,
      numberPrefix: deps.settings.numberPrefix,
      publicUrl: deps.settings.publicUrl,
      /** The desk's phone for customers (DESK_HOTLINE), null when not configured. */
      deskHotline: deps.settings.deskHotline ?? null,
      reopenWindowDays: deps.settings.reopenWindowDays,
      contactChannels: deps.settings.contactChannels ?? NO_CONTACT_CHANNELS,
    }),
    /** The channels a customer notification of this kind would go out on for the ticket, as the outbox plans it (empty: the ticket page only). */
    customerChannels: (ticket: Pick<Ticket, "channel" | "email">, kind: NotificationKind) => customerChannels(ticket, kind, deps.settings),
    intake: (report: ReportInput) => withWellFormedText({ ...report }, () => intakeReport(deps, report)),
    /**
     * Throws `rate_limited` (reason `chat_intake`, with `nextReportAt`) when this chat account
     * has opened as many tickets as `settings.chatIntakeLimit` allows; intake checks it too.
     * The dialogs ask before a report begins, so nobody types a report that will be held.
     */
    checkChatIntake: (identity: ChannelIdentity) => checkChatIntakeLimit(deps, identity),
    lookup: (number: string, phone: string) => lookupTicket(proofDeps, number, phone),
    findWithProof: (number: string, phone: string) => findTicketWithProof(proofDeps, number, phone),
    publicView: (ticket: Ticket) => publicViewOf(deps, ticket),
    show: (number: string) => showTicket(deps, number),
    list: (filter: TicketFilter) => listTickets(deps, filter),
    /** Open tickets by status and urgency, unassigned, and assigned to this staff member (`/stats`, queue counts). */
    queueCounts: (staffId: string) => queueCounts(deps, staffId),
    assign: (number: string, assignee: string, initiator: Initiator) => withWellFormedText({ assignee }, () => assignTicket(deps, { number, assignee, initiator })),
    take: (number: string, initiator: Initiator) => takeTicket(deps, { number, initiator }),
    changeStatus: (options: ChangeStatusOptions) => withWellFormedText({ note: options.note }, () => changeStatus(deps, options)),
    note: (number: string, text: string, initiator: Initiator) =>
      withWellFormedText({ text }, () => addNote(deps, { number, text, visibility: "internal", initiator })),
    reply: (number: string, text: string, initiator: Initiator) =>
      withWellFormedText({ text }, () => addNote(deps, { number, text, visibility: "public", initiator })),
    /** The customer's words on their ticket, with files they sent (already saved by the attachment storage). */
    customerMessage: (number: string, text: string, initiator: Initiator, options: { attachments?: readonly Omit<Attachment, "id">[] } = {}) =>
      withWellFormedText({ text, attachments: options.attachments }, () =>
        addCustomerMessage(deps, { number, text, initiator, ...(options.attachments?.length ? { attachments: options.attachments } : {}) }),
      ),
    chase: (number: string, initiator: Initiator, note?: string) => withWellFormedText({ note }, () => chaseTicket(deps, { number, initiator, ...(note ? { note } : {}) })),
    approve: (number: string, initiator: Initiator) => decideApproval(deps, { number, decision: "approve", initiator }),
    /** `reason` is for the customer (sent to them, on their page); `note` an internal remark for staff. */
    reject: (number: string, reason: string, initiator: Initiator, note?: string) =>
      withWellFormedText({ reason, note }, () => decideApproval(deps, { number, decision: "reject", reason, initiator, ...(note ? { note } : {}) })),
    escalate: (number: string, initiator: Initiator, reason?: string) =>
      withWellFormedText({ reason }, () => escalateTicket(deps, { number, initiator, ...(reason ? { reason } : {}) })),
    close: (number: string, initiator: Initiator, resolution?: string) =>
      withWellFormedText({ resolution }, () => closeTicket(deps, { number, initiator, ...(resolution ? { resolution } : {}) })),
    reopen: (number: string, initiator: Initiator, reason?: string) =>
      withWellFormedText({ reason }, () => reopenTicket(deps, { number, initiator, ...(reason ? { reason } : {}) })),
    cancel: (number: string, initiator: Initiator, reason?: string) =>
      withWellFormedText({ reason }, () => cancelTicket(deps, { number, initiator, ...(reason ? { reason } : {}) })),
    /** The customer confirms the fix: a resolved ticket closes and the survey goes out (a closed one is left as it is). */
    confirmFix: (number: string, initiator: Initiator) => confirmResolution(deps, { number, initiator }),
    /** The customer says it is not fixed: back to work, reopened within the window, or a linked follow-up ticket after it. */
    reportNotFixed: (number: string, initiator: Initiator, text?: string) =>
      withWellFormedText({ text }, () => reportNotFixed(deps, { number, initiator, ...(text ? { text } : {}) })),
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
    ) => withWellFormedText({ note: options.note }, () => recordReturnVisit(deps, { number, outcome, initiator, ...options })),
    registerStaff: (input: Parameters<typeof registerStaff>[1], registeredBy: Staff | null) =>
      withWellFormedText({ ...input }, () => registerStaff(deps, input, registeredBy)),
    /** The name customers see: one's own (any active member), another's (`manageStaff`), or anyone's from the CLI (`by: null`). */
    renameStaff: (staff: string, name: string, by: Staff | null) => withWellFormedText({ name }, () => renameStaff(deps, { staff, name }, by)),
    /**
     * Staff and work centers as admins manage them (`manageStaff`; `by: null` is the operator
     * at the command line). Each change goes to the audit log.
     */
    staffAdmin: {
      /** Everybody (deactivated members too) with their chat accounts, and the work centers with their members. */
      list: (by: Staff | null) => listStaff(deps, by),
      /** Another role; the last active admin, and an admin themselves, keep admin rights. */
      changeRole: (staff: string, role: string, by: Staff | null) => changeStaffRole(deps, { staff, role }, by),
      /** Deactivation ends the member's sessions, links and token at once; `true` takes them back. */
      setActive: (staff: string, active: boolean, by: Staff | null) => setStaffActive(deps, { staff, active }, by),
      /** A Telegram user id or WeChat contact id for the member; `validation` (taken) when another member holds it. */
      linkIdentity: (staff: string, channel: string, externalId: string, by: Staff | null) =>
        withWellFormedText({ externalId }, () => linkStaffIdentity(deps, { staff, channel, externalId }, by)),
      unlinkIdentity: (staff: string, channel: string, externalId: string, by: Staff | null) => unlinkStaffIdentity(deps, { staff, channel, externalId }, by),
      /** A new API token, shown once; the old one stops working; it expires after `API_TOKEN_LIFETIME_DAYS`. */
      rotateToken: (staff: string, by: Staff | null) => rotateStaffToken(deps, { staff }, by),
      /** Membership of a work center (null or "": none). */
      setWorkCenter: (staff: string, workCenterId: string | null, by: Staff | null) => setStaffWorkCenter(deps, { staff, workCenterId }, by),
      createWorkCenter: (name: string, by: Staff | null) => withWellFormedText({ name }, () => createWorkCenter(deps, { name }, by)),
      renameWorkCenter: (id: string, name: string, by: Staff | null) => withWellFormedText({ name }, () => renameWorkCenter(deps, { id, name }, by)),
    },
    /** A placeholder name ("Admin 9101") gives way to the member's chat profile name, once. */
    adoptStaffProfileName: (staffId: string, profileName: string) => adoptStaffProfileName(deps, staffId, profileName),
    readSurvey: (token: string) => readSurvey(deps, token),
    /** Records a survey's score (and comment, when given with it) at once. */
    answerSurvey: (token: string, answer: unknown, channel: SurveyChannel) =>
      withWellFormedText(typeof answer === "object" && answer !== null ? { ...answer } : { answer }, () => answerSurvey(deps, { token, answer, channel })),
    /** A comment after the score: once, within a day of the answer (see core/surveys/add-survey-comment.ts). */
    addSurveyComment: (token: string, comment: string, channel: SurveyChannel) =>
      withWellFormedText({ comment }, () => addSurveyComment(deps, { token, comment, channel })),
    /** The signed token of the ticket's survey while it can still be answered, else null. */
    openSurveyToken: (ticket: Ticket) => openSurveyToken(deps, ticket),

    /** The customer behind a chat account (null before their first ticket). */
    customerByIdentity: (identity: ChannelIdentity) => deps.customers.findByIdentity(identity),
    staff,
    /**
     * The staff console's sign-in (core/staff/console-access.ts): one-time links, sessions
     * (the cookie's secret; only its digest is stored) and passwords.
     */
    staffAccess: {
      /** A one-time sign-in URL for a member, good for 15 minutes; `by` (chat) may only ask for themselves, `null` is the CLI. */
      issueSignInLink: (reference: string, by: Staff | null) => issueSignInLink(deps, reference, by),
      signInWithLink: (token: string) => signInWithLink(deps, token),
      signInWithPassword: (name: string, password: string) => signInWithPassword(deps, name, password),
      /** The active member behind a session secret, or null (unknown, idle too long, deactivated). */
      sessionStaff: (secret: string) => sessionStaff(deps, secret),
      signOut: (secret: string) => signOut(deps, secret),
      signOutEverywhere: (staff: Staff) => signOutEverywhere(deps, staff),
      setPassword: (staff: Staff, password: string) => withWellFormedText({ password }, () => setPassword(deps, staff, password)),
      /** The member's own change from the console: the current password when one is set; ends their other sessions and links, returns the new session. */
      changePassword: (staff: Staff, options: { currentPassword: string; password: string }) =>
        withWellFormedText({ ...options }, () => changePassword(deps, staff, options)),
      hasPassword: (staff: Staff) => hasPassword(deps, staff),
    },
    /** Category and urgency the classifier suggests for a text (a report in progress). */
    suggestClassification: (text: string) => deps.classify(text),
    /**
     * The safety advice (knowledge-base articles) for the dangers a text describes, or for the
     * hazards intake reported, in the reader's language; empty when there is no danger.
     */
    safetyAdvice: (about: string | readonly Hazard[], language: Language) =>
      safetyAdviceFor(knowledgeBase, typeof about === "string" ? detectHazards(about) : about, language),
    /** Low-score follow-ups: the open ones (supervisors, admins) and marking a ticket's done with a note. */
    followUps: {
      open: (staff: Staff) => listFollowUps(deps, staff),
      complete: (number: string, staff: Staff, initiator: Initiator, note?: string) =>
        completeFollowUp(deps, { number, staff, initiator, ...(note ? { note } : {}) }),
    },

    /** SLA policies and the business calendar, as admins edit them. */
    sla: {
      /** Applies the stored settings; the composition root calls it once at start-up. */
      load: () => loadSlaSettings(deps),
      read: () => readSlaSettings(deps),
      updatePolicies: (input: unknown, admin: Staff) => withWellFormedText({ body: input }, () => updateSlaPolicies(deps, input, admin)),
      updateCalendar: (input: unknown, admin: Staff) => withWellFormedText({ body: input }, () => updateCalendar(deps, input, admin)),
      /** A year's official holidays and make-up working days; `admin: null` is the local command line. */
      importHolidays: (input: unknown, admin: Staff | null) => withWellFormedText({ body: input }, () => importHolidaySchedule(deps, input, admin)),
    },

    /** One scheduler pass: everything due now, each action claimed once (see core/scheduling). */
    runDueJobs: () => runDueJobs(deps),
    /** A message could not be delivered for good: the ticket's timeline and the staff room learn it. */
    recordDeliveryFailure: (failure: DeliveryFailure) => recordDeliveryFailure(deps, failure),
    /** A chat channel holds a customer's message until they write again: the timeline says so, and SMS (when configured for the kind) carries it now. */
    recordCustomerUnreachable: (unreachable: CustomerUnreachable) => recordCustomerUnreachable(deps, unreachable),

    /** The FAQ: lists, article pages and search in the reader's language. */
    knowledgeBase: {
      list: knowledgeBase.list,
      get: knowledgeBase.get,
      search: knowledgeBase.search,
      /**
       * Fills an empty knowledge base with these articles (start-up); once any exists, only the
       * safety-advice articles that are missing in every language are added.
       */
      seed: async (articles: readonly ArticleDraft[]) => {
        const seeded = await seedKnowledgeBase(deps.articles, articles, { clock: deps.clock, newId: deps.newId });
        // A desk seeded before a safety article existed gets it now (editors' slugs stay as they are).
        const safety = await addMissingSafetyArticles(deps.articles, articles, { clock: deps.clock, newId: deps.newId });
        const result = { inserted: seeded.inserted + safety.inserted };
        if (result.inserted > 0) knowledgeBase.invalidate();
        return result;
      },
    },
  };
}

export type Core = ReturnType<typeof createCore>;

/**
 * Runs an operation once the text it takes from outside passed the core's one text guard:
 * ill-formed text (a lone surrogate) is a `validation` error naming the field, never a write
 * the store fails with. A rejected promise, like every other refusal of an operation.
 */
async function withWellFormedText<T>(inputs: Readonly<Record<string, unknown>>, run: () => Promise<T>): Promise<T> {
  requireWellFormedText(inputs);
  return run();
}
