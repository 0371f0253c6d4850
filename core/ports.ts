/**
 * The ports of the core: everything it needs from the outside world, as types. The Prisma
 * store (db/), the channel adapters (bot/) and the server (server/) implement them; tests
 * use in-memory fakes (test/fakes/).
 */
import type { ReportIdentity } from "./customers/resolve-customer-link.ts";
import type { ArticleStore, Segmenter } from "./kb/types.ts";
import type { ContactChannels } from "./notifications/contact-channels.ts";
import type { Notification, StoredNotification } from "./notifications/notification.ts";
import type { OutboxPriority } from "./notifications/outbox-priority.ts";
import type { NewTicketPost } from "./notifications/staff-room-digest.ts";
import type { HolidaySchedule } from "./sla/holiday-schedule.ts";
import type { SlaService } from "./sla/sla-service.ts";
import type { ChatIntakeLimit } from "./tickets/chat-intake-limit.ts";
import type {
  Actor,
  Attachment,
  Category,
  Channel,
  ChannelIdentity,
  Classification,
  Customer,
  Language,
  NewTicketEvent,
  Staff,
  StaffRole,
  Ticket,
  TicketEvent,
  TicketStatus,
  Urgency,
} from "./tickets/types.ts";

export type Clock = { now(): Date };

export type IdGenerator = () => string;

/** Signs and verifies short tokens (survey links). HMAC in production, see server/. */
export type TokenSigner = {
  sign(payload: string): string;
  /** Returns the payload when the signature is valid, else null. */
  verify(token: string): string | null;
};

/** Who a stored outgoing message is for; the delivery adapter resolves the concrete chat. */
export type OutboxRecipient =
  | { kind: "customer"; customerId: string }
  | { kind: "staff"; staffId: string }
  | { kind: "staff_room" };

/** A message to store and send later; rendered in the recipient's language when sent. */
export type OutboxIntent = {
  channel: Channel;
  recipient: OutboxRecipient;
  ticketId?: string;
  notification: Notification;
};

export type OutboxMessage = OutboxIntent & {
  id: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
};

/** The fields of a ticket at creation; the store assigns id, number and version. */
export type NewTicket = Omit<Ticket, "id" | "number" | "version" | "attachments" | "customerId"> & {
  attachments: Omit<Attachment, "id">[];
};

export type CustomerResolution = {
  name: string;
  phone: string;
  language: Language;
  /** The sender's chat account; which customer the report joins is `resolveCustomerLink`'s rule (core/customers). */
  identity?: ReportIdentity;
  /**
   * The ticket belongs to this known customer, with no lookup or link (a follow-up ticket
   * the customer opened from one of their own tickets).
   */
  existingCustomerId?: string;
};

export type CreateTicketCommand = {
  ticket: NewTicket;
  customer: CustomerResolution;
  /** Local day (YYYYMMDD) and prefix for the number; the store allocates the sequence atomically. */
  numbering: { day: string; prefix: string };
  /** A customer actor with an empty id stands for the ticket's customer, resolved in the same transaction. */
  events: NewTicketEvent[];
  /** Built once the ticket (and its number) exists. */
  outbox: (ticket: Ticket) => OutboxIntent[];
};

/** A change to one ticket, saved atomically with its events and outgoing messages. */
export type TicketChange = {
  ticketId: string;
  /** The version the change was computed from; a mismatch means someone else changed it first. */
  expectedVersion: number;
  patch: Partial<Omit<Ticket, "id" | "number" | "version" | "customerId" | "attachments" | "createdAt">>;
  events: NewTicketEvent[];
  outbox: OutboxIntent[];
  survey?: NewSurvey;
  /** Files added to the ticket with this change (e.g. a photo the customer sent later), stored in the same transaction. */
  addAttachments?: Omit<Attachment, "id">[];
};

export type NewSurvey = {
  id: string;
  ticketId: string;
  assigneeId?: string;
  channel: Channel;
  createdAt: Date;
  expiresAt: Date;
};

