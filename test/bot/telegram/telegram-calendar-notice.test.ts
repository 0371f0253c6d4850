import { afterEach, describe, expect, it } from "vitest";
import { warnCalendarRunningOut } from "../../../core/scheduling/calendar-warning.ts";
import { startDesk, type DeskHarness } from "./telegram-harness.ts";

let harness: DeskHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("a staff notice about no ticket", () => {
  it("posts the calendar warning in the staff group's general thread, opening no topic, and tells the admin privately", async () => {
    const h = (harness = await startDesk({ forum: true }));
    // The desk's clock stands in late November 2026: the 2026 schedule ends in 38 days.
    const deps = { ...h.desk.deps, settings: { ...h.desk.deps.settings, calendarWarningDays: 60 } };
    expect(await warnCalendarRunningOut(deps)).toBe(1);
    const sent = await h.flushOutbox();
    const posted = sent.filter((message) => message.chat.id === h.staffGroup.id);
    expect(posted.map((message) => message.text)).toEqual([
      "No official holiday schedule is loaded for 2027: from 1 Jan 2027, SLA due times count weekends only (no public holidays, no make-up working days). " +
        "An admin can import the 2027 schedule with npm run calendar -- import <file> or POST /api/staff/settings/sla/holidays.",
    ]);
    expect(posted[0]?.message_thread_id).toBeUndefined();
    expect(h.api.callsOf("createForumTopic")).toHaveLength(0);
    // The admin registered from ADMIN_TELEGRAM_IDS hears it in their own chat.
    expect(sent.filter((message) => message.chat.id === h.admin.id).map((message) => message.text)).toEqual(posted.map((message) => message.text));
    const rows = await h.desk.db.outboxMessage.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.recipientKind, row.ticketId, row.status])).toEqual([
      ["staff_room", null, "sent"],
      ["staff", null, "sent"],
    ]);
  });
});
