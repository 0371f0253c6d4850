import { describe, expect, it } from "vitest";
import { describeError, type AppError, type Initiator } from "../../../core/index.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

/** Technicians act only on tickets assigned to them (taking from the pool aside); agents and supervisors on any. */
async function deskWithHeldTicket() {
  const desk = buildCore();
  const techA = await desk.addStaff("Tech A", "technician");
  const techB = await desk.addStaff("Tech B", "technician");
  const agent = await desk.addStaff("Agent", "agent");
  const supervisor = await desk.addStaff("Boss", "supervisor");
  const { ticket } = await desk.core.intake(REPORT);
  await desk.core.take(ticket.number, techA);
  return { ...desk, techA, techB, agent, supervisor, number: ticket.number };
}

const idOf = (initiator: Initiator): string => (initiator.actor.kind === "staff" ? initiator.actor.id : "");

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: AppError) => ({ code: error.code, message: describeError("en", error).message }),
  );

describe("who may act on a ticket", () => {
  it("refuses every change by a technician who does not hold the ticket, and leaves it as it was", async () => {
    const { core, techB, number } = await deskWithHeldTicket();
    const before = await core.show(number);
    const attempts = [
      core.close(number, techB, "fixed"),
      core.changeStatus({ number, status: "in_progress", initiator: techB }),
      core.changeStatus({ number, status: "scheduled", appointmentAt: new Date("2026-11-26T06:00:00Z"), initiator: techB }),
      core.changeStatus({ number, status: "closed", initiator: techB }),
      core.cancel(number, techB, "duplicate"),
      core.reply(number, "On my way", techB),
      core.reclassify(number, { urgency: "urgent" }, techB),
      core.take(number, techB),
      core.assign(number, idOf(techB), techB),
    ];
    for (const result of await Promise.all(attempts.map(refusal))) {
      expect(result).toEqual({
        code: "forbidden",
        message: `Ticket ${number} is held by another technician: technicians work only on tickets assigned to them. Add a note, or ask an agent or a supervisor to assign it to you.`,
      });
    }
    const after = await core.show(number);
    expect(after.status).toBe(before.status);
    expect(after.assigneeName).toBe("Tech A");
    expect(after.timeline).toHaveLength(before.timeline.length);
  });

  it("lets that technician add an internal note and escalate (neither works the ticket)", async () => {
    const { core, techB, number } = await deskWithHeldTicket();
    await core.note(number, "Same fault as last week: check the capacitor", techB);
    const escalated = await core.escalate(number, techB, "sparks seen");
    expect(escalated.ticket.urgency).toBe("high");
  });

  it("lets the holder, agents and supervisors act", async () => {
    const { core, techA, agent, supervisor, number } = await deskWithHeldTicket();
    await core.changeStatus({ number, status: "in_progress", initiator: techA });
    await core.reply(number, "We are on it", agent);
    await core.reclassify(number, { urgency: "high" }, supervisor);
    const closed = await core.close(number, agent, "fixed");
    expect(closed.status).toBe("closed");
  });

  it("lets a technician take from the pool, and a ticket back at the desk is the pool again", async () => {
    const { core, techA, techB, number } = await deskWithHeldTicket();
    const { ticket: other } = await core.intake({ ...REPORT, description: "冰箱不制冷" });
    expect((await core.take(other.number, techB)).assigneeId).toBe(idOf(techB));
    await core.changeStatus({ number, status: "accepted", initiator: techA });
    expect((await core.take(number, techB)).assigneeId).toBe(idOf(techB));
  });

  it("lets agents and supervisors transfer a technician's ticket", async () => {
    const { core, techB, agent, number } = await deskWithHeldTicket();
    const transferred = await core.assign(number, idOf(techB), agent);
    expect(transferred.assigneeId).toBe(idOf(techB));
  });
});
