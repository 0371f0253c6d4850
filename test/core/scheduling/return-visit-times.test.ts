import { describe, expect, it } from "vitest";
import { describeError, type AppError } from "../../../core/index.ts";
import { isCallingTime } from "../../../core/visits/calling-slot.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

const ZONE = "Asia/Shanghai";
/** A local Shanghai time on 2026-11-30 (a Monday) as an instant. */
const local = (time: string) => new Date(`2026-11-30T${time}:00+08:00`);

async function deskWithDueVisit() {
  const desk = buildCore();
  const agent = await desk.addStaff("Lin", "agent");
  const { ticket } = await desk.core.intake(REPORT);
  await desk.core.changeStatus({ number: ticket.number, status: "resolved", note: "fixed", initiator: agent });
  await desk.core.runDueJobs();
  return { ...desk, agent, number: ticket.number };
}

describe("a return-visit time staff type", () => {
  it("knows the calling windows: 10–18 and 19–21, never 9–10 or 18–19", () => {
    expect(["09:30", "18:00", "18:59", "21:00", "23:00", "07:00"].filter((time) => isCallingTime(local(time), ZONE))).toEqual([]);
    expect(["10:00", "14:30", "17:59", "19:00", "20:59"].every((time) => isCallingTime(local(time), ZONE))).toBe(true);
  });

  it("refuses a time in the rush hours or outside calling hours, naming the allowed windows, and records nothing", async () => {
    const { core, agent, number } = await deskWithDueVisit();
    for (const time of ["09:30", "18:30", "22:00"]) {
      const error = await core.recordReturnVisit(number, "unreached", agent, { nextAttemptAt: local(time) }).then(
        () => null,
        (failure: AppError) => failure,
      );
      expect(error?.code, time).toBe("validation");
      expect(error?.params.issues).toEqual([{ field: "nextAttemptAt", problem: { kind: "outside_calling_hours", windows: ["10:00–18:00", "19:00–21:00"] } }]);
      expect(describeError("en", error).message).toBe(
        "Some information is missing or not valid: Next call time. Please correct it and try again.\nNext call time: Customers are not called at this time: choose a time within 10:00–18:00 or 19:00–21:00 (never 09:00–10:00 or 18:00–19:00).",
      );
      expect(describeError("zh-Hans", error).message).toContain("下次回访时间：这个时间不适合给客户打电话，请选择 10:00–18:00或19:00–21:00 之间的时间");
    }
    const timeline = (await core.show(number)).timeline;
    expect(timeline.filter((event) => event.type === "note")).toEqual([]);
  });

  it("refuses a time already gone, and takes one inside a window", async () => {
    const { core, agent, number } = await deskWithDueVisit();
    const past = await core.recordReturnVisit(number, "unreached", agent, { nextAttemptAt: new Date("2026-11-23T12:00:00Z") }).catch((error: AppError) => error);
    expect((past as AppError).params.issues).toEqual([{ field: "nextAttemptAt", problem: { kind: "in_past" } }]);
    const visit = await core.recordReturnVisit(number, "unreached", agent, { nextAttemptAt: local("19:30") });
    expect(visit.dueAt).toEqual(local("19:30"));
  });
});
