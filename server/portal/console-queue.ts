import { z } from "zod";
import {
  CATEGORIES,
  CHANNELS,
  hasAbility,
  maskPhone,
  nextDueAt,
  OPEN_STATUSES,
  queueCursorOf,
  TICKET_STATUSES,
  URGENCIES,
  type Core,
  type QueueCursor,
  type Staff,
  type Ticket,
  type TicketFilter,
} from "../../core/index.ts";
import { QUEUE_KEYS, type DueTone, type QueueFilterField, type QueueKey, type QueueRow, type QueueView } from "../../portal/src/console-api.ts";
import type { ConsoleContext } from "./console-session.ts";
import { formatDuration, startOfLocalDay } from "./console-time.ts";
import type { RequestContext } from "./request-context.ts";

const PAGE_SIZE = 25;
/** "Breaching soon": the clock a ticket races now runs out within this many hours (or already has). */
const BREACHING_HOURS = 4;
/** Clocks this close to their end show as a warning in the queue. */
const WARN_MINUTES = 120;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

const queryOf = z.object({
  queue: z.enum(QUEUE_KEYS).catch("open"),
  status: optionalEnum(TICKET_STATUSES),
  category: optionalEnum(CATEGORIES),
  urgency: optionalEnum(URGENCIES),
  channel: optionalEnum(CHANNELS),
  wc: z.string().max(100).optional().catch(undefined),
  from: day,
  to: day,
  search: z.string().max(100).optional().catch(undefined),
  after: z.string().max(400).optional().catch(undefined),
});

const cursorSchema = z.object({ u: z.enum(URGENCIES), d: z.number().nullable(), c: z.number(), n: z.string().max(40) });

/** A page's end as an opaque URL parameter (keyset: urgency, due time, creation, number). */
export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify({ u: cursor.urgency, d: cursor.dueAt?.getTime() ?? null, c: cursor.createdAt.getTime(), n: cursor.number })).toString("base64url");
}

export function decodeCursor(value: string | undefined): QueueCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success) return undefined;
    return { urgency: parsed.data.u, dueAt: parsed.data.d === null ? null : new Date(parsed.data.d), createdAt: new Date(parsed.data.c), number: parsed.data.n };
  } catch {
    return undefined;
  }
}

