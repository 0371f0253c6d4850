import {
  AppError,
  compareQueueOrder,
  formatTicketNumber,
  isAfterQueueCursor,
  searchTerms,
  resolveCustomerLink,
  type ChannelIdentity,
  type CreateTicketCommand,
  type CustomerResolution,
  type IdGenerator,
  type Ticket,
  type TicketChange,
  type TicketFilter,
  type TicketStore,
} from "../core/index.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Database } from "./open-database.ts";
import { writeOutbox } from "./outbox-rows.ts";
import { toEvent, toEventRow, toTicket, toTicketData } from "./row-mappers.ts";

type Tx = Prisma.TransactionClient;

// Where other stores imported it from before db/outbox-rows.ts existed.

/**
 * Links the report to its customer inside the intake transaction: the lookups and writes are
 * the store's, the decision (and the privacy rule for unverified phones) is core's
 * `resolveCustomerLink`.
 */
async function resolveCustomer(tx: Tx, resolution: CustomerResolution, newId: IdGenerator, at: Date): Promise<string> {
  if (resolution.existingCustomerId) return resolution.existingCustomerId;
  const { identity } = resolution;
  const linked = identity
    ? await tx.customerIdentity.findUnique({
        where: { channel_externalId: { channel: identity.channel, externalId: identity.externalId } },
        include: { customer: true },
      })
    : null;
  const phoneCustomer = await tx.customer.findUnique({ where: { phone: resolution.phone } });
  const link = resolveCustomerLink({
    identity,
    identityCustomer: linked ? { id: linked.customer.id, phone: linked.customer.phone ?? undefined } : null,
    phoneCustomer,
  });
  switch (link.kind) {
    case "identity":
      if (link.takesPhone) await tx.customer.update({ where: { id: link.customerId }, data: { phone: resolution.phone } });
      return link.customerId;
    case "phone":
      if (identity && link.linksIdentity) await linkIdentity(tx, identity, link.customerId, at);
      return link.customerId;
    case "new": {
      const { id } = await tx.customer.create({
        data: { id: newId(), name: resolution.name, phone: link.hasPhone ? resolution.phone : null, language: resolution.language, createdAt: at },
      });
      if (identity && link.linksIdentity) await linkIdentity(tx, identity, id, at);
      return id;
    }
  }
}

async function linkIdentity(tx: Tx, identity: ChannelIdentity, customerId: string, at: Date): Promise<void> {
  await tx.customerIdentity.create({ data: { channel: identity.channel, externalId: identity.externalId, customerId, createdAt: at } });
}

