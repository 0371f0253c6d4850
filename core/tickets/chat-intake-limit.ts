import { AppError } from "../errors.ts";
import { localDay } from "../i18n/format-date.ts";
import type { CoreDeps } from "../ports.ts";
import type { ChannelIdentity } from "./types.ts";

/** At most `reports` new tickets from one chat account within `windowSeconds` (CHAT_REPORT_LIMIT). */
export type ChatIntakeLimit = { reports: number; windowSeconds: number };

/**
 * One chat account may open only so many tickets in a window (a flood, a stuck client, a
 * script): the next report is held with a polite `rate_limited` error (reason `chat_intake`)
 * that says from when a new report is taken. Counted from the tickets themselves (those of
 * the account's customer on this channel), so it holds across restarts and counts only
 * accepted reports. Off when the settings have no `chatIntakeLimit`.
 */
export async function checkChatIntakeLimit(deps: CoreDeps, identity: ChannelIdentity, sourceMessageId?: string): Promise<void> {
  const limit = deps.settings.chatIntakeLimit;
  if (!limit) return;
  const customer = await deps.customers.findByIdentity(identity);
  if (!customer) return;
  const now = deps.clock.now();
  const windowMs = limit.windowSeconds * 1000;
  const { tickets } = await deps.tickets.list({
    customerId: customer.id,
    channel: identity.channel,
    createdFrom: new Date(now.getTime() - windowMs),
    order: "newest",
    limit: limit.reports,
  });
  if (tickets.length < limit.reports) return;
  // A redelivered report (the same message again) gets its ticket back from intake, never a refusal.
  if (sourceMessageId && tickets.some((ticket) => ticket.sourceMessageId === sourceMessageId)) return;
  // The oldest of the newest `reports` tickets leaves the window first.
  const oldest = Math.min(...tickets.map((ticket) => ticket.createdAt.getTime()));
  const nextReportAt = new Date(oldest + windowMs);
  throw new AppError("rate_limited", {
    params: {
      reason: "chat_intake",
      count: tickets.length,
      retryAfterSeconds: Math.max(1, Math.ceil((nextReportAt.getTime() - now.getTime()) / 1000)),
      nextReportAt: nextReportAt.toISOString(),
      timeZone: deps.settings.timeZone,
      sameDay: localDay(nextReportAt, deps.settings.timeZone) === localDay(now, deps.settings.timeZone),
    },
    detail: `chat intake limit: ${tickets.length} reports within ${limit.windowSeconds} s`,
  });
}