/** The queues staff pick from: `/staff?queue=…`, with filters and text search, in queue order, paged by cursor. */
export function consoleQueue(context: RequestContext, console: ConsoleContext, deps: { core: Core }) {
  const { core } = deps;
  const { t } = context;
  const { timeZone } = core.settings();

  function queueFilter(key: QueueKey, staff: Staff, now: Date, workCenterId: string | undefined): TicketFilter | null {
    const open = { statuses: [...OPEN_STATUSES] };
    switch (key) {
      case "mine":
        return { ...open, assigneeId: staff.id };
      case "unassigned":
        return { ...open, assigneeId: null };
      case "work_center":
        return workCenterId ? { ...open, workCenterId } : null;
      case "breaching":
        return { ...open, dueBefore: new Date(now.getTime() + BREACHING_HOURS * 3_600_000) };
      case "pending":
        return { statuses: ["pending"] };
      case "approval":
        return { statuses: ["awaiting_approval"] };
      case "open":
        return open;
      case "all":
        return {};
      case "followups":
        return null;
    }
  }

  function dueOf(ticket: Ticket, now: Date): QueueRow["due"] {
    if (ticket.status === "pending") return { label: t("console.sla.paused"), at: "", tone: "paused" };
    const due = OPEN_STATUSES.includes(ticket.status) ? nextDueAt(ticket) : undefined;
    if (!due) return { label: t("console.sla.none"), at: "", tone: "none" };
    const minutes = (due.getTime() - now.getTime()) / 60_000;
    const tone: DueTone = minutes < 0 ? "late" : minutes <= WARN_MINUTES ? "warn" : "ok";
    const label = minutes < 0 ? t("console.sla.overdue", { time: formatDuration(t, -minutes) }) : t("console.sla.left", { time: formatDuration(t, minutes) });
    return { label, at: context.formatDateTime(due), tone };
  }

  return {
    async queue(params: URLSearchParams): Promise<QueueView | null> {
      const staff = await console.member();
      if (!staff) return null;
      const query = queryOf.parse(Object.fromEntries(params));
      const now = core.now();
      const myWorkCenter = staff.workCenterId;
      const mayFollowUp = hasAbility(staff.role, "followUp");
      const keys = QUEUE_KEYS.filter((key) => (key !== "followups" || mayFollowUp) && (key !== "work_center" || myWorkCenter));
      const queue = keys.includes(query.queue) ? query.queue : "open";

      const filterValues: Record<QueueFilterField, string> = {
        status: query.status ?? "",
        category: query.category ?? "",
        urgency: query.urgency ?? "",
        channel: query.channel ?? "",
        wc: query.wc ?? "",
        from: query.from ?? "",
        to: query.to ?? "",
        search: query.search?.trim() ?? "",
      };
      const refinements: TicketFilter = {
        ...(query.status ? { statuses: [query.status] } : {}),
        ...(query.category ? { categories: [query.category] } : {}),
        ...(query.urgency ? { urgencies: [query.urgency] } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.wc ? { workCenterId: query.wc } : {}),
        ...(query.from ? { createdFrom: startOfLocalDay(query.from, timeZone) } : {}),
        ...(query.to ? { createdTo: startOfLocalDay(query.to, timeZone, 1) } : {}),
        ...(filterValues.search ? { search: filterValues.search } : {}),
      };
      const combine = (base: TicketFilter): TicketFilter => {
        // A status filter narrows the queue's statuses; outside them it matches nothing.
        const statuses = query.status ? (base.statuses ? base.statuses.filter((status) => status === query.status) : [query.status]) : base.statuses;
        return { ...base, ...refinements, ...(statuses ? { statuses } : {}) };
      };

      const href = (key: QueueKey, extra: Record<string, string> = {}) => {
        const url = new URLSearchParams({ queue: key });
        for (const [name, value] of Object.entries(filterValues)) if (value) url.set(name, value);
        for (const [name, value] of Object.entries(extra)) url.set(name, value);
        return `/staff?${url.toString()}`;
      };

      const followUps = mayFollowUp ? await core.followUps.open(staff) : [];
      const queues = await Promise.all(
        keys.map(async (key) => {
          const base = queueFilter(key, staff, now, myWorkCenter);
          // Counts use the store's count (newest order), never the queue sort.
          const count = key === "followups" ? followUps.length : base ? (await core.list({ ...combine(base), order: "newest", limit: 1 })).total : 0;
          return { key, label: t(`console.queue.${key}`), count, href: href(key), current: key === queue };
        }),
      );

      const base = queueFilter(queue, staff, now, myWorkCenter);
      const after = decodeCursor(query.after);
      const page = base ? await core.list({ ...combine(base), order: "queue", limit: PAGE_SIZE + 1, ...(after ? { after } : {}) }) : { tickets: [], total: 0 };
      const tickets = page.tickets.slice(0, PAGE_SIZE);
      const names = new Map((await core.staff.active()).map((member) => [member.id, member.name]));
      const last = tickets.at(-1);

      const option = (value: string, label: string, selected: string) => ({ value, label, selected: value === selected });
      return {
        queue,
        queues,
        filters: {
          values: filterValues,
          active: Object.values(filterValues).some(Boolean),
          options: {
            status: TICKET_STATUSES.map((value) => option(value, t(`status.${value}`), filterValues.status)),
            category: CATEGORIES.map((value) => option(value, t(`category.${value}`), filterValues.category)),
            urgency: URGENCIES.map((value) => option(value, t(`urgency.${value}`), filterValues.urgency)),
            channel: CHANNELS.filter((value) => value !== "sms" && value !== "email" && value !== "console").map((value) => option(value, t(`console.channel.${value}`), filterValues.channel)),
            wc: (await core.staff.workCenters()).map((center) => option(center.id, center.name, filterValues.wc)),
          },
        },
        rows: tickets.map((ticket) => ({
          number: ticket.number,
          href: `/staff/tickets/${ticket.number}`,
          customer: ticket.contactName,
          phone: maskPhone(ticket.phone),
          summary: ticket.description.length > 80 ? `${ticket.description.slice(0, 80)}…` : ticket.description,
          status: ticket.status,
          statusLabel: t(`status.${ticket.status}`),
          urgency: ticket.urgency,
          urgencyLabel: t(`urgency.${ticket.urgency}`),
          categoryLabel: t(`category.${ticket.category}`),
          channelLabel: t(`console.channel.${ticket.channel}`),
          due: dueOf(ticket, now),
          assignee: ticket.assigneeId ? (names.get(ticket.assigneeId) ?? "—") : t("console.ticket.unassigned"),
          created: context.formatDateTime(ticket.createdAt),
        })),
        followUps:
          queue === "followups"
            ? followUps.map((task) => ({
                number: task.number,
                href: `/staff/tickets/${task.number}`,
                customer: task.contactName,
                phone: maskPhone(task.phone),
                note: task.note ?? "",
                due: context.formatDateTime(task.dueAt),
                overdue: task.overdue,
              }))
            : [],
        total: queue === "followups" ? followUps.length : page.total,
        nextHref: page.tickets.length > PAGE_SIZE && last ? href(queue, { after: encodeCursor(queueCursorOf(last)) }) : null,
        firstHref: after ? href(queue) : null,
        updatedAt: context.formatDateTime(now),
        notice: null,
      };
    },
  };
}
