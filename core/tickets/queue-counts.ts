import type { CoreDeps } from "../ports.ts";
import { OPEN_STATUSES } from "./status-machine.ts";
import { URGENCIES, type TicketStatus, type Urgency } from "./types.ts";

/** How many open tickets wait, overall and for one staff member: `/stats` in chat, the console's queue counts. */
export type QueueCounts = {
  open: number;
  unassigned: number;
  /** Open tickets assigned to the asking staff member. */
  mine: number;
  byStatus: Partial<Record<TicketStatus, number>>;
  byUrgency: Partial<Record<Urgency, number>>;
};

export async function queueCounts(deps: Pick<CoreDeps, "tickets">, staffId: string): Promise<QueueCounts> {
  const open = [...OPEN_STATUSES];
  const count = async (filter: Parameters<CoreDeps["tickets"]["list"]>[0]) => (await deps.tickets.list({ ...filter, limit: 1 })).total;
  const [total, unassigned, mine, byStatus, byUrgency] = await Promise.all([
    count({ statuses: open }),
    count({ statuses: open, assigneeId: null }),
    count({ statuses: open, assigneeId: staffId }),
    Promise.all(open.map(async (status) => [status, await count({ statuses: [status] })] as const)),
    Promise.all(URGENCIES.map(async (urgency) => [urgency, await count({ statuses: open, urgencies: [urgency] })] as const)),
  ]);
  return {
    open: total,
    unassigned,
    mine,
    byStatus: Object.fromEntries(byStatus.filter(([, n]) => n > 0)),
    byUrgency: Object.fromEntries(byUrgency.filter(([, n]) => n > 0)),
  };
}
