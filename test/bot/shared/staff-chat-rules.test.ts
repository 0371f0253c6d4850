import { describe, expect, it } from "vitest";
import type { DialogResult } from "../../../bot/shared/types.ts";
import type { StaffRole } from "../../../core/index.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";
import { textOnlyDialog } from "../support/memory-bot-stores.ts";

/** Staff commands as technicians type them in the staff group (English clients). */
function harness() {
  const desk = buildCore();
  const dialog = textOnlyDialog(desk.core);
  let sequence = 0;
  async function member(id: string, role: StaffRole) {
    await desk.stores.staff.create({ id: `staff-${id}`, name: `${role} ${id}`, role, createdAt: desk.clock.now(), identities: [{ channel: "telegram", externalId: id }] });
    return async (text: string): Promise<string[]> => {
      sequence++;
      const result: DialogResult = await dialog.handle(
        {
          channel: "telegram",
          eventId: String(sequence),
          sender: { id, displayName: id, languageHint: "en" },
          chat: { kind: "group", id: "-100" },
          messageId: String(sequence),
          attachments: [],
          text,
        },
        null,
      );
      return result.replies.map((reply) => reply.text);
    };
  }
  return { ...desk, member };
}

describe("a technician in the staff chat", () => {
  it("cannot close, reply on or take another technician's ticket; the holder and an agent can", async () => {
    const h = harness();
    const { ticket } = await h.core.intake(REPORT);
    const techA = await h.member("1", "technician");
    const techB = await h.member("2", "technician");
    const agent = await h.member("3", "agent");
    expect(await techA(`/take ${ticket.number}`)).toEqual([`${ticket.number} is now assigned to you.`]);

    const refused = `Ticket ${ticket.number} is held by another technician: technicians work only on tickets assigned to them. Add a note, or ask an agent or a supervisor to assign it to you.`;
    expect(await techB(`/close ${ticket.number} fixed it`)).toEqual([refused]);
    expect(await techB(`/reply ${ticket.number} coming tomorrow`)).toEqual([refused]);
    expect(await techB(`/take ${ticket.number}`)).toEqual([refused]);
    expect(await techB(`/status ${ticket.number} in_progress`)).toEqual([refused]);
    expect((await h.core.show(ticket.number)).status).toBe("assigned");

    expect(await techB(`/note ${ticket.number} check the fan`)).toEqual([`Internal note added to ${ticket.number}.`]);
    expect(await techA(`/status ${ticket.number} in_progress`)).toEqual([`${ticket.number} is now: In progress.`]);
    expect((await agent(`/close ${ticket.number} fixed`))[0]).toBe(`${ticket.number} is closed; the customer has been asked for feedback.`);
  });
});

describe("/queue", () => {
  it("shows urgent work first, then the nearest due time", async () => {
    const h = harness();
    const agent = await h.member("3", "agent");
    const made: string[] = [];
    for (const [text, urgency] of [["old", "normal"], ["low", "low"], ["urgent", "urgent"], ["new", "normal"]] as const) {
      const { ticket } = await h.core.intake({ ...REPORT, description: `${text} 空调不制冷` });
      if (urgency !== "normal") await h.core.reclassify(ticket.number, { urgency }, { actor: { kind: "staff", id: "staff-3" }, channel: "telegram" });
      made.push(ticket.number);
      h.clock.advance(10);
    }
    const [reply] = await agent("/queue");
    const listed = reply!.split("\n").slice(1).map((line) => line.split(" ")[0]);
    expect(listed).toEqual([made[2], made[0], made[3], made[1]]);
  });
});

describe("/show", () => {
  it("shows the customer's phone grouped, and Chinese lines with full-width punctuation", async () => {
    const h = harness();
    const { ticket } = await h.core.intake(REPORT);
    const agent = await h.member("3", "agent");
    await h.core.note(ticket.number, "先电话确认型号", { actor: { kind: "staff", id: "staff-3", name: "小林" }, channel: "telegram" });
    const [english] = await agent(`/show ${ticket.number}`);
    expect(english).toContain("Customer: 王芳, 138 0013 8000");
    const dialog = textOnlyDialog(h.core);
    const result = await dialog.handle(
      { channel: "telegram", eventId: "zh", sender: { id: "3", displayName: "3", languageHint: "zh-CN" }, chat: { kind: "group", id: "-100" }, messageId: "zh", attachments: [], text: `/show ${ticket.number}` },
      null,
    );
    const chinese = result.replies[0]?.text ?? "";
    expect(chinese).toContain("客户：王芳，138 0013 8000");
    expect(chinese).toContain("内部备注（小林）：先电话确认型号");
  });
});
