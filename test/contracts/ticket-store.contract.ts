import { beforeAll, describe, expect, it } from "vitest";
import { AppError, formatTicketNumber, queueCursorOf, type Ticket, type TicketChange, type TicketFilter } from "../../core/index.ts";
import { newEvent } from "../../core/tickets/ticket-event.ts";
import { AT, createdEvent, internalNote, minutesAfter, newTicketMessage, ticketCommand, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores } from "./stores-under-test.ts";

const staffActor = { actor: { kind: "staff" as const, id: "staff-1", name: "Lin" }, channel: "api" as const };

const change = (ticket: Ticket, fields: Partial<TicketChange> = {}): TicketChange => ({
  ticketId: ticket.id,
  expectedVersion: ticket.version,
  patch: {},
  events: [],
  outbox: [],
  ...fields,
});

/** What every TicketStore promises (core/ports.ts): idempotent, numbered, versioned intake and changes. */
export function describeTicketStoreContract(name: string, makeStores: MakeStores): void {
  describe(`TicketStore contract: ${name}`, () => {
    const current = storesPerDescribe(makeStores);

    describe("create", () => {
      it("stores the ticket numbered by its day, at version 0, with its attachments, and finds it by id and number", async () => {
        const { tickets } = current().stores;
        const day = unique.day();
        const command = ticketCommand({
          day,
          ticket: {
            product: "格力 KFR-35GW",
            address: "上海市浦东新区张江路 100 号",
            firstResponseDueAt: minutesAfter(AT, 60),
            resolutionDueAt: minutesAfter(AT, 24 * 60),
            slaCheckAt: minutesAfter(AT, 45),
            attachments: [{ fileName: "photo.jpg", mimeType: "image/jpeg", sizeBytes: 1234, storagePath: "uploads/a.jpg" }],
          },
        });
        const { ticket, created } = await tickets.create(command);
        const { attachments, ...fields } = command.ticket;
        expect(created).toBe(true);
        expect(ticket).toMatchObject({ ...fields, number: formatTicketNumber("SR", day, 1), version: 0 });
        expect(ticket.customerId).toEqual(expect.any(String));
        expect(ticket.attachments).toEqual([{ ...attachments[0], id: expect.any(String) }]);
        expect(await tickets.findById(ticket.id)).toEqual(ticket);
        expect(await tickets.findByNumber(ticket.number)).toEqual(ticket);
      });

      it("finds nothing for an unknown id or number", async () => {
        const { tickets } = current().stores;
        expect(await tickets.findById("no-such-ticket")).toBeNull();
        expect(await tickets.findByNumber("SR203001010001")).toBeNull();
      });

      it("numbers each day's tickets 1, 2, 3… and starts again on another day", async () => {
        const { tickets } = current().stores;
        const [monday, tuesday] = [unique.day(), unique.day()];
        const numbers: string[] = [];
        for (const day of [monday, monday, tuesday, monday]) numbers.push((await tickets.create(ticketCommand({ day }))).ticket.number);
        expect(numbers).toEqual([
          formatTicketNumber("SR", monday, 1),
          formatTicketNumber("SR", monday, 2),
          formatTicketNumber("SR", tuesday, 1),
          formatTicketNumber("SR", monday, 3),
        ]);
      });

      it("gives creates at the same moment distinct consecutive numbers", async () => {
        const { tickets } = current().stores;
        const day = unique.day();
        const results = await Promise.all(Array.from({ length: 10 }, () => tickets.create(ticketCommand({ day }))));
        const numbers = results.map((result) => result.ticket.number).sort();
        expect(numbers).toEqual(Array.from({ length: 10 }, (_, index) => formatTicketNumber("SR", day, index + 1)));
      });

      it("writes the first events with the reporting customer's id filled in, and the messages derived from the stored ticket", async () => {
        const { stores, outboxFor } = current();
        const note = internalNote("classified by the contract");
        const { ticket } = await stores.tickets.create(
          ticketCommand({ name: "李雷", events: [createdEvent("李雷"), note], outbox: (stored) => [newTicketMessage(stored)] }),
        );
        expect(await stores.tickets.events(ticket.id)).toEqual([
          { ...createdEvent("李雷"), actor: { kind: "customer", id: ticket.customerId, name: "李雷" }, id: expect.any(String), ticketId: ticket.id },
          { ...note, id: expect.any(String), ticketId: ticket.id },
        ]);
        expect(await outboxFor(ticket.id)).toEqual([newTicketMessage(ticket)]);
      });

      it("is idempotent per (channel, sourceMessageId): a redelivered message returns its ticket and writes nothing more", async () => {
        const { stores, outboxFor } = current();
        const sourceMessageId = unique.text("update");
        const command = ticketCommand({ identity: unique.account(), ticket: { sourceMessageId }, outbox: (stored) => [newTicketMessage(stored)] });
        const first = await stores.tickets.create(command);
        const again = await stores.tickets.create({ ...command, numbering: { ...command.numbering } });
        expect(first.created).toBe(true);
        expect(again).toEqual({ ticket: first.ticket, created: false });
        expect(await stores.tickets.events(first.ticket.id)).toHaveLength(1);
        expect(await outboxFor(first.ticket.id)).toHaveLength(1);
      });

      it("treats the same message id on another channel, or reports without one, as new tickets", async () => {
        const { tickets } = current().stores;
        const sourceMessageId = unique.text("message");
        const telegram = await tickets.create(ticketCommand({ identity: unique.account("telegram"), ticket: { sourceMessageId } }));
        const wechat = await tickets.create(ticketCommand({ identity: unique.account("wechat"), ticket: { sourceMessageId } }));
        const phone = unique.phone();
        const first = await tickets.create(ticketCommand({ phone }));
        const second = await tickets.create(ticketCommand({ phone }));
        expect([telegram.created, wechat.created, first.created, second.created]).toEqual([true, true, true, true]);
        expect(new Set([telegram, wechat, first, second].map((result) => result.ticket.id)).size).toBe(4);
      });

      it("makes one ticket of one message delivered several times at once", async () => {
        const { tickets } = current().stores;
        const command = ticketCommand({ identity: unique.account(), ticket: { sourceMessageId: unique.text("update") } });
        const results = await Promise.all(Array.from({ length: 5 }, () => tickets.create(command)));
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(new Set(results.map((result) => result.ticket.id)).size).toBe(1);
      });
    });

    describe("update", () => {
      it("saves the patch under the expected version with its events, files and messages, and counts the version up", async () => {
        const { stores, outboxFor } = current();
        const { ticket } = await stores.tickets.create(ticketCommand());
        const at = minutesAfter(AT, 5);
        const accepted = newEvent("status_changed", staffActor, at, { fromStatus: "new", toStatus: "accepted" });
        const message = { channel: "portal" as const, recipient: { kind: "customer" as const, customerId: ticket.customerId }, ticketId: ticket.id, notification: { kind: "customer.accepted" as const, number: ticket.number } };
        const updated = await stores.tickets.update(
          change(ticket, {
            patch: { status: "accepted", firstResponseAt: at, updatedAt: at },
            events: [accepted],
            outbox: [message],
            addAttachments: [{ fileName: "later.jpg", mimeType: "image/jpeg", sizeBytes: 10, storagePath: "uploads/later.jpg" }],
          }),
        );
        expect(updated).toMatchObject({ status: "accepted", firstResponseAt: at, updatedAt: at, version: 1, number: ticket.number, customerId: ticket.customerId });
        expect(updated.attachments).toEqual([{ id: expect.any(String), fileName: "later.jpg", mimeType: "image/jpeg", sizeBytes: 10, storagePath: "uploads/later.jpg" }]);
        expect(await stores.tickets.findById(ticket.id)).toEqual(updated);
        expect((await stores.tickets.events(ticket.id)).at(-1)).toEqual({ ...accepted, id: expect.any(String), ticketId: ticket.id });
        expect(await outboxFor(ticket.id)).toEqual([message]);
      });

      it("clears a field the patch sets to undefined", async () => {
        const { tickets } = current().stores;
        const { ticket } = await tickets.create(ticketCommand({ ticket: { slaCheckAt: minutesAfter(AT, 30), resolution: "draft" } }));
        const updated = await tickets.update(change(ticket, { patch: { slaCheckAt: undefined, resolution: undefined } }));
        expect(updated.slaCheckAt).toBeUndefined();
        expect(updated.resolution).toBeUndefined();
        expect(await tickets.findById(ticket.id)).toEqual(updated);
      });

      it("refuses a change from a stale version with AppError conflict and saves nothing of it", async () => {
        const { stores, outboxFor } = current();
        const { ticket } = await stores.tickets.create(ticketCommand());
        const accepted = await stores.tickets.update(change(ticket, { patch: { status: "accepted" } }));
        const stale = change(ticket, {
          patch: { status: "cancelled" },
          events: [internalNote("too late")],
          addAttachments: [{ fileName: "late.jpg", mimeType: "image/jpeg", sizeBytes: 10, storagePath: "uploads/late.jpg" }],
          outbox: [{ channel: "portal", recipient: { kind: "staff_room" }, ticketId: ticket.id, notification: { kind: "customer.cancelled", number: ticket.number, reason: "stale" } }],
        });
        const refusal = await stores.tickets.update(stale).catch((error: unknown) => error);
        expect(refusal).toBeInstanceOf(AppError);
        expect(refusal).toMatchObject({ code: "conflict" });
        expect(await stores.tickets.findById(ticket.id)).toEqual(accepted);
        expect(await stores.tickets.events(ticket.id)).toHaveLength(1);
        expect(await outboxFor(ticket.id)).toEqual([]);
      });

      it("refuses a change to a ticket that does not exist as a conflict", async () => {
        const { tickets } = current().stores;
        await expect(tickets.update({ ticketId: "no-such-ticket", expectedVersion: 0, patch: {}, events: [], outbox: [] })).rejects.toMatchObject({ code: "conflict" });
      });

      it("lets one of two changes computed from the same version win", async () => {
        const { tickets } = current().stores;
        const { ticket } = await tickets.create(ticketCommand());
        const results = await Promise.allSettled([
          tickets.update(change(ticket, { patch: { status: "accepted" } })),
          tickets.update(change(ticket, { patch: { status: "cancelled" } })),
        ]);
        expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
        expect((await tickets.findById(ticket.id))?.version).toBe(1);
      });
    });

    describe("events", () => {
      it("lists the ticket's events oldest first; the public filter leaves internal ones out", async () => {
        const { tickets } = current().stores;
        const { ticket } = await tickets.create(ticketCommand());
        const note = internalNote("called the customer", minutesAfter(AT, 1));
        const reply = newEvent("reply", staffActor, minutesAfter(AT, 2), { note: "we come tomorrow" });
        await tickets.update(change(ticket, { events: [note, reply] }));
        expect((await tickets.events(ticket.id)).map((event) => event.type)).toEqual(["created", "note", "reply"]);
        expect((await tickets.events(ticket.id, { visibility: "public" })).map((event) => event.type)).toEqual(["created", "reply"]);
        expect(await tickets.events("no-such-ticket")).toEqual([]);
      });
    });

    describe("list", () => {
      // Lists read the whole table: these tests get stores of their own, filled once and only read.
      const own = storesPerDescribe(makeStores);
      const hour = 60;
      let numbers: Record<"a" | "b" | "c" | "d", string>;
      let customerOfA: string;
      let assigneeId: string;
      const listed = async (filter: TicketFilter) => (await own().stores.tickets.list(filter)).tickets.map((ticket) => ticket.number);

      // Four tickets an hour apart: a (new), b (complaint by chat), c (assigned, urgent), d (closed, a's customer).
      beforeAll(async () => {
        const { stores } = own();
        const member = await stores.staff.create({ id: unique.text("staff"), name: unique.text("Lin"), role: "agent", createdAt: AT });
        assigneeId = member.id;
        const phoneOfA = unique.phone();
        const a = await stores.tickets.create(ticketCommand({ phone: phoneOfA, at: AT }));
        const b = await stores.tickets.create(
          ticketCommand({ at: minutesAfter(AT, hour), identity: unique.account("telegram"), ticket: { category: "complaint", urgency: "high" } }),
        );
        const c = await stores.tickets.create(ticketCommand({ at: minutesAfter(AT, 2 * hour), ticket: { urgency: "urgent" } }));
        await stores.tickets.update(change(c.ticket, { patch: { status: "assigned", assigneeId: member.id } }));
        const d = await stores.tickets.create(ticketCommand({ phone: phoneOfA, at: minutesAfter(AT, 3 * hour), ticket: { category: "billing", urgency: "low" } }));
        await stores.tickets.update(change(d.ticket, { patch: { status: "closed" } }));
        numbers = { a: a.ticket.number, b: b.ticket.number, c: c.ticket.number, d: d.ticket.number };
        customerOfA = a.ticket.customerId;
      });

      it("returns every ticket newest first, with the total", async () => {
        const { tickets, total } = await own().stores.tickets.list({});
        expect(tickets.map((ticket) => ticket.number)).toEqual([numbers.d, numbers.c, numbers.b, numbers.a]);
        expect(total).toBe(4);
      });

      it("filters by status, urgency, category, channel and customer, all given filters at once", async () => {
        expect(await listed({ statuses: ["new", "closed"] })).toEqual([numbers.d, numbers.b, numbers.a]);
        expect(await listed({ urgencies: ["urgent", "high"] })).toEqual([numbers.c, numbers.b]);
        expect(await listed({ categories: ["complaint", "billing"] })).toEqual([numbers.d, numbers.b]);
        expect(await listed({ channel: "telegram" })).toEqual([numbers.b]);
        expect(await listed({ customerId: customerOfA })).toEqual([numbers.d, numbers.a]);
        expect(await listed({ statuses: ["new"], categories: ["repair"] })).toEqual([numbers.a]);
      });

      it("filters by assignee, and by no assignee with null", async () => {
        expect(await listed({ assigneeId })).toEqual([numbers.c]);
        expect(await listed({ assigneeId: null })).toEqual([numbers.d, numbers.b, numbers.a]);
      });

      it("filters by creation time, from inclusive to exclusive", async () => {
        expect(await listed({ createdFrom: minutesAfter(AT, hour), createdTo: minutesAfter(AT, 3 * hour) })).toEqual([numbers.c, numbers.b]);
      });

      it("pages with limit and offset while the total counts every match", async () => {
        const { tickets } = own().stores;
        const page = await tickets.list({ limit: 2, offset: 1 });
        expect(page.tickets.map((ticket) => ticket.number)).toEqual([numbers.c, numbers.b]);
        expect(page.total).toBe(4);
        const filtered = await tickets.list({ assigneeId: null, limit: 1 });
        expect(filtered.tickets.map((ticket) => ticket.number)).toEqual([numbers.d]);
        expect(filtered.total).toBe(3);
      });
    });

    describe("list in queue order", () => {
      const own = storesPerDescribe(makeStores);
      const at = (hours: number) => minutesAfter(AT, hours * 60);
      let numbers: Record<string, string>;

      // Created oldest to newest in this order; the queue ignores that, urgency and deadlines decide.
      beforeAll(async () => {
        const { tickets } = own().stores;
        const specs: [string, Partial<Ticket>][] = [
          ["lowSoon", { urgency: "low", firstResponseDueAt: at(1), resolutionDueAt: at(2) }],
          ["normalLate", { urgency: "normal", firstResponseDueAt: at(20), resolutionDueAt: at(60) }],
          ["normalNoDue", { urgency: "normal" }],
          // Answered: its resolution deadline counts, not the (earlier, met) first response.
          ["normalAnswered", { urgency: "normal", firstResponseAt: at(1), firstResponseDueAt: at(3), resolutionDueAt: at(30) }],
          ["normalSoon", { urgency: "normal", firstResponseDueAt: at(8), resolutionDueAt: at(40) }],
          ["high", { urgency: "high", firstResponseDueAt: at(12), resolutionDueAt: at(72) }],
          ["urgent", { urgency: "urgent", firstResponseDueAt: at(14), resolutionDueAt: at(20) }],
        ];
        numbers = {};
        for (const [index, [key, fields]] of specs.entries()) {
          numbers[key] = (await tickets.create(ticketCommand({ at: at(index), ticket: fields }))).ticket.number;
        }
      });

      it("sorts urgent first, then by the nearest due time, tickets without one last in their urgency", async () => {
        const { tickets, total } = await own().stores.tickets.list({ order: "queue" });
        expect(tickets.map((ticket) => ticket.number)).toEqual(
          ["urgent", "high", "normalSoon", "normalLate", "normalAnswered", "normalNoDue", "lowSoon"].map((key) => numbers[key]),
        );
        expect(total).toBe(7);
      });

      it("pages and filters in that order, with whole tickets", async () => {
        const page = await own().stores.tickets.list({ order: "queue", urgencies: ["normal", "low"], limit: 2, offset: 1 });
        expect(page.tickets.map((ticket) => ticket.number)).toEqual([numbers.normalLate, numbers.normalAnswered]);
        expect(page.tickets[1]).toMatchObject({ urgency: "normal", description: "空调不制冷了", attachments: [] });
        expect(page.total).toBe(5);
      });

      it("pages by cursor: after a ticket's place in the queue, whatever the offset says", async () => {
        const { tickets } = own().stores;
        const all = (await tickets.list({ order: "queue" })).tickets;
        const seen: string[] = [];
        let after: TicketFilter["after"];
        for (let page = 0; page < 5; page++) {
          const { tickets: rows } = await tickets.list({ order: "queue", limit: 3, ...(after ? { after, offset: 99 } : {}) });
          if (rows.length === 0) break;
          seen.push(...rows.map((ticket) => ticket.number));
          after = queueCursorOf(rows.at(-1)!);
        }
        expect(seen).toEqual(all.map((ticket) => ticket.number));
      });

      it("keeps the tickets whose current deadline falls before a time (breaching soon)", async () => {
        // normalAnswered's first response (due at 3) is met: only its resolution (30) counts.
        expect(await own().stores.tickets.list({ order: "queue", dueBefore: at(10) }).then((page) => page.tickets.map((ticket) => ticket.number))).toEqual(
          ["normalSoon", "lowSoon"].map((key) => numbers[key]),
        );
      });
    });

    describe("search", () => {
      const own = storesPerDescribe(makeStores);
      let number = "";

      beforeAll(async () => {
        const { tickets } = own().stores;
        number = (await tickets.create(ticketCommand({ phone: "13912345678", ticket: { contactName: "欧阳娜娜", description: "洗衣机脱水时异响很大，滚筒晃动" } }))).ticket.number;
        await tickets.create(ticketCommand({ ticket: { contactName: "Smith", description: "The fridge is not cooling" } }));
      });

      const found = async (search: string) => (await own().stores.tickets.list({ search })).tickets.map((ticket) => ticket.number);

      it("finds Chinese words without spaces, a name, phone digits typed with spaces or dashes, and the number in any case", async () => {
        expect(await found("脱水时异响")).toEqual([number]);
        expect(await found("欧阳")).toEqual([number]);
        expect(await found("139-1234 5678")).toEqual([number]);
        expect(await found("5678")).toEqual([number]);
        expect(await found(number.toLowerCase())).toEqual([number]);
        expect(await found("FRIDGE")).toHaveLength(1);
        expect(await found("冰箱")).toEqual([]);
      });
    });
  });
}
