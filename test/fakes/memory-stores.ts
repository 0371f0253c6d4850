import { AppError } from "../../core/errors.ts";
import type {
  CustomerStore,
  FollowUpTask,
  ReturnVisit,
  SchedulingStore,
  NewSurvey,
  OutboxIntent,
  SettingsStore,
  StaffAccessStore,
  StaffSessionRecord,
  StaffStore,
  Survey,
  SurveyStore,
  TicketStore,
  WorkCenter,
} from "../../core/ports.ts";
import type { Article, ArticleStore } from "../../core/kb/types.ts";
import { resolveCustomerLink } from "../../core/customers/resolve-customer-link.ts";
import { formatTicketNumber } from "../../core/tickets/numbering.ts";
import { compareQueueOrder, isAfterQueueCursor, nextDueAt, searchTerms } from "../../core/tickets/queue-order.ts";
import type { Channel, Customer, NewTicketEvent, Staff, Ticket, TicketEvent } from "../../core/tickets/types.ts";

/**
 * In-memory implementations of the core's ports, with the same guarantees the Prisma store
 * gives: atomic number allocation, idempotent intake, optimistic versioning, one survey
 * answer. Core unit tests run against these.
 */
export function createMemoryStores(newId: () => string) {
  const tickets = new Map<string, Ticket>();
  const events: TicketEvent[] = [];
  const customers = new Map<string, Customer>();
  const identities = new Map<string, string>();
  const staff = new Map<string, Staff & { identities: string[]; apiTokenHash?: string }>();
  const workCenters = new Map<string, WorkCenter>();
  const surveys = new Map<string, Survey>();
  const sequences = new Map<string, number>();
  const outbox: OutboxIntent[] = [];
  const followUps: FollowUpTask[] = [];
  let eventId = 0;

  const clone = (ticket: Ticket): Ticket => structuredClone(ticket);
  /** A copy of what is stored, as a database read gives: a caller changing it changes nothing stored. */
  const copyOf = <T,>(value: T | undefined): T | null => (value === undefined ? null : structuredClone(value));
  /** Oldest first, as the Prisma store's `orderBy: { …: "asc" }`. */
  const byTime =
    <T,>(at: (item: T) => Date) =>
    (left: T, right: T) =>
      at(left).getTime() - at(right).getTime();
  /** Binary order of text, as SQLite compares it (localeCompare would put case and accents elsewhere). */
  const compareText = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0);
  const findCustomerByPhone = (phone: string) => [...customers.values()].find((customer) => customer.phone === phone) ?? null;
  const identityKey = (channel: string, externalId: string) => `${channel}:${externalId}`;
  const appendEvents = (ticketId: string, newEvents: NewTicketEvent[]) => {
    for (const event of newEvents) events.push({ ...structuredClone(event), id: String(++eventId), ticketId });
  };

  const ticketStore: TicketStore = {
    async create(command) {
      const { ticket: input } = command;
      if (input.sourceMessageId) {
        const existing = [...tickets.values()].find(
          (ticket) => ticket.channel === input.channel && ticket.sourceMessageId === input.sourceMessageId,
        );
        if (existing) return { ticket: clone(existing), created: false };
      }
      const { customer: resolution } = command;
      const { identity, existingCustomerId } = resolution;
      const identityCustomerId = identity ? identities.get(identityKey(identity.channel, identity.externalId)) : undefined;
      const link = resolveCustomerLink({
        identity,
        identityCustomer: identityCustomerId ? (customers.get(identityCustomerId) ?? null) : null,
        phoneCustomer: findCustomerByPhone(resolution.phone),
      });
      const customerId = existingCustomerId ?? (link.kind === "new" ? newId() : link.customerId);
      if (existingCustomerId) {
        // A follow-up of the customer's own ticket: no lookup, no link.
      } else if (link.kind === "new") {
        customers.set(customerId, {
          id: customerId,
          name: resolution.name,
          ...(link.hasPhone ? { phone: resolution.phone } : {}),
          language: resolution.language,
          createdAt: input.createdAt,
        });
      }
      if (!existingCustomerId && link.kind === "identity" && link.takesPhone) customers.set(customerId, { ...customers.get(customerId)!, phone: resolution.phone });
      if (!existingCustomerId && identity && link.kind !== "identity" && link.linksIdentity) identities.set(identityKey(identity.channel, identity.externalId), customerId);
      const sequence = (sequences.get(command.numbering.day) ?? 0) + 1;
      sequences.set(command.numbering.day, sequence);
      const ticket: Ticket = {
        ...structuredClone(input),
        id: newId(),
        number: formatTicketNumber(command.numbering.prefix, command.numbering.day, sequence),
        version: 0,
        customerId,
        attachments: input.attachments.map((attachment) => ({ ...attachment, id: newId() })),
      };
      tickets.set(ticket.id, ticket);
      appendEvents(
        ticket.id,
        command.events.map((event) => (event.actor.kind === "customer" && !event.actor.id ? { ...event, actor: { ...event.actor, id: customerId } } : event)),
      );
      outbox.push(...command.outbox(clone(ticket)));
      return { ticket: clone(ticket), created: true };
    },
    async findById(id) {
      const ticket = tickets.get(id);
      return ticket ? clone(ticket) : null;
    },
    async findByNumber(number) {
      const ticket = [...tickets.values()].find((candidate) => candidate.number === number);
      return ticket ? clone(ticket) : null;
    },
    async update(change) {
      const current = tickets.get(change.ticketId);
      if (!current || current.version !== change.expectedVersion) throw new AppError("conflict");
      const next: Ticket = {
        ...current,
        ...structuredClone(change.patch),
        version: current.version + 1,
        attachments: [...current.attachments, ...(change.addAttachments ?? []).map((attachment) => ({ ...structuredClone(attachment), id: newId() }))],
      };
      tickets.set(next.id, next);
      appendEvents(next.id, change.events);
      outbox.push(...change.outbox);
      if (change.survey) surveys.set(change.survey.id, { ...(change.survey as NewSurvey), status: "pending" });
      return clone(next);
    },
    async events(ticketId, options) {
      return events
        .filter((event) => event.ticketId === ticketId && (!options?.visibility || event.visibility === options.visibility))
        .map((event) => structuredClone(event));
    },
    async list(filter) {
      const matching = [...tickets.values()]
        .filter((ticket) => !filter.statuses || filter.statuses.includes(ticket.status))
        .filter((ticket) => !filter.urgencies || filter.urgencies.includes(ticket.urgency))
        .filter((ticket) => !filter.categories || filter.categories.includes(ticket.category))
        .filter((ticket) => filter.assigneeId === undefined || (ticket.assigneeId ?? null) === filter.assigneeId)
        .filter((ticket) => !filter.customerId || ticket.customerId === filter.customerId)
        .filter((ticket) => !filter.channel || ticket.channel === filter.channel)
        .filter((ticket) => !filter.createdFrom || ticket.createdAt >= filter.createdFrom)
        .filter((ticket) => !filter.createdTo || ticket.createdAt < filter.createdTo)
        .filter((ticket) => !filter.workCenterId || ticket.workCenterId === filter.workCenterId)
        .filter((ticket) => !filter.search?.trim() || matchesSearch(ticket, filter.search))
        .filter((ticket) => !filter.dueBefore || (nextDueAt(ticket)?.getTime() ?? Infinity) < filter.dueBefore.getTime())
        .sort(filter.order === "queue" ? compareQueueOrder : (a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      const { after } = filter;
      const offset = after && filter.order === "queue" ? matching.findIndex((ticket) => isAfterQueueCursor(ticket, after)) : (filter.offset ?? 0);
      if (offset < 0) return { tickets: [], total: matching.length };
      return { tickets: matching.slice(offset, offset + (filter.limit ?? 50)).map(clone), total: matching.length };
    },
  };

  const customerStore: CustomerStore = {
    async findById(id) {
      return copyOf(customers.get(id));
    },
    async findByIdentity(identity) {
      const id = identities.get(identityKey(identity.channel, identity.externalId));
      return id ? copyOf(customers.get(id)) : null;
    },
    async findByPhone(phone) {
      return copyOf(findCustomerByPhone(phone) ?? undefined);
    },
    async setLanguage(customerId, language) {
      const customer = customers.get(customerId);
      if (!customer) return null;
      const updated = { ...customer, language };
      customers.set(customerId, updated);
      return copyOf(updated);
    },
  };

  const toStaff = ({ identities: _identities, apiTokenHash: _hash, ...member }: Staff & { identities: string[]; apiTokenHash?: string }): Staff => member;
  const staffStore: StaffStore = {
    async workCenters() {
      return [...workCenters.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    async findById(id) {
      const member = staff.get(id);
      return member ? toStaff(member) : null;
    },
    async findByIdentity(identity) {
      const member = [...staff.values()].find((candidate) => candidate.identities.includes(identityKey(identity.channel, identity.externalId)));
      return member && member.active ? toStaff(member) : null;
    },
    async findByApiTokenHash(hash, at) {
      const member = [...staff.values()].find((candidate) => candidate.apiTokenHash === hash);
      const expired = member?.apiTokenExpiresAt ? member.apiTokenExpiresAt.getTime() <= at.getTime() : false;
      return member && member.active && !expired ? toStaff(member) : null;
    },
    async findByReference(reference) {
      const byId = staff.get(reference);
      if (byId) return toStaff(byId);
      const wanted = reference.trim().replace(/^@/, "").toLowerCase();
      const member = [...staff.values()].find(
        (candidate) =>
          candidate.active &&
          (candidate.name.toLowerCase() === wanted || candidate.identities.some((key) => key.slice(key.indexOf(":") + 1).toLowerCase() === wanted)),
      );
      return member ? toStaff(member) : null;
    },
    async create(input) {
      const member = {
        id: input.id,
        name: input.name,
        role: input.role,
        active: true,
        ...(input.workCenterId ? { workCenterId: input.workCenterId } : {}),
        identities: (input.identities ?? []).map((identity) => identityKey(identity.channel, identity.externalId)),
        ...(input.apiTokenHash ? { apiTokenHash: input.apiTokenHash } : {}),
        ...(input.apiTokenHash && input.apiTokenExpiresAt ? { apiTokenExpiresAt: input.apiTokenExpiresAt } : {}),
      };
      staff.set(member.id, member);
      return toStaff(member);
    },
    async rename(id, name) {
      const member = staff.get(id);
      if (!member) return null;
      member.name = name;
      return toStaff(member);
    },
    async list() {
      return [...staff.values()].map(toStaff);
    },
    async identitiesOf(staffId) {
      return (staff.get(staffId)?.identities ?? [])
        .map((key) => ({ channel: key.slice(0, key.indexOf(":")) as Channel, externalId: key.slice(key.indexOf(":") + 1) }))
        .sort((a, b) => a.channel.localeCompare(b.channel) || a.externalId.localeCompare(b.externalId));
    },
    async update(id, patch) {
      const member = staff.get(id);
      if (!member) return null;
      if (patch.role !== undefined) member.role = patch.role;
      if (patch.active !== undefined) member.active = patch.active;
      if (patch.workCenterId === null) delete member.workCenterId;
      else if (patch.workCenterId !== undefined) member.workCenterId = patch.workCenterId;
      return toStaff(member);
    },
    async setApiToken(id, token) {
      const member = staff.get(id);
      if (!member) return null;
      member.apiTokenHash = token.hash;
      member.apiTokenExpiresAt = token.expiresAt;
      return toStaff(member);
    },
    async linkIdentity(staffId, identity) {
      const key = identityKey(identity.channel, identity.externalId);
      const holder = [...staff.values()].find((candidate) => candidate.identities.includes(key));
      if (holder) return holder.id === staffId;
      const member = staff.get(staffId);
      if (!member) return false;
      member.identities.push(key);
      return true;
    },
    async unlinkIdentity(staffId, identity) {
      const member = staff.get(staffId);
      const key = identityKey(identity.channel, identity.externalId);
      if (!member || !member.identities.includes(key)) return false;
      member.identities = member.identities.filter((candidate) => candidate !== key);
      return true;
    },
    async createWorkCenter(center) {
      if ([...workCenters.values()].some((existing) => existing.name === center.name) || workCenters.has(center.id)) return false;
      workCenters.set(center.id, { ...center });
      return true;
    },
    async renameWorkCenter(id, name) {
      const center = workCenters.get(id);
      if (!center) return "missing";
      if ([...workCenters.values()].some((existing) => existing.name === name && existing.id !== id)) return "taken";
      center.name = name;
      return "renamed";
    },
  };

  const surveyStore: SurveyStore = {
    async findById(id) {
      return copyOf(surveys.get(id));
    },
    async findByTicket(ticketId) {
      return copyOf([...surveys.values()].filter((survey) => survey.ticketId === ticketId).at(-1));
    },
    async answer(id, answer, effects) {
      const survey = surveys.get(id);
      if (!survey || survey.answeredAt) return false;
      surveys.set(id, { ...survey, status: "answered", answeredAt: answer.at, score: answer.score, ...(answer.comment ? { comment: answer.comment } : {}) });
      appendEvents(survey.ticketId, [effects.event]);
      if (effects.followUp) followUps.push({ ...effects.followUp, status: "open" });
      outbox.push(...effects.outbox);
      return true;
    },
    async addComment(id, comment, effects) {
      const survey = surveys.get(id);
      if (!survey?.answeredAt || survey.comment !== undefined) return false;
      surveys.set(id, { ...survey, comment: comment.text });
      appendEvents(survey.ticketId, [effects.event]);
      if (effects.followUpNote) {
        for (const task of followUps) {
          if (task.ticketId === survey.ticketId && task.kind === "low_score" && task.status === "open" && task.note === undefined) task.note = effects.followUpNote;
        }
      }
      outbox.push(...effects.outbox);
      return true;
    },
  };

  const visits = new Map<string, ReturnVisit>();
  const schedulingStore: SchedulingStore = {
    async slaCandidates(now, limit) {
      return [...tickets.values()]
        .filter((ticket) => ticket.slaCheckAt && ticket.slaCheckAt <= now)
        .sort((a, b) => a.slaCheckAt!.getTime() - b.slaCheckAt!.getTime())
        .slice(0, limit)
        .map(clone);
    },
    async autoCloseCandidates(resolvedBefore, limit) {
      return [...tickets.values()]
        .filter((ticket) => ticket.status === "resolved" && ticket.resolvedAt && ticket.resolvedAt <= resolvedBefore)
        .sort(byTime((ticket) => ticket.resolvedAt!))
        .slice(0, limit)
        .map(clone);
    },
    async surveysToRemind(createdBefore, now, limit) {
      return [...surveys.values()]
        .filter((survey) => survey.status === "pending" && !survey.remindedAt && survey.createdAt <= createdBefore && survey.expiresAt > now)
        .slice(0, limit)
        .map((survey) => structuredClone(survey));
    },
    async claimSurveyReminder(surveyId, at, intents) {
      const survey = surveys.get(surveyId);
      if (!survey || survey.remindedAt || survey.answeredAt) return false;
      surveys.set(surveyId, { ...survey, remindedAt: at });
      outbox.push(...intents);
      return true;
    },
    async expireSurveys(now) {
      let count = 0;
      for (const survey of surveys.values()) {
        if (survey.status === "pending" && survey.expiresAt <= now) {
          surveys.set(survey.id, { ...survey, status: "expired" });
          count++;
        }
      }
      return count;
    },
    async ticketsNeedingReturnVisit(limit) {
      const visited = new Set([...visits.values()].map((visit) => visit.ticketId));
      return [...tickets.values()]
        .filter((ticket) => (ticket.status === "resolved" || ticket.status === "closed") && ticket.resolvedAt && !visited.has(ticket.id))
        .sort(byTime((ticket) => ticket.resolvedAt!))
        .slice(0, limit)
        .map(clone);
    },
    async createReturnVisit(visit) {
      if ([...visits.values()].some((existing) => existing.ticketId === visit.ticketId)) return false;
      visits.set(visit.id, { ...visit, status: "scheduled", attempts: 0 });
      return true;
    },
    async dueReturnVisits(now, limit) {
      return [...visits.values()]
        .filter((visit) => visit.status === "scheduled" && visit.dueAt <= now)
        .sort(byTime((visit) => visit.dueAt))
        .slice(0, limit)
        .map((visit) => structuredClone(visit));
    },
    async claimReturnVisitDue(visitId, intents) {
      const visit = visits.get(visitId);
      if (!visit || visit.status !== "scheduled") return false;
      visits.set(visitId, { ...visit, status: "due" });
      outbox.push(...intents);
      return true;
    },
    async findReturnVisit(ticketId) {
      return [...visits.values()].find((visit) => visit.ticketId === ticketId) ?? null;
    },
    async recordReturnVisitAttempt(visitId, attempt, event) {
      const visit = visits.get(visitId)!;
      appendEvents(visit.ticketId, [event]);
      const next: ReturnVisit = {
        ...visit,
        attempts: visit.attempts + 1,
        outcome: attempt.outcome,
        staffId: attempt.staffId,
        // Each attempt's note replaces the last one, as the Prisma store writes it.
        note: attempt.note,
        ...(attempt.outcome === "reached" ? { status: "done" as const, doneAt: attempt.at } : { status: "scheduled" as const, dueAt: attempt.nextDueAt ?? attempt.at }),
      };
      visits.set(visitId, next);
      return next;
    },
    async openFollowUpTasks() {
      return followUps
        .filter((task) => task.status === "open")
        .sort(byTime((task) => task.dueAt))
        .map((task) => structuredClone(task));
    },
    async followUpsToRemind(now, limit) {
      return followUps
        .filter((task) => task.status === "open" && !task.remindedAt && task.dueAt.getTime() <= now.getTime())
        .sort(byTime((task) => task.dueAt))
        .slice(0, limit)
        .map((task) => structuredClone(task));
    },
    async claimFollowUpReminder(taskId, at, messages) {
      const task = followUps.find((candidate) => candidate.id === taskId);
      if (!task || task.status !== "open" || task.remindedAt) return false;
      task.remindedAt = at;
      outbox.push(...messages);
      return true;
    },
    async completeFollowUps(ticketId, done, event) {
      const open = followUps.filter((task) => task.ticketId === ticketId && task.status === "open");
      if (open.length === 0) return 0;
      for (const task of open) {
        task.status = "done";
        task.doneAt = done.at;
        task.doneBy = done.staffId;
        if (done.note) task.note = task.note ? `${task.note}\n— ${done.note}` : done.note;
      }
      appendEvents(ticketId, [event]);
      return open.length;
    },
  };

  const settingValues = new Map<string, string>();
  const settingsStore: SettingsStore = {
    // Stored as JSON text, as the Prisma store does: instants come back as ISO strings.
    async get(key) {
      const json = settingValues.get(key);
      return json === undefined ? null : (JSON.parse(json) as unknown);
    },
    async set(key, value) {
      settingValues.set(key, JSON.stringify(value));
    },
    async claim(key, value, _options, intents) {
      if (settingValues.has(key)) return false;
      settingValues.set(key, JSON.stringify(value));
      outbox.push(...intents);
      return true;
    },
  };

  const articleRows = new Map<string, Article>();
  const articleKey = (slug: string, language: string) => `${slug}:${language}`;
  const articleStore: ArticleStore = {
    async list(filter = {}) {
      return [...articleRows.values()]
        .filter((article) => (!filter.language || article.language === filter.language) && (!filter.publishedOnly || article.published))
        .sort((left, right) => left.position - right.position || compareText(left.slug, right.slug) || compareText(left.language, right.language))
        .map((article) => structuredClone(article));
    },
    async findBySlug(slug, language) {
      const found = articleRows.get(articleKey(slug, language));
      return found ? structuredClone(found) : null;
    },
    async upsert(draft, options) {
      const key = articleKey(draft.slug, draft.language);
      const existing = articleRows.get(key);
      const article: Article = { ...structuredClone(draft), id: existing?.id ?? options.id, createdAt: existing?.createdAt ?? options.at, updatedAt: options.at };
      articleRows.set(key, article);
      return structuredClone(article);
    },
    async count() {
      return articleRows.size;
    },
  };

  const signInLinks = new Map<string, { staffId: string; expiresAt: Date; usedAt?: Date }>();
  const sessions = new Map<string, StaffSessionRecord>();
  const passwords = new Map<string, string>();
  const staffAccess: StaffAccessStore = {
    async createSignInLink(link) {
      signInLinks.set(link.tokenHash, { staffId: link.staffId, expiresAt: link.expiresAt });
    },
    async spendSignInLink(tokenHash, at) {
      const link = signInLinks.get(tokenHash);
      if (!link || link.usedAt || link.expiresAt.getTime() <= at.getTime()) return null;
      link.usedAt = at;
      return link.staffId;
    },
    async createSession(idHash, session) {
      sessions.set(idHash, { ...session });
    },
    async findSession(idHash) {
      const session = sessions.get(idHash);
      return session ? { ...session } : null;
    },
    async touchSession(idHash, lastSeenAt, expiresAt) {
      const session = sessions.get(idHash);
      if (session) sessions.set(idHash, { ...session, lastSeenAt, expiresAt });
    },
    async deleteSession(idHash) {
      sessions.delete(idHash);
    },
    async deleteSessionsOf(staffId) {
      let count = 0;
      for (const [idHash, session] of sessions) if (session.staffId === staffId && sessions.delete(idHash)) count++;
      for (const [tokenHash, link] of signInLinks) if (link.staffId === staffId && !link.usedAt) signInLinks.delete(tokenHash);
      return count;
    },
    async setPassword(staffId, hash) {
      passwords.set(staffId, hash);
    },
    async passwordOf(staffId) {
      return passwords.get(staffId) ?? null;
    },
  };

  return { staffAccess, tickets: ticketStore, scheduling: schedulingStore, settingsStore, articles: articleStore, visits, customers: customerStore, staff: staffStore, surveys: surveyStore, outbox, followUps, allEvents: events, ticketMap: tickets, surveyMap: surveys, staffMap: staff };
}

/** The queue search as the Prisma store runs it (LIKE per column; ASCII case-insensitive). */
function matchesSearch(ticket: Ticket, search: string): boolean {
  const { text, digits } = searchTerms(search);
  const lower = text.toLowerCase();
  return (
    ticket.number.includes(text.toUpperCase()) ||
    ticket.contactName.toLowerCase().includes(lower) ||
    ticket.description.toLowerCase().includes(lower) ||
    ticket.phone.includes(digits ?? text)
  );
}
