import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../core/errors.ts";
import type { Initiator } from "../../core/tickets/ticket-event.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fixture() {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const identity = { channel: "telegram" as const, externalId: "4242" };
  const { ticket } = await built.core.intake({ ...REPORT, channel: "telegram", language: "zh-Hans", identity });
  const customer: Initiator = { actor: { kind: "customer", id: ticket.customerId }, channel: "telegram" };
  return { ...built, identity, ticket, customer };
}

const PHOTO = { fileName: "leak.jpg", mimeType: "image/jpeg", sizeBytes: 2048, storagePath: "uploads/2026/11/leak.jpg" };

describe("Prisma stores: later files and the customer's language", () => {
  it("stores files sent with a customer message as attachment rows, with the event and the staff relay", async () => {
    const { core, stores, db, ticket, customer } = await fixture();
    const updated = await core.customerMessage(ticket.number, "[照片]", customer, { attachments: [PHOTO] });
    expect(updated.attachments).toEqual([expect.objectContaining({ ...PHOTO, id: expect.any(String) })]);
    expect((await stores.tickets.findByNumber(ticket.number))?.attachments).toHaveLength(1);
    expect((await stores.tickets.events(ticket.id)).at(-1)).toMatchObject({ type: "customer_message", data: { attachments: [PHOTO] } });
    const relay = await db.outboxMessage.findFirst({ where: { recipientKind: "staff_room", payload: { contains: "staff.customer_message" } } });
    expect(JSON.parse(relay?.payload ?? "{}")).toMatchObject({ number: ticket.number, text: "[照片]", files: [{ storagePath: PHOTO.storagePath }] });
  });

  it("adds no file when the change loses the version race (one transaction)", async () => {
    const { stores, db, ticket } = await fixture();
    const stale = stores.tickets.update({ ticketId: ticket.id, expectedVersion: ticket.version + 5, patch: {}, events: [], outbox: [], addAttachments: [PHOTO] });
    await expect(stale).rejects.toBeInstanceOf(AppError);
    expect(await db.attachment.count({ where: { ticketId: ticket.id } })).toBe(0);
  });

  it("changes the customer's language, and answers null for an unknown customer", async () => {
    const { stores, ticket, identity } = await fixture();
    expect(await stores.customers.setLanguage(ticket.customerId, "en")).toMatchObject({ id: ticket.customerId, language: "en" });
    expect(await stores.customers.findByIdentity(identity)).toMatchObject({ language: "en" });
    expect(await stores.customers.setLanguage("missing", "en")).toBeNull();
  });
});
