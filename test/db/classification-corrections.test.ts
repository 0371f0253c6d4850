import { afterEach, describe, expect, it } from "vitest";
import { exportClassificationCorrections } from "../../db/classification-corrections.ts";
import { REPORT } from "../fixtures/core-fixture.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("staff corrections for training", () => {
  it("exports corrected tickets once, with their final labels", async () => {
    const built = await buildDbCore();
    cleanups.push(built.cleanup);
    const agent = await built.addStaff("Lin", "agent");
    const corrected = await built.core.intake({ ...REPORT, description: "燃气灶打不着火，一直有咔咔声" });
    await built.core.intake(REPORT);
    await built.core.reclassify(corrected.ticket.number, { urgency: "high" }, agent);
    await built.core.reclassify(corrected.ticket.number, { category: "installation", urgency: "normal" }, agent);
    // An escalation changes urgency too, but it is not a correction of the classifier.
    await built.core.escalate(corrected.ticket.number, agent, "VIP customer");

    const examples = await exportClassificationCorrections(built.db);
    expect(examples).toEqual([
      { id: `correction-${corrected.ticket.id}`, text: `燃气灶打不着火，一直有咔咔声\n${REPORT.product}`, category: "installation", urgency: "normal" },
    ]);
  });
});
