import type { Customer as CustomerRow, Staff as StaffRow, Survey as SurveyRow, Ticket as TicketRow, TicketEvent as EventRow, Attachment as AttachmentRow } from "../generated/prisma/client.ts";
import {
  parseEventDetails,
  type Actor,
  type Category,
  type Channel,
  type Customer,
  type Language,
  type NewTicketEvent,
  type Staff,
  type StaffRole,
  type Survey,
  type Ticket,
  type TicketEvent,
  type TicketStatus,
  type Urgency,
  type Visibility,
} from "../core/index.ts";

/**
 * Rows to domain values and back. The database stores closed unions as text; the core
 * wrote them, so reading them back is a cast, not a parse.
 */
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function toTicket(row: TicketRow & { attachments?: AttachmentRow[] }): Ticket {
  return {
    id: row.id,
    number: row.number,
    status: row.status as TicketStatus,
    version: row.version,
    customerId: row.customerId,
    contactName: row.contactName,
    phone: row.phone,
    email: opt(row.email),
    description: row.description,
    product: opt(row.product),
    address: opt(row.address),
    preferredTime: opt(row.preferredTime),
    category: row.category as Category,
    urgency: row.urgency as Urgency,
    channel: row.channel as Channel,
    sourceMessageId: opt(row.sourceMessageId),
    assigneeId: opt(row.assigneeId),
    workCenterId: opt(row.workCenterId),
    appointmentAt: opt(row.appointmentAt),
    resolution: opt(row.resolution),
    chaseCount: row.chaseCount,
    lastChasedAt: opt(row.lastChasedAt),
    firstContactResolution: row.firstContactResolution,
    statusBeforePending: opt(row.statusBeforePending) as TicketStatus | undefined,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    firstResponseAt: opt(row.firstResponseAt),
    firstResponseDueAt: opt(row.firstResponseDueAt),
    resolutionDueAt: opt(row.resolutionDueAt),
    firstResponseWarnAt: opt(row.firstResponseWarnAt),
    resolutionWarnAt: opt(row.resolutionWarnAt),
    firstResponseWarnedAt: opt(row.firstResponseWarnedAt),
    firstResponseBreachedAt: opt(row.firstResponseBreachedAt),
    resolutionWarnedAt: opt(row.resolutionWarnedAt),
    resolutionBreachedAt: opt(row.resolutionBreachedAt),
    slaCheckAt: opt(row.slaCheckAt),
    resolvedAt: opt(row.resolvedAt),
    closedAt: opt(row.closedAt),
    followUpOf: opt(row.followUpOf),
    attachments: (row.attachments ?? []).map((attachment) => ({
      id: attachment.id,
      fileName: attachment.fileName,
      mimeType: attachment.mimeType,
      sizeBytes: attachment.sizeBytes,
      storagePath: attachment.storagePath,
    })),
  };
}

/** A partial ticket for an update: a key present with `undefined` clears the column. */
export function toTicketData(patch: Partial<Ticket>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === "attachments" || key === "id" || key === "number" || key === "version" || key === "customerId") continue;
    data[key] = value === undefined ? null : value;
  }
  return data;
}

/**
 * An event row with its details parsed (core/tickets/event-details.ts: the JSON `data` is
 * the one column that is parsed, not cast, because its shape depends on the type). A row
 * that does not fit — a type this version does not know, or details it cannot read — is
 * kept on the timeline as an internal note naming what was stored, rather than dropped or
 * failing the whole timeline.
 */
export function toEvent(row: EventRow): TicketEvent {
  const actor: Actor =
    row.actorKind === "system"
      ? { kind: "system", ...(row.actorName ? { name: row.actorName } : {}) }
      : { kind: row.actorKind as "customer" | "staff", id: row.actorId ?? "", ...(row.actorName ? { name: row.actorName } : {}) };
  const details = parseEventDetails(row.type, row.data ? parseJsonColumn(row.data) : undefined);
  const common = {
    id: String(row.id),
    ticketId: row.ticketId,
    actor,
    channel: row.channel as Channel,
    at: row.at,
    ...(row.fromStatus ? { fromStatus: row.fromStatus as TicketStatus } : {}),
    ...(row.toStatus ? { toStatus: row.toStatus as TicketStatus } : {}),
  };
  if (!details) {
    return { ...common, type: "note", visibility: "internal", note: `[${row.type}] ${[row.note, row.data].filter(Boolean).join(" ")}` };
  }
  return { ...common, ...details, visibility: row.visibility as Visibility, ...(row.note !== null ? { note: row.note } : {}) };
}

/** A JSON text column; text that is not JSON comes back as itself, for the caller's schema to refuse. */
export function parseJsonColumn(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function toEventRow(ticketId: string, event: NewTicketEvent) {
  return {
    ticketId,
    type: event.type,
    visibility: event.visibility,
    actorKind: event.actor.kind,
    actorId: event.actor.kind === "system" ? null : event.actor.id,
    actorName: event.actor.name ?? null,
    channel: event.channel,
    at: event.at,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    note: event.note ?? null,
    data: event.data ? JSON.stringify(event.data) : null,
  };
}

export function toCustomer(row: CustomerRow): Customer {
  return { id: row.id, name: row.name, ...(row.phone ? { phone: row.phone } : {}), language: row.language as Language, createdAt: row.createdAt };
}

export function toStaff(row: StaffRow): Staff {
  return {
    id: row.id,
    name: row.name,
    role: row.role as StaffRole,
    active: row.active,
    ...(row.workCenterId ? { workCenterId: row.workCenterId } : {}),
    ...(row.apiTokenHash && row.apiTokenExpiresAt ? { apiTokenExpiresAt: row.apiTokenExpiresAt } : {}),
  };
}

export function toSurvey(row: SurveyRow): Survey {
  return {
    id: row.id,
    ticketId: row.ticketId,
    ...(row.assigneeId ? { assigneeId: row.assigneeId } : {}),
    channel: row.channel as Channel,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    status: row.status as Survey["status"],
    ...(row.sentAt ? { sentAt: row.sentAt } : {}),
    ...(row.remindedAt ? { remindedAt: row.remindedAt } : {}),
    ...(row.answeredAt ? { answeredAt: row.answeredAt } : {}),
    ...(row.score !== null ? { score: row.score } : {}),
    ...(row.comment !== null ? { comment: row.comment } : {}),
  };
}