export type Survey = NewSurvey & {
  status: "pending" | "sent" | "answered" | "expired";
  sentAt?: Date;
  remindedAt?: Date;
  answeredAt?: Date;
  score?: number;
  comment?: string;
};

export type TicketFilter = {
  statuses?: TicketStatus[];
  urgencies?: Urgency[];
  categories?: Category[];
  assigneeId?: string | null;
  customerId?: string;
  channel?: Channel;
  createdFrom?: Date;
  createdTo?: Date;
  /** `queue`: urgency, then the nearest due time (core/tickets/queue-order.ts); `newest` (the default): newest first. */
  order?: "queue" | "newest";
  limit?: number;
  offset?: number;
  /** Tickets dispatched to this work center. */
  workCenterId?: string;
  /**
   * Words anywhere in the number, phone, contact name or description (a substring test, so
   * Chinese works without spaces); digits alone also match the phone's digits.
   */
  search?: string;
  /** Open clocks due before this instant (the "breaching soon" queue): the deadline the ticket races now (`nextDueAt`). */
  dueBefore?: Date;
  /** Keyset pagination with `order: "queue"`: only tickets after this one in queue order (`offset` is then ignored). */
  after?: QueueCursor;
};

/** Where a queue page ended: the queue-order fields of its last ticket (core/tickets/queue-order.ts). */
export type QueueCursor = { urgency: Urgency; dueAt: Date | null; createdAt: Date; number: string };

export type TicketStore = {
  /**
   * Creates the ticket, its customer link, first events and outbox rows in one transaction.
   * Idempotent per (channel, sourceMessageId): a redelivered message returns the existing
   * ticket with `created: false`.
   */
  create(command: CreateTicketCommand): Promise<{ ticket: Ticket; created: boolean }>;
  findById(id: string): Promise<Ticket | null>;
  findByNumber(number: string): Promise<Ticket | null>;
  /** Throws AppError("conflict") when `expectedVersion` is stale. */
  update(change: TicketChange): Promise<Ticket>;
  events(ticketId: string, options?: { visibility?: "public" }): Promise<TicketEvent[]>;
  list(filter: TicketFilter): Promise<{ tickets: Ticket[]; total: number }>;
};

/** A console session as stored: the cookie's secret is never stored, only its digest. */
export type StaffSessionRecord = { staffId: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date };

/**
 * Console sign-in (core/staff/console-access.ts): one-time links, sessions and passwords,
 * each keyed by a digest of its secret (`Credentials.digest`) or by the member.
 */
