import { describe, expect, it } from "vitest";
import type { Staff } from "../../../core/tickets/types.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

/** A ticket closed and scored 1 (a follow-up due in 24 h), a supervisor reachable on Telegram, and an agent. */
async function lowScore() {
  const fixture = buildCore({ start: "2026-11-24T02:00:00Z" });
  const agent = await fixture.addStaff("Lin", "agent", { telegram: "8003" });
  const chenInitiator = await fixture.addStaff("Chen", "supervisor", { telegram: "8001" });
  const chen = (await fixture.stores.staff.findByReference("Chen")) as Staff;
  const lin = (await fixture.stores.staff.findByReference("Lin")) as Staff;
  const { ticket } = await fixture.core.intake({ ...REPORT, channel: "telegram", identity: { channel: "telegram", externalId: "555" } });
  await fixture.core.close(ticket.number, agent, "done");
  const survey = await fixture.stores.surveys.findByTicket(ticket.id);
  await fixture.core.answerSurvey(fixture.deps.signer.sign(survey!.id), { score: 1, comment: "修完还是坏" }, "telegram");
  fixture.stores.outbox.length = 0;
  return { ...fixture, ticket, agent, chen, chenInitiator, lin };
}

describe("low-score follow-ups", () => {
  it("are listed to supervisors and admins, with the due time and the customer's comment", async () => {
    const { core, ticket, chen, lin, clock } = await lowScore();
    expect(await core.followUps.open(chen)).toEqual([
      {
        number: ticket.number,
        kind: "low_score",
        dueAt: new Date("2026-11-25T02:00:00Z"),
        overdue: false,
        note: "修完还是坏",
        contactName: REPORT.name,
        phone: "13800138000",
        remindedAt: null,
      },
    ]);
    await expect(core.followUps.open(lin)).rejects.toMatchObject({ code: "forbidden" });
    clock.set("2026-11-25T02:00:01Z");
    expect((await core.followUps.open(chen))[0]?.overdue).toBe(true);
  });

  it("are reminded to the supervisors privately once, when due", async () => {
    const { core, stores, clock, chen, ticket } = await lowScore();
    clock.set("2026-11-25T01:59:00Z");
    expect((await core.runDueJobs()).followUpsReminded).toBe(0);
    expect(stores.outbox.filter((intent) => intent.notification.kind === "staff.follow_up_due")).toEqual([]);
    clock.set("2026-11-25T02:00:00Z");
    expect((await core.runDueJobs()).followUpsReminded).toBe(1);
    expect((await core.runDueJobs()).followUpsReminded).toBe(0);
    clock.set("2026-11-26T02:00:00Z");
    expect((await core.runDueJobs()).followUpsReminded).toBe(0);
    const reminders = stores.outbox.filter((intent) => intent.notification.kind === "staff.follow_up_due");
    expect(reminders.map((intent) => intent.recipient)).toEqual([{ kind: "staff_room" }, { kind: "staff", staffId: chen.id }]);
    expect(reminders[1]?.notification).toEqual({ kind: "staff.follow_up_due", number: ticket.number, dueAt: new Date("2026-11-25T02:00:00Z") });
    expect((await core.followUps.open(chen))[0]?.remindedAt).toEqual(new Date("2026-11-25T02:00:00Z"));
  });

  it("are marked done with a note on the timeline, and then neither listed nor reminded", async () => {
    const { core, stores, clock, chen, chenInitiator, ticket } = await lowScore();
    clock.set("2026-11-24T08:00:00Z");
    expect(await core.followUps.complete(ticket.number.toLowerCase(), chen, chenInitiator, "已致电客户，明天重新上门")).toEqual({ number: ticket.number, tasks: 1 });
    expect(await core.followUps.open(chen)).toEqual([]);
    const event = (await stores.tickets.events(ticket.id)).at(-1);
    expect(event).toMatchObject({ type: "follow_up_done", visibility: "internal", note: "已致电客户，明天重新上门", data: { tasks: 1 } });
    expect(stores.followUps[0]).toMatchObject({ status: "done", doneBy: chen.id, doneAt: new Date("2026-11-24T08:00:00Z") });
    clock.set("2026-11-25T03:00:00Z");
    expect((await core.runDueJobs()).followUpsReminded).toBe(0);
    await expect(core.followUps.complete(ticket.number, chen, chenInitiator)).rejects.toMatchObject({ code: "not_found" });
  });

  it("can be closed by supervisors and admins only", async () => {
    const { core, ticket, lin, agent } = await lowScore();
    await expect(core.followUps.complete(ticket.number, lin, agent, "x")).rejects.toMatchObject({ code: "forbidden" });
  });
});
