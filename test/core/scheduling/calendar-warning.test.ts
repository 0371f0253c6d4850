import { describe, expect, it } from "vitest";
import type { OutboxIntent } from "../../../core/ports.ts";
import type { Initiator } from "../../../core/tickets/ticket-event.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";

const staffId = (initiator: Initiator) => (initiator.actor.kind === "staff" ? initiator.actor.id : "");
const calendarWarnings = (outbox: readonly OutboxIntent[]) => outbox.filter((intent) => intent.notification.kind === "staff.calendar_running_out");

describe("the warning that the holiday schedules run out", () => {
  it("fires once, 60 days before the last scheduled year ends, to the staff room, supervisors and admins", async () => {
    // The default calendar has the 2026 schedule: from 1 January 2027 it counts weekends only.
    const fixture = buildCore({ start: "2026-10-01T02:00:00Z", settings: { calendarWarningDays: 60 } });
    const supervisor = staffId(await fixture.addStaff("Chen", "supervisor"));
    const admin = staffId(await fixture.addStaff("Root", "admin"));
    await fixture.addStaff("Lin", "agent");

    // 2 November 2026 in Shanghai is 60 days before 1 January: 1 November is one day too early.
    fixture.clock.set("2026-11-01T02:00:00Z");
    expect((await fixture.core.runDueJobs()).calendarWarnings).toBe(0);
    expect(calendarWarnings(fixture.stores.outbox)).toEqual([]);

    fixture.clock.set("2026-11-01T16:00:00Z"); // 00:00 on 2 November in Shanghai
    expect((await fixture.core.runDueJobs()).calendarWarnings).toBe(1);
    const notification = { kind: "staff.calendar_running_out", year: 2027, weekendsOnlyFrom: "2027-01-01" };
    expect(calendarWarnings(fixture.stores.outbox)).toEqual([
      { channel: "telegram", recipient: { kind: "staff_room" }, notification },
      { channel: "telegram", recipient: { kind: "staff", staffId: supervisor }, notification },
      { channel: "telegram", recipient: { kind: "staff", staffId: admin }, notification },
    ]);

    // Later passes the same day, the next day and a month on say nothing more.
    for (const minutes of [1, 24 * 60, 30 * 24 * 60]) {
      fixture.clock.advance(minutes);
      expect((await fixture.core.runDueJobs()).calendarWarnings).toBe(0);
    }
    expect(calendarWarnings(fixture.stores.outbox)).toHaveLength(3);
  });

  it("is armed again for the next run-out day once the next year is imported", async () => {
    const fixture = buildCore({ start: "2026-11-24T02:00:00Z", settings: { calendarWarningDays: 60 } });
    expect((await fixture.core.runDueJobs()).calendarWarnings).toBe(1);
    await fixture.core.sla.importHolidays({ year: 2027, holidays: ["2027-01-01"] }, null);
    expect((await fixture.core.runDueJobs()).calendarWarnings).toBe(0);
    fixture.clock.set("2027-11-02T02:00:00Z");
    expect((await fixture.core.runDueJobs()).calendarWarnings).toBe(1);
    expect(calendarWarnings(fixture.stores.outbox).map((intent) => intent.notification)).toEqual([
      { kind: "staff.calendar_running_out", year: 2027, weekendsOnlyFrom: "2027-01-01" },
      { kind: "staff.calendar_running_out", year: 2028, weekendsOnlyFrom: "2028-01-01" },
    ]);
  });

  it("waits while no chat channel could carry it, and is off without a lead time", async () => {
    const silent = buildCore({ start: "2026-12-20T02:00:00Z", settings: { calendarWarningDays: 60, staffRoomChannels: [] } });
    expect((await silent.core.runDueJobs()).calendarWarnings).toBe(0);
    const off = buildCore({ start: "2026-12-20T02:00:00Z" });
    expect((await off.core.runDueJobs()).calendarWarnings).toBe(0);
    expect(calendarWarnings(off.stores.outbox)).toEqual([]);
  });
});