export type StaffAccessStore = {
  createSignInLink(link: { tokenHash: string; staffId: string; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** Spends the link in one conditional write: the member's id the first time before it expires, null ever after. */
  spendSignInLink(tokenHash: string, at: Date): Promise<string | null>;
  createSession(idHash: string, session: StaffSessionRecord): Promise<void>;
  findSession(idHash: string): Promise<StaffSessionRecord | null>;
  touchSession(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session and unspent link of the member (sign out everywhere, deactivation); returns how many sessions. */
  deleteSessionsOf(staffId: string): Promise<number>;
  setPassword(staffId: string, hash: string, at: Date): Promise<void>;
  passwordOf(staffId: string): Promise<string | null>;
};

/**
 * Secrets and their digests (node:crypto in the server, server/console/credentials.ts): the
 * core decides when a secret is made, stored or compared, never how.
 */
export type Credentials = {
  /** A new unguessable URL-safe secret (a sign-in link's token, a session id). */
  newSecret(): string;
  /** The stored form of a secret, stable for lookups (sha256). */
  digest(secret: string): string;
  /** A slow salted hash of a password (scrypt, per-user salt). */
  hashPassword(password: string): Promise<string>;
  /** Compares in constant time; false for a malformed stored hash. */
  verifyPassword(password: string, stored: string): Promise<boolean>;
};

export type CustomerStore = {
  findById(id: string): Promise<Customer | null>;
  findByIdentity(identity: ChannelIdentity): Promise<Customer | null>;
  findByPhone(phone: string): Promise<Customer | null>;
  /** Sets the language the customer's notifications are written in; null when there is no such customer. */
  setLanguage(customerId: string, language: Language): Promise<Customer | null>;
};

export type NewStaff = {
  name: string;
  role: StaffRole;
  workCenterId?: string;
  identities?: ChannelIdentity[];
  apiTokenHash?: string;
  apiTokenExpiresAt?: Date;
};

/** What an admin changes on a member (core/staff/*): role, active, work center (null: none). */
export type StaffPatch = { role?: StaffRole; active?: boolean; workCenterId?: string | null };

/** Lookups by account, token or name find active staff only; by id and in the list, everybody (callers check `active`). */
export type StaffStore = {
  findById(id: string): Promise<Staff | null>;
  findByIdentity(identity: ChannelIdentity): Promise<Staff | null>;
  /** The active member holding this token, unless it expired at or before `at`. */
  findByApiTokenHash(hash: string, at: Date): Promise<Staff | null>;
  /** Finds by exact id, or an active member by case-insensitive name or chat account (a leading @ and spaces ignored). */
  findByReference(reference: string): Promise<Staff | null>;
  create(staff: NewStaff & { id: string; createdAt: Date }): Promise<Staff>;
  /** Changes the display name (active or not); null when there is no such member. */
  rename(id: string, name: string): Promise<Staff | null>;
  /** Everybody, active or not, in the order they were registered. */
  list(): Promise<Staff[]>;
  /** The chat accounts of a staff member (any channel); none for an unknown id. */
  identitiesOf(staffId: string): Promise<ChannelIdentity[]>;
  /** The work centers (departments, service points), by name. */
  workCenters(): Promise<WorkCenter[]>;
  /** Changes role, active flag or work center; null when there is no such member. */
  update(id: string, patch: StaffPatch): Promise<Staff | null>;
  /** Replaces the member's API token (its digest) and its expiry; null when there is no such member. */
  setApiToken(id: string, token: { hash: string; expiresAt: Date }): Promise<Staff | null>;
  /** Links a chat account to the member; false when another member (active or not) holds it. */
  linkIdentity(staffId: string, identity: ChannelIdentity): Promise<boolean>;
  /** Removes a chat account of the member; false when the member did not hold it. */
  unlinkIdentity(staffId: string, identity: ChannelIdentity): Promise<boolean>;
  /** Adds a work center; false when its name is taken. */
  createWorkCenter(center: WorkCenter): Promise<boolean>;
  /** Renames a work center: `renamed`, `missing`, or `taken` (another center has the name). */
  renameWorkCenter(id: string, name: string): Promise<"renamed" | "missing" | "taken">;
};

export type WorkCenter = { id: string; name: string };

/**
 * One line of the audit log: a change that belongs to no ticket's timeline (a staff record).
 * `by` is the staff member who did it, the operator at the command line, or the bot taking
 * the name from the member's own chat profile.
 */
export type AuditEntry = (
  | { action: "staff_renamed"; staffId: string; from: string; to: string }
  | { action: "staff_role_changed"; staffId: string; from: string; to: string }
  | { action: "staff_deactivated" | "staff_reactivated" | "staff_token_rotated"; staffId: string }
  | { action: "staff_identity_linked" | "staff_identity_unlinked"; staffId: string; channel: string; externalId: string }
  | { action: "staff_work_center_changed"; staffId: string; from: string | null; to: string | null }
  | { action: "work_center_created"; workCenterId: string; name: string }
  | { action: "work_center_renamed"; workCenterId: string; from: string; to: string }
) & {
  by: { kind: "staff"; id: string } | { kind: "operator" } | { kind: "chat_profile" };
  at: Date;
};

/** Where audit lines go (the server's logger, the CLI's output). */
export type AuditLog = (entry: AuditEntry) => void;

export type SurveyStore = {
  findById(id: string): Promise<Survey | null>;
  /** The ticket's latest survey (one is opened per close). */
  findByTicket(ticketId: string): Promise<Survey | null>;
  /**
   * Records the answer, its timeline event, a follow-up task (low scores) and the messages
   * announcing it in one transaction, only if no answer was recorded yet; returns false
   * when the survey was already answered.
   */
  answer(
    id: string,
    answer: { score: number; comment?: string; at: Date },
    effects: { event: NewTicketEvent; followUp?: Omit<FollowUpTask, "status">; outbox: OutboxIntent[] },
  ): Promise<boolean>;
  /**
   * Adds the customer's comment to an answered survey, with its timeline event and messages, in
   * one transaction, only if the survey is answered and has no comment yet; returns false
   * otherwise. `followUpNote` is written on the ticket's open low-score follow-up tasks that
   * have no note yet (the one the answer opened).
   */
  addComment(
    id: string,
    comment: { text: string; at: Date },
    effects: { event: NewTicketEvent; outbox: OutboxIntent[]; followUpNote?: string },
  ): Promise<boolean>;
};

export type OutboxStore = {
  enqueue(intents: OutboxIntent[], at: Date): Promise<void>;
};

/** Everything the use cases need; built once by the composition root. */
export type CoreDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  staff: StaffStore;
  surveys: SurveyStore;
  scheduling: SchedulingStore;
  /** Admin-edited settings (SLA policies and calendar). */
  settingsStore: SettingsStore;
  /** The knowledge base's articles. */
  articles: ArticleStore;
  /** Splits Chinese text into words for knowledge-base search (jieba in production). */
  segment?: Segmenter;
  clock: Clock;
  newId: IdGenerator;
  signer: TokenSigner;
  /** Category and urgency from free text (core/classify in production). */
  classify: (text: string) => Classification;
  settings: CoreSettings;
  /** Audit lines of changes outside any ticket (e.g. a staff member renamed); dropped when absent. */
  audit?: AuditLog;
  /**
   * Wrong phone proofs per ticket, across every address and channel; absent: kept in this
   * process's memory (core/tickets/proof-budget.ts), 10 per ticket per day.
   */
  proofFailures?: ProofFailureBudget;
  /** Console sign-in links, sessions and passwords; absent: the console's operations refuse (`internal`). */
  staffAccess?: StaffAccessStore;
  /** Secrets for console sign-in; required with `staffAccess`. */
  credentials?: Credentials;
};

/**
 * The failure budget of a ticket's secret (its phone): once `exhausted`, the last four digits
 * no longer prove the ticket, only the full phone does.
 */
export type ProofFailureBudget = {
  exhausted(ticketId: string): Promise<boolean>;
  recordFailure(ticketId: string): Promise<void>;
};

export type CoreSettings = {
  timeZone: string;
  /** Base URL for links sent to customers (survey links); null when PUBLIC_URL is unset: no links are sent then. */
  publicUrl: string | null;
  numberPrefix: string;
  /** A resolved or closed ticket may be reopened for this long. */
  reopenWindowDays: number;
  surveyValidDays: number;
  /** A customer may chase a ticket at most once per this many minutes. */
  chaseIntervalMinutes: number;
  /** Chat channels whose staff room receives staff notifications (enabled bots). */
  staffRoomChannels: Channel[];
  /**
   * Chat channels that can message a staff member privately (enabled bots with a sender),
   * whether or not they have a staff room: supervisors are alerted there, one by one.
   */
  staffChatChannels: Channel[];
  /**
   * Chat channels whose bot runs (a sender delivers there). A chat customer of a channel not
   * listed is sent nothing (nothing is queued that cannot go out); absent: every chat channel.
   */
  chatChannels?: Channel[];
  /** The desk's phone number for customers (DESK_HOTLINE), shown when no supervisor could be alerted; absent when not configured. */
  deskHotline?: string;
  /**
   * SMS and e-mail to customers who reported on the portal or the API: the kinds each can
   * deliver (core/notifications/contact-channels.ts); absent or empty: off.
   */
  contactChannels?: ContactChannels;
  /** The SLA calendar and policies in force (admins may change them at run time). */
  sla: SlaService;
  /** Resolved tickets close by themselves after this many days without objection. */
  autoCloseDays: number;
  /** Return visits are due this many days after resolution. */
  returnVisitDays: number;
  /**
   * Official holiday schedules shipped with the desk (the `chinese-days` package, read by
   * content/); imported schedules take precedence (core/sla/holiday-schedule.ts).
   */
  holidaySchedules?: readonly HolidaySchedule[];
  /** Staff are warned this many days before the holiday schedules run out (the server: 60); unset, never. */
  calendarWarningDays?: number;
  /** New tickets one chat account may open per window (CHAT_REPORT_LIMIT; the server: 5 an hour); unset or null, no limit. */
  chatIntakeLimit?: ChatIntakeLimit | null;
  /** The staff console's base URL (PUBLIC_URL, else the local address): one-time sign-in links are built on it. */
  consoleUrl?: string;
  /** A console session ends after this many minutes without a request (default 480). */
  consoleIdleMinutes?: number;
};

export type { Actor };

/**
 * A stored outgoing message as the delivery worker sees it. A row whose stored message
 * cannot be read (see `parseStoredNotification`) comes with `notification: null` and the
 * reason, and is failed rather than sent half-rendered.
 */
export type OutboxRow = {
  id: string;
  channel: Channel;
  recipient: OutboxRecipient;
  ticketId?: string;
  attempts: number;
  createdAt: Date;
  /** Set at enqueue by `outboxPriority` (core/notifications/outbox-priority.ts). */
  priority: OutboxPriority;
} & StoredNotification;

/** The outbox table, for the delivery worker (server/outbox) — implemented in db/outbox-store.ts. */
export type OutboxDeliveryStore = {
  /**
   * Pending rows due at `now` on the given channels, chosen by the store's query: the first
   * `perRecipient` rows of each recipient's queue (a queue reads most urgent first, then
   * oldest), all of them most urgent first, then oldest, at most `limit`. One long queue
   * (the staff room after a flood) thus takes `perRecipient` places and never hides the others.
   */
  due(now: Date, channels: readonly Channel[], options: { limit: number; perRecipient: number }): Promise<OutboxRow[]>;
  /** How many routine new-ticket posts wait for the staff room of `channel` (see `OUTBOX_PRIORITY`). */
  routineStaffRoomBacklog(channel: Channel): Promise<number>;
  /**
   * Replaces up to `limit` of the oldest waiting routine new-ticket posts of a staff room
   * (except `excludeIds`, rows a delivery has in hand) by one digest message built by
   * `digest`, in one transaction: the merged rows become `merged` (pointing at the digest),
   * the digest is a new pending row. Returns how many rows were merged (0: nothing to merge).
   */
  mergeRoutineStaffRoomPosts(options: {
    channel: Channel;
    at: Date;
    limit: number;
    excludeIds: readonly string[];
    digest: (posts: readonly NewTicketPost[]) => Notification;
  }): Promise<number>;
  /**
   * What became of a digest becomes what became of the posts it carries: sent (their
   * `sentAt` is the digest's) or failed with its reason. Returns the carried rows, so a
   * failure can be recorded on each ticket.
   */
  settleMerged(digestId: string, outcome: { sentAt: Date } | { failedAt: Date; error: string }): Promise<OutboxRow[]>;
  markSent(id: string, at: Date): Promise<void>;
  markRetry(id: string, options: { attempts: number; nextAttemptAt: Date; error: string }): Promise<void>;
  markFailed(id: string, options: { attempts: number; at: Date; error: string }): Promise<void>;
  /**
   * The account of a customer or staff member on a channel (their chat id), if they have one;
   * for a customer on `sms` or `email`, the phone or e-mail address on the ticket (`ticketId`).
   */
  externalIdOf(recipient: Exclude<OutboxRecipient, { kind: "staff_room" }>, channel: Channel, ticketId?: string): Promise<string | null>;
};

export type ReturnVisit = {
  id: string;
  ticketId: string;
  dueAt: Date;
  status: "scheduled" | "due" | "done";
  attempts: number;
  outcome?: "reached" | "unreached";
  note?: string;
  staffId?: string;
  createdAt: Date;
  doneAt?: Date;
};

export type FollowUpTask = {
  id: string;
  kind: "low_score";
  ticketId: string;
  role: "supervisor";
  dueAt: Date;
  status: "open" | "done";
  note?: string;
  createdAt: Date;
  /** When the supervisors were reminded that it fell due (once). */
  remindedAt?: Date;
  doneAt?: Date;
  /** The staff member who marked it done. */
  doneBy?: string;
};

/**
 * What the scheduler asks of the database. Every `claim…` is a conditional write done in
 * one transaction with the messages it announces: of two passes (or two processes) that
 * race, exactly one claims, so each action fires once, also across restarts.
 */
export type SchedulingStore = {
  /** Tickets whose `slaCheckAt` has come, earliest first. */
  slaCandidates(now: Date, limit: number): Promise<Ticket[]>;
  /** Resolved tickets resolved before `resolvedBefore`. */
  autoCloseCandidates(resolvedBefore: Date, limit: number): Promise<Ticket[]>;
  surveysToRemind(createdBefore: Date, now: Date, limit: number): Promise<Survey[]>;
  claimSurveyReminder(surveyId: string, at: Date, outbox: OutboxIntent[]): Promise<boolean>;
  /** Marks unanswered surveys past their expiry as expired; returns how many. */
  expireSurveys(now: Date): Promise<number>;
  /** Resolved or closed tickets that have no return visit yet. */
  ticketsNeedingReturnVisit(limit: number): Promise<Ticket[]>;
  /** Creates the ticket's return visit unless it has one; false when it already had. */
  createReturnVisit(visit: Omit<ReturnVisit, "status" | "attempts">): Promise<boolean>;
  dueReturnVisits(now: Date, limit: number): Promise<ReturnVisit[]>;
  claimReturnVisitDue(visitId: string, outbox: OutboxIntent[]): Promise<boolean>;
  findReturnVisit(ticketId: string): Promise<ReturnVisit | null>;
  /** Records a call attempt: done when reached, scheduled again at `nextDueAt` otherwise. */
  recordReturnVisitAttempt(
    visitId: string,
    attempt: { outcome: "reached" | "unreached"; note?: string; staffId: string; at: Date; nextDueAt?: Date },
    /** Written in the same transaction, so the timeline never misses an attempt. */
    event: NewTicketEvent,
  ): Promise<ReturnVisit>;
  openFollowUpTasks(): Promise<FollowUpTask[]>;
  /** Open follow-up tasks due at `now` whose supervisors were not reminded yet, earliest first. */
  followUpsToRemind(now: Date, limit: number): Promise<FollowUpTask[]>;
  /** Marks the task reminded and stores the reminders, only if it is still open and unreminded. */
  claimFollowUpReminder(taskId: string, at: Date, outbox: OutboxIntent[]): Promise<boolean>;
  /**
   * Marks the ticket's open follow-up tasks done, with the event recording it, in one
   * transaction; returns how many were open (none: nothing is written).
   */
  completeFollowUps(ticketId: string, done: { at: Date; staffId: string; note?: string }, event: NewTicketEvent): Promise<number>;
};

/** Admin-edited settings stored as JSON documents (db/settings-store.ts). */
export type SettingsStore = {
  get(key: string): Promise<unknown | null>;
  set(key: string, value: unknown, options: { at: Date; by?: string }): Promise<void>;
  /**
   * Sets `key` only if it has no value yet, with the messages that announce it, in one
   * transaction; false (and nothing written) when the key already had a value. Of racing
   * claims exactly one wins: a once-only notice (the calendar running out) is sent once.
   */
  claim(key: string, value: unknown, options: { at: Date; by?: string }, outbox: OutboxIntent[]): Promise<boolean>;
};
