/**
 * Staff commands (contracts.md), the same on every channel: parse → core use case → reply.
 * The ticket is the number typed after the command, or — when none is typed — the ticket
 * of the bot message being replied to or of the forum topic, both resolved by the adapter
 * from stored links.
 */
import { DateTime } from "luxon";
import {
  describeEvent,
  formatDateTime,
  isAppError,
  LANGUAGES,
  OPEN_STATUSES,
  parseTicketNumber,
  STAFF_ROLES,
  TICKET_STATUSES,
  translate,
  URGENCIES,
  type Initiator,
  type Staff,
  type StaffRole,
  type StaffTicketView,
  type Ticket,
  type TicketStatus,
} from "../../core/index.ts";
import { textAfterWords, type ParsedCommand } from "./parse-command.ts";
import { payload, type Button } from "./payloads.ts";
import { categoryName, orNone, preview, roleName, statusName, t, urgencyName } from "./text.ts";
import type { Turn } from "./turn.ts";
import type { Choice } from "./types.ts";

export const STAFF_COMMANDS: ReadonlySet<string> = new Set([
  "queue",
  "mine",
  "show",
  "take",
  "assign",
  "status",
  "note",
  "reply",
  "approve",
  "reject",
  "escalate",
  "close",
  "reopen",
  "stats",
  "visit",
  "staff",
  "help",
]);

const USAGE: Record<string, string> = {
  show: "/show <number>",
  take: "/take <number>",
  assign: "/assign <number> <staff>",
  status: "/status <number> <status> [note]",
  note: "/note <number> <text>",
  reply: "/reply <number> <text>",
  approve: "/approve <number>",
  reject: "/reject <number> <reason>",
  escalate: "/escalate <number> [reason]",
  close: "/close <number> [resolution]",
  reopen: "/reopen <number> [reason]",
  visit: "/visit <number> reached|unreached [next time, e.g. 2026-11-28 19:30] [note]",
  staff: "/staff add <telegram id or @username> <role> [name] · /staff list",
};

/** The ticket a command is about, and the text after the number. */
type Target = { number: string; rest: string; args: string[] };

function targetOf(turn: Turn, command: ParsedCommand): Target | null {
  const first = command.args[0];
  const typed = first ? parseTicketNumber(first, turn.numberPrefix) : null;
  if (typed) {
    const rest = textAfterWords(command.rest, 1);
    return { number: typed, rest, args: command.args.slice(1) };
  }
  const context = turn.msg.replyTo?.ticketNumber ?? turn.msg.topicTicket;
  return context ? { number: context, rest: command.rest, args: command.args } : null;
}

export async function runStaffCommand(turn: Turn, staff: Staff, command: ParsedCommand): Promise<void> {
  const language = turn.language;
  const initiator = turn.staffInitiator(staff);
  const about = (number: string) => ({ ticketNumber: number, kind: "notice" as const });
  const say = (text: string, number?: string) => turn.say(number ? { text, about: about(number) } : { text });
  const usage = () => say(t(language, "bot.staff.usage", { usage: USAGE[command.name] ?? "/help" }));

  switch (command.name) {
    case "help":
      say(t(language, "bot.staff.help"));
      return;
    case "queue":
      return listQueue(turn, { assigneeId: null }, "bot.staff.queue_header");
    case "mine":
      return listQueue(turn, { assigneeId: staff.id }, "bot.staff.mine_header");
    case "stats":
      return stats(turn, staff);
    case "staff":
      return manageStaff(turn, staff, command);
    default:
      break;
  }

  const target = targetOf(turn, command);
  if (!target) {
    say(t(language, "bot.staff.need_number"));
    return;
  }
  const { number, rest } = target;
  switch (command.name) {
    case "show":
      return show(turn, number);
    case "take": {
      const ticket = await turn.core.take(number, initiator);
      say(t(language, "bot.staff.taken", { number: ticket.number }), ticket.number);
      return;
    }
    case "assign": {
      const reference = target.args[0];
      if (!reference) return assignMenu(turn, number);
      const ticket = await turn.core.assign(number, await resolveStaffReference(turn, reference), initiator);
      const assignee = ticket.assigneeId ? await turn.core.staff.byId(ticket.assigneeId) : null;
      say(t(language, "bot.staff.assigned", { number: ticket.number, assignee: assignee?.name ?? reference }), ticket.number);
      return;
    }
    case "status":
      return changeStatus(turn, initiator, target);
    case "note": {
      if (!rest) return usage();
      const ticket = await turn.core.note(number, rest, initiator);
      say(t(language, "bot.staff.noted", { number: ticket.number }), ticket.number);
      return;
    }
    case "reply": {
      if (!rest) return usage();
      const ticket = await turn.core.reply(number, rest, initiator);
      say(t(language, "bot.staff.replied", { number: ticket.number }), ticket.number);
      return;
    }
    case "approve": {
      const ticket = await turn.core.approve(number, initiator);
      say(t(language, "bot.staff.approved", { number: ticket.number }), ticket.number);
      return;
    }
    case "reject": {
      if (!rest) return usage();
      const ticket = await turn.core.reject(number, rest, initiator);
      say(t(language, "bot.staff.rejected", { number: ticket.number }), ticket.number);
      return;
    }
    case "escalate": {
      const ticket = await turn.core.escalate(number, initiator, rest || undefined);
      say(t(language, "bot.staff.escalated", { number: ticket.number, urgency: urgencyName(language, ticket.urgency) }), ticket.number);
      return;
    }
    case "close": {
      const ticket = await turn.core.close(number, initiator, rest || undefined);
      say(t(language, "bot.staff.closed", { number: ticket.number }), ticket.number);
      return;
    }
    case "reopen": {
      const ticket = await turn.core.reopen(number, initiator, rest || undefined);
      say(t(language, "bot.staff.reopened", { number: ticket.number }), ticket.number);
      return;
    }
    case "visit":
      return recordVisit(turn, initiator, target, usage);
    default:
      say(t(language, "bot.staff.help"));
  }
}

