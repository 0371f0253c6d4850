import { describe, expect, it } from "vitest";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

describe("queue counts", () => {
  it("counts open tickets by status and urgency, unassigned and the asker's own", async () => {
    const { core, addStaff } = buildCore();
    const lin = await addStaff("Lin", "agent");
    const zhao = await addStaff("Zhao", "technician");
    const idOf = (initiator: typeof lin) => (initiator.actor.kind === "staff" ? initiator.actor.id : "");
    const first = await core.intake({ ...REPORT, sourceMessageId: "a" });
    const second = await core.intake({ ...REPORT, phone: "13900139000", sourceMessageId: "b" });
    const third = await core.intake({ ...REPORT, phone: "13700137000", sourceMessageId: "c" });
    await core.take(first.ticket.number, lin);
    await core.assign(second.ticket.number, idOf(zhao), lin);
    await core.cancel(third.ticket.number, lin, "duplicate");

    const counts = await core.queueCounts(idOf(lin));
    expect(counts).toEqual({ open: 2, unassigned: 0, mine: 1, byStatus: { assigned: 2 }, byUrgency: { normal: 2 } });
    expect((await core.queueCounts(idOf(zhao))).mine).toBe(1);
  });
});
