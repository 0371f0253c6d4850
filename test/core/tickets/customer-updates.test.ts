import { describe, expect, it } from "vitest";
import type { AppError } from "../../../core/errors.ts";
import { TICKET_ATTACHMENT_LIMIT } from "../../../core/tickets/add-customer-message.ts";
import type { Initiator } from "../../../core/tickets/ticket-event.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

const PHOTO = { fileName: "leak.jpg", mimeType: "image/jpeg", sizeBytes: 2048, storagePath: "uploads/2026/11/leak.jpg" };
const VOICE = { fileName: "voice.oga", mimeType: "audio/ogg", sizeBytes: 900, storagePath: "uploads/2026/11/voice.oga" };
const identity = { channel: "telegram" as const, externalId: "555" };

async function setup() {
  const fixture = buildCore();
  const agent = await fixture.addStaff("Lin", "agent");
  const { ticket } = await fixture.core.intake({ ...REPORT, channel: "telegram", language: "zh-Hans", identity });
  const customer: Initiator = { actor: { kind: "customer", id: ticket.customerId }, channel: "telegram" };
  fixture.stores.outbox.length = 0;
  return { ...fixture, agent, customer, ticket, number: ticket.number };
}

const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

describe("a customer's message with files", () => {
  it("adds the files to the ticket with the message, and relays both to the staff room", async () => {
    const { core, stores, customer, number, ticket } = await setup();
    const updated = await core.customerMessage(number, "[照片]", customer, { attachments: [PHOTO, VOICE] });
    expect(updated.attachments).toEqual([expect.objectContaining({ ...PHOTO, id: expect.any(String) }), expect.objectContaining(VOICE)]);
    expect(updated.version).toBe(ticket.version + 1);

    const event = (await stores.tickets.events(ticket.id)).at(-1);
    expect(event).toMatchObject({ type: "customer_message", visibility: "public", note: "[照片]", data: { attachments: [PHOTO, VOICE] } });
    expect(stores.outbox).toHaveLength(1);
    const relay = stores.outbox[0];
    expect(relay).toMatchObject({ recipient: { kind: "staff_room" }, notification: { kind: "staff.customer_message", number, text: "[照片]" } });
    expect(relay?.notification.kind === "staff.customer_message" && relay.notification.files).toEqual([
      { storagePath: PHOTO.storagePath, mimeType: "image/jpeg", fileName: "leak.jpg" },
      { storagePath: VOICE.storagePath, mimeType: "audio/ogg", fileName: "voice.oga" },
    ]);
    // The customer's view shows their words, never where files are stored.
    const view = await core.publicView(updated);
    expect(JSON.stringify(view)).not.toContain("uploads/");
  });

  it("keeps text-only messages as before: no files", async () => {
    const { core, stores, customer, number } = await setup();
    const updated = await core.customerMessage(number, "师傅几点到？", customer);
    expect(updated.attachments).toEqual([]);
    expect(stores.outbox[0]?.notification).toEqual({ kind: "staff.customer_message", number, text: "师傅几点到？", files: [] });
    expect((await stores.tickets.events(updated.id)).at(-1)?.data).toBeUndefined();
  });

  it("refuses malformed files, too many files, another customer's ticket and a closed ticket, adding nothing", async () => {
    const { core, stores, customer, agent, number, ticket } = await setup();
    expect(await errorOf(core.customerMessage(number, "x", customer, { attachments: [{ ...PHOTO, storagePath: "" }] }))).toMatchObject({ code: "validation" });
    const many = Array.from({ length: TICKET_ATTACHMENT_LIMIT + 1 }, (_, index) => ({ ...PHOTO, storagePath: `uploads/${index}.jpg` }));
    expect(await errorOf(core.customerMessage(number, "x", customer, { attachments: many }))).toMatchObject({ code: "validation", params: { fields: ["photos"] } });
    const stranger: Initiator = { actor: { kind: "customer", id: "someone-else" }, channel: "telegram" };
    expect(await errorOf(core.customerMessage(number, "x", stranger, { attachments: [PHOTO] }))).toMatchObject({ code: "not_found" });
    await core.close(number, agent, "done");
    expect(await errorOf(core.customerMessage(number, "x", customer, { attachments: [PHOTO] }))).toMatchObject({ code: "ticket_not_open" });
    expect((await stores.tickets.findById(ticket.id))?.attachments).toEqual([]);
  });
});

describe("the customer's language", () => {
  it("is changed by channel account or by id, and notifications follow it", async () => {
    const { core, stores, agent, number, ticket } = await setup();
    expect((await stores.customers.findById(ticket.customerId))?.language).toBe("zh-Hans");
    expect(await core.setLanguage(identity, "en")).toMatchObject({ id: ticket.customerId, language: "en" });
    expect((await stores.customers.findById(ticket.customerId))?.language).toBe("en");
    expect(await core.setLanguage(ticket.customerId, "zh-Hant")).toMatchObject({ language: "zh-Hant" });
    expect((await stores.customers.findByIdentity(identity))?.language).toBe("zh-Hant");
    // Rendering happens at delivery, from Customer.language; the intent itself names the customer.
    await core.reply(number, "On our way", agent);
    expect(stores.outbox.at(-1)).toMatchObject({ recipient: { kind: "customer", customerId: ticket.customerId } });
  });

  it("leaves an account that is no customer yet to the channel's session, and refuses nonsense", async () => {
    const { core } = await setup();
    expect(await core.setLanguage({ channel: "telegram", externalId: "nobody" }, "en")).toBeNull();
    expect(await errorOf(core.setLanguage("no-such-customer", "en"))).toMatchObject({ code: "not_found" });
    expect(await errorOf(core.setLanguage(identity, "fr" as never))).toMatchObject({ code: "validation" });
  });
});

describe("return visits through the facade", () => {
  it("records attempts by a loosely typed number, with a chosen next attempt", async () => {
    const { core, stores, agent, number, ticket } = await setup();
    expect(await errorOf(core.recordReturnVisit(number, "reached", agent))).toMatchObject({ code: "not_found" });
    await core.take(number, agent);
    await core.changeStatus({ number, status: "resolved", note: "fixed", initiator: agent });
    await core.runDueJobs();
    const loose = `${number.slice(0, 2).toLowerCase()} ${number.slice(2, 6)}-${number.slice(6, 10)}-${number.slice(10)}`;
    const next = new Date("2026-11-30T11:30:00Z");
    const unreached = await core.recordReturnVisit(loose, "unreached", agent, { note: "no answer", nextAttemptAt: next });
    expect(unreached).toMatchObject({ status: "scheduled", attempts: 1, outcome: "unreached", dueAt: next, note: "no answer" });
    const reached = await core.recordReturnVisit(number, "reached", agent, { note: "all good" });
    expect(reached).toMatchObject({ status: "done", attempts: 2, outcome: "reached" });
    expect(await errorOf(core.recordReturnVisit(number, "reached", agent))).toMatchObject({ code: "illegal_transition" });
    const notes = (await stores.tickets.events(ticket.id)).flatMap((event) => (event.type === "note" && event.data ? [[event.visibility, event.note, event.data.returnVisit]] : []));
    expect(notes).toEqual([
      ["internal", "no answer", "unreached"],
      ["internal", "all good", "reached"],
    ]);
    const customer: Initiator = { actor: { kind: "customer", id: ticket.customerId }, channel: "telegram" };
    expect(await errorOf(core.recordReturnVisit(number, "reached", customer))).toMatchObject({ code: "forbidden" });
  });
});