/**
 * Plain text from staff in the staff chat: in a ticket's topic it is an internal note; a
 * reply to a relayed customer message goes back to the customer; a reply to another bot
 * post of a ticket is a note. Anything else is people talking and is left alone.
 */
export async function handleStaffText(turn: Turn, staff: Staff): Promise<void> {
  const { msg } = turn;
  const text = msg.text?.trim();
  if (!text || msg.edit) return;
  const initiator = turn.staffInitiator(staff);
  if (msg.replyTo?.kind === "customer_message") {
    const ticket = await turn.core.reply(msg.replyTo.ticketNumber, text, initiator);
    turn.say({ text: t(turn.language, "bot.staff.replied", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
    return;
  }
  if (msg.replyTo && msg.replyTo.kind !== "customer_inbound") {
    const ticket = await turn.core.note(msg.replyTo.ticketNumber, text, initiator);
    turn.say({ text: t(turn.language, "bot.staff.noted", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
    return;
  }
  if (msg.topicTicket) {
    // The topic is the ticket's conversation among staff: recorded quietly, like a chat.
    await turn.core.note(msg.topicTicket, text, initiator);
  }
}

export async function handleStaffButton(turn: Turn, staff: Staff, button: Button): Promise<void> {
  const initiator = turn.staffInitiator(staff);
  const language = turn.language;
  switch (button.kind) {
    case "staff_take": {
      const ticket = await turn.core.take(button.number, initiator);
      turn.say({ text: t(language, "bot.staff.taken", { number: ticket.number }), about: { ticketNumber: ticket.number, kind: "notice" } });
      return;
    }
    case "staff_assign_menu":
      return assignMenu(turn, button.number);
    case "staff_assign": {
      turn.result.clearButtons = true;
      const ticket = await turn.core.assign(button.number, button.staffId, initiator);
      const assignee = ticket.assigneeId ? await turn.core.staff.byId(ticket.assigneeId) : null;
      turn.say({
        text: t(language, "bot.staff.assigned", { number: ticket.number, assignee: assignee?.name ?? "" }),
        about: { ticketNumber: ticket.number, kind: "notice" },
      });
      return;
    }
    case "staff_urgency_menu":
      turn.say({
        text: t(language, "bot.staff.choose_urgency", { number: button.number }),
        choices: [URGENCIES.map((urgency) => ({ label: urgencyName(language, urgency), payload: payload.staffUrgency(button.number, urgency) }))],
        about: { ticketNumber: button.number, kind: "notice" },
      });
      return;
    case "staff_urgency": {
      turn.result.clearButtons = true;
      const ticket = await turn.core.reclassify(button.number, { urgency: button.urgency }, initiator);
      turn.say({
        text: t(language, "bot.staff.urgency_set", { number: ticket.number, urgency: urgencyName(language, ticket.urgency) }),
        about: { ticketNumber: ticket.number, kind: "notice" },
      });
      return;
    }
    default:
      turn.result.toast = t(language, "bot.common.stale_button");
  }
}

async function assignMenu(turn: Turn, number: string): Promise<void> {
  const staff = await turn.core.staff.active();
  if (staff.length === 0) {
    turn.say(t(turn.language, "bot.staff.no_staff"));
    return;
  }
  const rows: Choice[][] = [];
  staff.slice(0, 20).forEach((member, index) => {
    if (index % 2 === 0) rows.push([]);
    rows.at(-1)?.push({ label: `${member.name} (${roleName(turn.language, member.role)})`, payload: payload.staffAssignTo(number, member.id) });
  });
  turn.say({ text: t(turn.language, "bot.staff.choose_assignee", { number }), choices: rows, about: { ticketNumber: number, kind: "notice" } });
}

/** `@username`, a numeric chat id, a staff id or a name → what core.assign accepts. */
async function resolveStaffReference(turn: Turn, reference: string): Promise<string> {
  const { channel } = turn.msg;
  let externalId: string | undefined;
  if (reference.startsWith("@")) externalId = (await turn.deps.seenUsers.findByUsername(channel, reference.slice(1)))?.externalId;
  else if (/^\d+$/.test(reference)) externalId = reference;
  if (externalId) {
    const member = await turn.core.staff.byIdentity({ channel, externalId });
    if (member) return member.id;
  }
  return reference;
}

async function show(turn: Turn, number: string): Promise<void> {
  const view = await turn.core.show(number);
  const photos = view.attachments.filter((attachment) => attachment.mimeType.startsWith("image/"));
  turn.say({
    text: describeForStaff(turn, view),
    about: { ticketNumber: view.number, kind: "notice" },
    ...(photos.length > 0 ? { media: photos.map((photo) => ({ kind: "photo" as const, storagePath: photo.storagePath, caption: photo.fileName })) } : {}),
  });
}

function describeForStaff(turn: Turn, view: StaffTicketView): string {
  const language = turn.language;
  const zone = turn.timeZone;
  const timeline = view.timeline.slice(-8).map((event) => {
    const what = describeEvent(language, event, { timeZone: zone });
    const who = event.actor.name ? ` (${event.actor.name})` : "";
    const note = event.note ? `: ${preview(event.note, 80)}` : "";
    return `${formatDateTime(event.at, language, zone)} ${what}${who}${note}`;
  });
  return t(language, "bot.staff.show", {
    number: view.number,
    urgency: urgencyName(language, view.urgency),
    category: categoryName(language, view.category),
    status: statusName(language, view.status),
    name: view.contactName,
    // Staff call the customer: the staff chat shows the full number; logs never do.
    phone: view.phone,
    product: orNone(language, view.product),
    address: orNone(language, view.address),
    preferredTime: orNone(language, view.preferredTime),
    assignee: view.assigneeName ?? t(language, "value.unassigned"),
    appointment: orNone(language, formatDateTime(view.appointmentAt, language, zone)),
    due: orNone(language, formatDateTime(view.resolutionDueAt, language, zone)),
    photos: String(view.attachments.length),
    description: view.description,
    timeline: timeline.join("\n") || t(language, "value.none"),
  });
}

async function listQueue(turn: Turn, filter: { assigneeId: string | null }, header: "bot.staff.queue_header" | "bot.staff.mine_header"): Promise<void> {
  const language = turn.language;
  const { tickets, total } = await turn.core.list({ statuses: [...OPEN_STATUSES], assigneeId: filter.assigneeId, limit: 20 });
  const lines = tickets.map((ticket: Ticket) =>
    t(language, "bot.staff.list_line", {
      number: ticket.number,
      urgency: urgencyName(language, ticket.urgency),
      category: categoryName(language, ticket.category),
      status: statusName(language, ticket.status),
      description: preview(ticket.description),
    }),
  );
  turn.say(`${t(language, header, { total })}\n${lines.length > 0 ? lines.join("\n") : t(language, "bot.staff.list_empty")}`);
}

async function stats(turn: Turn, staff: Staff): Promise<void> {
  const language = turn.language;
  const open = [...OPEN_STATUSES];
  const count = async (filter: Parameters<Turn["core"]["list"]>[0]) => (await turn.core.list({ ...filter, limit: 1 })).total;
  const [total, unassigned, mine, byStatus, byUrgency] = await Promise.all([
    count({ statuses: open }),
    count({ statuses: open, assigneeId: null }),
    count({ statuses: open, assigneeId: staff.id }),
    Promise.all(open.map(async (status) => [status, await count({ statuses: [status] })] as const)),
    Promise.all(URGENCIES.map(async (urgency) => [urgency, await count({ statuses: open, urgencies: [urgency] })] as const)),
  ]);
  const separator = language === "en" ? ", " : "，";
  turn.say(
    t(language, "bot.staff.stats", {
      open: total,
      unassigned,
      mine,
      byStatus: byStatus.filter(([, n]) => n > 0).map(([status, n]) => `${statusName(language, status)} ${n}`).join(separator) || t(language, "value.none"),
      byUrgency: byUrgency.filter(([, n]) => n > 0).map(([urgency, n]) => `${urgencyName(language, urgency)} ${n}`).join(separator) || t(language, "value.none"),
    }),
  );
}

async function changeStatus(turn: Turn, initiator: Initiator, target: Target): Promise<void> {
  const language = turn.language;
  const [word, ...after] = target.args;
  if (!word) return show(turn, target.number);
  const status = parseStatus(word);
  if (!status) {
    turn.say(t(language, "bot.staff.unknown_status", { value: word, statuses: TICKET_STATUSES.join(", ") }));
    return;
  }
  let consumed = 1;
  let appointmentAt: Date | undefined;
  if (status === "scheduled" && after[0] && /^\d/.test(after[0])) {
    const parsed = parseAppointment(after, turn.timeZone, turn.now);
    if (!parsed) {
      turn.say(t(language, "bot.staff.bad_time", { value: after.slice(0, 2).join(" ") }));
      return;
    }
    appointmentAt = parsed.at;
    consumed += parsed.words;
  }
  const note = textAfterWords(target.rest, consumed);
  const ticket = await turn.core.changeStatus({
    number: target.number,
    status,
    initiator,
    ...(note ? { note } : {}),
    ...(appointmentAt ? { appointmentAt } : {}),
  });
  turn.say({
    text: t(language, "bot.staff.status_changed", { number: ticket.number, status: statusName(language, ticket.status) }),
    about: { ticketNumber: ticket.number, kind: "notice" },
  });
}

const VISIT_OUTCOMES: Readonly<Record<string, "reached" | "unreached">> = {
  reached: "reached",
  ok: "reached",
  接通: "reached",
  已接通: "reached",
  联系上: "reached",
  已联系: "reached",
  聯繫上: "reached",
  已聯繫: "reached",
  unreached: "unreached",
  not_reached: "unreached",
  "not-reached": "unreached",
  未接通: "unreached",
  未联系上: "unreached",
  未聯繫上: "unreached",
  无人接听: "unreached",
  無人接聽: "unreached",
};

/**
 * `/visit <number> reached [note]` · `/visit <number> unreached [next time] [note]`: the
 * outcome of a return-visit call (回访). Not reached needs a next attempt; without a typed
 * time the core picks the next acceptable calling slot after a day.
 */
async function recordVisit(turn: Turn, initiator: Initiator, target: Target, usage: () => void): Promise<void> {
  const language = turn.language;
  const [word, ...after] = target.args;
  const key = word?.toLowerCase();
  const outcome = key && Object.hasOwn(VISIT_OUTCOMES, key) ? VISIT_OUTCOMES[key] : undefined;
  if (!outcome) return usage();
  let consumed = 1;
  let nextAttemptAt: Date | undefined;
  if (outcome === "unreached" && after[0] && /^\d/.test(after[0])) {
    const parsed = parseAppointment(after, turn.timeZone, turn.now);
    if (!parsed) {
      turn.say(t(language, "bot.staff.bad_time", { value: after.slice(0, 2).join(" ") }));
      return;
    }
    nextAttemptAt = parsed.at;
    consumed += parsed.words;
  }
  const note = textAfterWords(target.rest, consumed);
  const about = { ticketNumber: target.number, kind: "notice" as const };
  let visit;
  try {
    visit = await turn.core.recordReturnVisit(target.number, outcome, initiator, { ...(note ? { note } : {}), ...(nextAttemptAt ? { nextAttemptAt } : {}) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "illegal_transition") {
      turn.say({ text: t(language, "bot.staff.visit_done", { number: target.number }), about });
      return;
    }
    if (error.code !== "not_found") throw error;
    // An unknown ticket answers as every command does; a known one simply has no visit (yet).
    await turn.core.show(target.number);
    turn.say({ text: t(language, "bot.staff.visit_none", { number: target.number }), about });
    return;
  }
  turn.say({
    text:
      outcome === "reached"
        ? t(language, "bot.staff.visit_reached", { number: target.number })
        : t(language, "bot.staff.visit_unreached", { number: target.number, attempts: visit.attempts, next: formatDateTime(visit.dueAt, language, turn.timeZone) }),
    about,
  });
}

/** A status key (`in_progress`, `in-progress`) or its name in any of our languages (`处理中`). */
export function parseStatus(word: string): TicketStatus | null {
  const key = word.trim().toLowerCase().replace(/-/g, "_");
  const byKey = TICKET_STATUSES.find((status) => status === key);
  if (byKey) return byKey;
  for (const language of LANGUAGES) {
    const match = TICKET_STATUSES.find((status) => translate(language, `status.${status}`).toLowerCase() === word.trim().toLowerCase());
    if (match) return match;
  }
  return null;
}

const DATE_TIME_FORMATS = ["yyyy-M-d H:mm", "yyyy/M/d H:mm", "M-d H:mm", "M/d H:mm", "yyyy-M-d'T'H:mm"];

/** `2026-11-25 14:00` (or `11-25 14:00`, this year) in the desk's time zone; also takes a single `2026-11-25T14:00` word. */
export function parseAppointment(words: readonly string[], timeZone: string, now: Date): { at: Date; words: number } | null {
  const candidates: { text: string; words: number }[] = [];
  if (words[0] && words[1] && /^\d{1,2}:\d{2}$/.test(words[1])) candidates.push({ text: `${words[0]} ${words[1]}`, words: 2 });
  if (words[0]) candidates.push({ text: words[0], words: 1 });
  const year = DateTime.fromJSDate(now, { zone: timeZone }).year;
  for (const candidate of candidates) {
    for (const format of DATE_TIME_FORMATS) {
      let parsed = DateTime.fromFormat(candidate.text, format, { zone: timeZone });
      if (!parsed.isValid) continue;
      if (!format.includes("yyyy")) parsed = parsed.set({ year });
      return { at: parsed.toJSDate(), words: candidate.words };
    }
  }
  return null;
}

async function manageStaff(turn: Turn, staff: Staff, command: ParsedCommand): Promise<void> {
  const language = turn.language;
  const [action, who, roleWord, ...nameWords] = command.args;
  if (action === "list") {
    const members = await turn.core.staff.active();
    const lines = members.map((member) => `${member.name} · ${roleName(language, member.role)}`);
    turn.say(`${t(language, "bot.staff.list_header")}\n${lines.join("\n") || t(language, "value.none")}`);
    return;
  }
  const role = roleWord?.toLowerCase() as StaffRole | undefined;
  if (action !== "add" || !who || !role || !STAFF_ROLES.includes(role)) {
    turn.say(t(language, "bot.staff.usage", { usage: USAGE.staff ?? "" }));
    return;
  }
  const { channel } = turn.msg;
  const seen = who.startsWith("@")
    ? await turn.deps.seenUsers.findByUsername(channel, who.slice(1))
    : /^\d+$/.test(who)
      ? await turn.deps.seenUsers.findById(channel, who)
      : null;
  if (who.startsWith("@") && !seen) {
    turn.say(t(language, "bot.staff.unknown_user", { username: who.slice(1) }));
    return;
  }
  const externalId = seen?.externalId ?? (/^\d+$/.test(who) ? who : null);
  if (!externalId) {
    turn.say(t(language, "bot.staff.usage", { usage: USAGE.staff ?? "" }));
    return;
  }
  const name = nameWords.join(" ") || seen?.displayName || (seen?.username ? `@${seen.username}` : externalId);
  const member = await turn.core.registerStaff({ name, role, identities: [{ channel, externalId }] }, staff);
  turn.say(t(language, "bot.staff.registered", { name: member.name, role: roleName(language, member.role) }));
}