export function createTicketStore(db: Database, newId: IdGenerator): TicketStore {
  const withAttachments = { attachments: true } as const;

  async function findBySource(channel: string, sourceMessageId: string): Promise<Ticket | null> {
    const row = await db.ticket.findUnique({
      where: { channel_sourceMessageId: { channel, sourceMessageId } },
      include: withAttachments,
    });
    return row ? toTicket(row) : null;
  }

  async function create(command: CreateTicketCommand): Promise<{ ticket: Ticket; created: boolean }> {
    const { ticket: input, numbering } = command;
    if (input.sourceMessageId) {
      const existing = await findBySource(input.channel, input.sourceMessageId);
      if (existing) return { ticket: existing, created: false };
    }
    try {
      const ticket = await db.$transaction(async (tx) => {
        const customerId = await resolveCustomer(tx, command.customer, newId, input.createdAt);
        // One statement allocates the day's next number: no read-then-write window in which
        // two creates could take the same sequence.
        const [sequence] = await tx.$queryRaw<{ last: number | bigint }[]>`
          INSERT INTO "NumberSequence" ("day", "last") VALUES (${numbering.day}, 1)
          ON CONFLICT ("day") DO UPDATE SET "last" = "last" + 1
          RETURNING "last"`;
        if (!sequence) throw new Error("number sequence returned no row");
        const id = newId();
        const row = await tx.ticket.create({
          data: {
            ...toTicketData({ ...input, attachments: [] }),
            id,
            number: formatTicketNumber(numbering.prefix, numbering.day, Number(sequence.last)),
            customer: { connect: { id: customerId } },
            attachments: {
              create: input.attachments.map((attachment) => ({ ...attachment, id: newId(), createdAt: input.createdAt })),
            },
          } as Prisma.TicketCreateInput,
          include: withAttachments,
        });
        const ticket = toTicket(row);
        const ownEvents = command.events.map((event) =>
          event.actor.kind === "customer" && !event.actor.id ? { ...event, actor: { ...event.actor, id: customerId } } : event,
        );
        await tx.ticketEvent.createMany({ data: ownEvents.map((event) => toEventRow(id, event)) });
        await writeOutbox(tx, command.outbox(ticket), { newId, at: input.createdAt, urgencyOf: new Map([[ticket.id, ticket.urgency]]), isNewTicket: true });
        return ticket;
      });
      return { ticket, created: true };
    } catch (error) {
      // The same message delivered twice at the same moment: the unique (channel,
      // sourceMessageId) index let one through; the other returns that ticket.
      if (input.sourceMessageId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        const existing = await findBySource(input.channel, input.sourceMessageId);
        if (existing) return { ticket: existing, created: false };
      }
      throw error;
    }
  }

  async function update(change: TicketChange): Promise<Ticket> {
    return db.$transaction(async (tx) => {
      const { count } = await tx.ticket.updateMany({
        where: { id: change.ticketId, version: change.expectedVersion },
        data: { ...toTicketData(change.patch), version: { increment: 1 } },
      });
      if (count === 0) {
        throw new AppError("conflict", { detail: `ticket ${change.ticketId} changed since version ${change.expectedVersion}` });
      }
      if (change.events.length > 0) {
        await tx.ticketEvent.createMany({ data: change.events.map((event) => toEventRow(change.ticketId, event)) });
      }
      const at = change.events[0]?.at ?? new Date(0);
      if (change.addAttachments?.length) {
        await tx.attachment.createMany({
          data: change.addAttachments.map((attachment) => ({
            id: newId(),
            ticketId: change.ticketId,
            fileName: attachment.fileName,
            mimeType: attachment.mimeType,
            sizeBytes: attachment.sizeBytes,
            storagePath: attachment.storagePath,
            createdAt: at,
          })),
        });
      }
      if (change.survey) {
        // One survey per close: a ticket reopened and closed again keeps its earlier answer.
        await tx.survey.create({ data: { ...change.survey, assigneeId: change.survey.assigneeId ?? null, status: "pending" } });
      }
      const ticket = toTicket(await tx.ticket.findUniqueOrThrow({ where: { id: change.ticketId }, include: withAttachments }));
      // Read first so the messages' priority follows the ticket's urgency after this change.
      await writeOutbox(tx, change.outbox, { newId, at, urgencyOf: new Map([[ticket.id, ticket.urgency]]) });
      return ticket;
    });
  }

  return {
    create,
    async findById(id) {
      const row = await db.ticket.findUnique({ where: { id }, include: withAttachments });
      return row ? toTicket(row) : null;
    },
    async findByNumber(number) {
      const row = await db.ticket.findUnique({ where: { number }, include: withAttachments });
      return row ? toTicket(row) : null;
    },
    update,
    async events(ticketId, options) {
      const rows = await db.ticketEvent.findMany({
        where: { ticketId, ...(options?.visibility ? { visibility: options.visibility } : {}) },
        orderBy: { id: "asc" },
      });
      return rows.map(toEvent);
    },
    async list(filter: TicketFilter) {
      const where: Prisma.TicketWhereInput = {
        ...(filter.statuses ? { status: { in: filter.statuses } } : {}),
        ...(filter.urgencies ? { urgency: { in: filter.urgencies } } : {}),
        ...(filter.categories ? { category: { in: filter.categories } } : {}),
        ...(filter.assigneeId !== undefined ? { assigneeId: filter.assigneeId } : {}),
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
        ...(filter.createdFrom || filter.createdTo
          ? { createdAt: { ...(filter.createdFrom ? { gte: filter.createdFrom } : {}), ...(filter.createdTo ? { lt: filter.createdTo } : {}) } }
          : {}),
        ...(filter.workCenterId ? { workCenterId: filter.workCenterId } : {}),
      };
      const and: Prisma.TicketWhereInput[] = [];
      if (filter.search?.trim()) {
        // A LIKE per column: fine for a desk's working set; the 1M-ticket plan is in ARCHITECTURE.md.
        const { text, digits } = searchTerms(filter.search);
        and.push({
          OR: [
            { number: { contains: text.toUpperCase() } },
            { contactName: { contains: text } },
            { description: { contains: text } },
            { phone: { contains: digits ?? text } },
          ],
        });
      }
      if (filter.dueBefore) {
        // The deadline a ticket races now (core's nextDueAt): its first response while unanswered, else its resolution.
        and.push({ OR: [{ firstResponseAt: null, firstResponseDueAt: { lt: filter.dueBefore } }, { resolutionDueAt: { lt: filter.dueBefore } }] });
      }
      if (and.length) where.AND = and;
      if (filter.order === "queue") {
        // The queue order (urgency rank, then a due time chosen per row) is the core's rule, not
        // a column: sort the matching rows' few deciding fields here, then load the page.
        const keys = await db.ticket.findMany({
          where,
          select: { id: true, number: true, urgency: true, createdAt: true, firstResponseAt: true, firstResponseDueAt: true, resolutionDueAt: true },
        });
        const ordered = keys
          .map((key) => ({
            id: key.id,
            number: key.number,
            urgency: key.urgency as Ticket["urgency"],
            createdAt: key.createdAt,
            ...(key.firstResponseAt ? { firstResponseAt: key.firstResponseAt } : {}),
            ...(key.firstResponseDueAt ? { firstResponseDueAt: key.firstResponseDueAt } : {}),
            ...(key.resolutionDueAt ? { resolutionDueAt: key.resolutionDueAt } : {}),
          }))
          .sort(compareQueueOrder);
        const { after } = filter;
        const start = after ? ordered.findIndex((key) => isAfterQueueCursor(key, after)) : (filter.offset ?? 0);
        const pageIds = start < 0 ? [] : ordered.slice(start, start + (filter.limit ?? 50)).map((key) => key.id);
        const rows = await db.ticket.findMany({ where: { id: { in: pageIds } }, include: withAttachments });
        const byId = new Map(rows.map((row) => [row.id, row]));
        const page = pageIds.flatMap((id) => {
          const row = byId.get(id);
          return row ? [toTicket(row)] : [];
        });
        return { tickets: page, total: keys.length };
      }
      const [rows, total] = await Promise.all([
        db.ticket.findMany({
          where,
          include: withAttachments,
          orderBy: { createdAt: "desc" },
          take: filter.limit ?? 50,
          skip: filter.offset ?? 0,
        }),
        db.ticket.count({ where }),
      ]);
      return { tickets: rows.map(toTicket), total };
    },
  };
}
