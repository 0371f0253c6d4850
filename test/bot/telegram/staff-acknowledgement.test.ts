import { afterEach, describe, expect, it } from "vitest";
import { formatTicketNumber } from "../../../core/index.ts";
import { outboxId, outboxRow } from "../../../db/outbox-rows.ts";
import { STAFF_ROOM_POSTS_PER_MINUTE } from "../../../bot/telegram/telegram-sender.ts";
import { customerWithTicket, startDesk, type DeskHarness } from "./telegram-harness.ts";

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** `count` routine new-ticket posts waiting for the staff room, as after a burst of reports. */
async function floodStaffRoom(h: DeskHarness, count: number): Promise<void> {
  const at = h.desk.clock.now();
  const rows = Array.from({ length: count }, (_, index) =>
    outboxRow(
      {
        channel: "telegram",
        recipient: { kind: "staff_room" },
        notification: { kind: "staff.new_ticket", number: formatTicketNumber("SR", "20261124", 5000 + index), urgency: "normal", category: "repair", name: "客户", description: "冰箱不制冷" },
      },
      outboxId(at, () => `flood${index}`),
      at,
    ),
  );
  await h.desk.db.outboxMessage.createMany({ data: rows });
}

describe("staff command acknowledgements during a staff-room flood", () => {
  it("answers a command in the staff chat at once, as a reply to it, not as an outbox message behind the backlog", async () => {
    const h = (harness = await startDesk());
    const { ticket } = await customerWithTicket(h);
    await floodStaffRoom(h, 300);
    const waitingBefore = await h.desk.db.outboxMessage.count({ where: { recipientKind: "staff_room", status: "pending" } });

    const answered = await h.say(h.admin, h.staffGroup, `/take ${ticket.number}`);

    // The answer is the bot's reply to the update, sent while handling it, quoting the command.
    expect(answered.map((message) => message.text)).toEqual([`${ticket.number} is now assigned to you.`]);
    expect(String(answered[0]?.chat.id)).toBe(String(h.staffGroup.id));
    const call = h.api.callsOf("sendMessage").at(-1);
    expect(call?.params).toMatchObject({ reply_parameters: { message_id: expect.any(Number) } });
    // Nothing of the backlog went out meanwhile, and the acknowledgement added nothing to it.
    expect(await h.desk.db.outboxMessage.count({ where: { recipientKind: "staff_room", status: "pending" } })).toBe(waitingBefore);
    expect(await h.desk.db.outboxMessage.count({ where: { recipientKind: "staff_room", status: { not: "pending" } } })).toBe(0);
    // What the command changed for others (the customer's "assigned") is an outbox message to its own
    // recipient; the ticket's own post from intake is still in the room's queue.
    const queued = await h.desk.db.outboxMessage.findMany({ where: { ticketId: ticket.id, status: "pending" }, orderBy: { id: "asc" } });
    expect(queued.map((row) => [row.recipientKind, (JSON.parse(row.payload) as { kind: string }).kind])).toEqual([
      ["staff_room", "staff.new_ticket"],
      ["customer", "customer.assigned"],
    ]);
  });

  it("leaves part of the staff group's message budget to command answers while the outbox drains a backlog", async () => {
    const h = (harness = await startDesk());
    const { ticket } = await customerWithTicket(h);
    await floodStaffRoom(h, 600);
    const inGroup = (messages: readonly { chat: { id: number } }[]) => messages.filter((message) => String(message.chat.id) === String(h.staffGroup.id));
    let posted = 0;
    for (let pass = 0; pass < 10; pass++) posted += inGroup(await h.flushOutbox()).length;
    // The backlog became digests, and within this minute the outbox stopped at its share.
    expect(posted).toBe(STAFF_ROOM_POSTS_PER_MINUTE);
    expect(await h.desk.db.outboxMessage.count({ where: { recipientKind: "staff_room", status: "pending" } })).toBeGreaterThan(0);
    // The customer's message is not held by the group's budget.
    await h.desk.core.reply(ticket.number, "On our way", { actor: { kind: "staff", id: (await h.desk.stores.staff.findByIdentity({ channel: "telegram", externalId: String(h.admin.id) }))!.id }, channel: "telegram" });
    expect((await h.flushOutbox()).map((message) => message.text)).toEqual([expect.stringContaining("On our way")]);
    // A command answered in the group meanwhile is not held either.
    expect((await h.say(h.admin, h.staffGroup, `/show ${ticket.number}`)).length).toBeGreaterThan(0);
    // A minute later the outbox posts again.
    h.desk.clock.advance(1);
    expect(inGroup(await h.flushOutbox()).length).toBeGreaterThan(0);
  });
});
