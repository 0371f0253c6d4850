import { describe, expect, it } from "vitest";
import { describeUrgentIntake } from "../../../core/i18n/describe-urgent-intake.ts";
import { reachableChannels } from "../../../core/notifications/alert-supervisors.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";

const GAS = { ...REPORT, description: "厨房有很重的煤气味" };

describe("an urgent report at intake", () => {
  it("alerts each active supervisor privately on the chat channels they have an account on, and records who", async () => {
    const { core, stores, addStaff } = buildCore({ classification: { urgency: "urgent" } });
    const chen = await addStaff("Chen", "supervisor", { telegram: "8001" });
    const wu = await addStaff("Wu", "supervisor", { telegram: "8002" });
    await addStaff("Gao", "supervisor"); // no chat account: cannot be told privately
    await addStaff("Lin", "agent", { telegram: "8003" });
    const result = await core.intake(GAS);
    const ids = [chen, wu].map((initiator) => (initiator.actor.kind === "staff" ? initiator.actor.id : ""));
    const privately = stores.outbox.filter((intent) => intent.recipient.kind === "staff");
    expect(privately.map((intent) => [intent.channel, intent.recipient, intent.notification.kind])).toEqual(
      ids.map((staffId) => ["telegram", { kind: "staff", staffId }, "staff.urgent_report"]),
    );
    expect(privately[0]?.notification).toMatchObject({ number: result.ticket.number, description: "厨房有很重的煤气味", name: REPORT.name });
    expect(result.supervisorAlert).toEqual({
      notified: true,
      supervisors: [
        { id: ids[0], name: "Chen", channels: ["telegram"] },
        { id: ids[1], name: "Wu", channels: ["telegram"] },
      ],
    });
    const alerted = (await stores.tickets.events(result.ticket.id)).find((event) => event.type === "supervisors_alerted");
    expect(alerted).toMatchObject({ visibility: "internal", data: { supervisors: result.supervisorAlert?.supervisors } });
    expect(describeUrgentIntake("zh-Hans", result, "400-800-1234")).toEqual(["您的问题比较紧急，已通知值班主管。"]);
    expect(result.hazards).toEqual(["gas"]);
  });

  it("says nobody was told when no staff chat channel is configured, and gives the hotline instead", async () => {
    const { core, stores, addStaff } = buildCore({ classification: { urgency: "urgent" }, settings: { staffRoomChannels: [], staffChatChannels: [] } });
    await addStaff("Chen", "supervisor", { telegram: "8001" });
    const result = await core.intake(GAS);
    expect(stores.outbox.filter((intent) => intent.recipient.kind !== "customer")).toEqual([]);
    expect(result.supervisorAlert).toEqual({ notified: false, supervisors: [] });
    const events = await stores.tickets.events(result.ticket.id);
    expect(events.find((event) => event.type === "supervisors_alerted")).toMatchObject({ data: { supervisors: [] } });
    const zh = describeUrgentIntake("zh-Hans", result, "400-800-1234");
    expect(zh.join("")).not.toContain("已通知");
    expect(zh).toEqual(["您的问题比较紧急。如有人身危险，请先离开现场并拨打 119（火警）、120（急救）或 110（报警）。", "如需立即联系服务台，请拨打 400-800-1234。"]);
    expect(describeUrgentIntake("en", result, null)).toEqual(["This is urgent. If anyone is in danger, leave the area and call 119 (fire), 120 (ambulance) or 110 (police) first."]);
  });

  it("does not count a supervisor with Telegram when only the staff room channel is on but no bot can write privately", async () => {
    const { core, addStaff } = buildCore({ classification: { urgency: "urgent" }, settings: { staffChatChannels: [] } });
    await addStaff("Chen", "supervisor", { telegram: "8001" });
    expect((await core.intake(GAS)).supervisorAlert?.notified).toBe(false);
  });

  it("answers a redelivered report as the first delivery did", async () => {
    const { core, addStaff } = buildCore({ classification: { urgency: "urgent" } });
    await addStaff("Chen", "supervisor", { telegram: "8001" });
    const first = await core.intake({ ...GAS, sourceMessageId: "m1" });
    const again = await core.intake({ ...GAS, sourceMessageId: "m1" });
    expect(again.created).toBe(false);
    expect(again.supervisorAlert).toEqual(first.supervisorAlert);
  });

  it("leaves a report that is not urgent without an alert", async () => {
    const { core, stores, addStaff } = buildCore();
    await addStaff("Chen", "supervisor", { telegram: "8001" });
    const result = await core.intake(REPORT);
    expect(result.supervisorAlert).toBeNull();
    expect(stores.outbox.filter((intent) => intent.recipient.kind === "staff")).toEqual([]);
    expect(describeUrgentIntake("en", result, "400")).toEqual([]);
  });
});

describe("escalation", () => {
  it("alerts each supervisor privately, says who, and records it on the timeline", async () => {
    const { core, stores, addStaff } = buildCore();
    const agent = await addStaff("Lin", "agent", { telegram: "8003" });
    const chen = await addStaff("Chen", "supervisor", { telegram: "8001" });
    await addStaff("Gao", "supervisor");
    const { ticket } = await core.intake(REPORT);
    stores.outbox.length = 0;
    const { ticket: escalated, supervisorAlert } = await core.escalate(ticket.number, agent, "VIP");
    expect(escalated.urgency).toBe("high");
    const chenId = chen.actor.kind === "staff" ? chen.actor.id : "";
    expect(supervisorAlert).toEqual({ notified: true, supervisors: [{ id: chenId, name: "Chen", channels: ["telegram"] }] });
    expect(stores.outbox.map((intent) => `${intent.recipient.kind === "staff" ? intent.recipient.staffId : intent.recipient.kind}:${intent.notification.kind}`)).toEqual([
      "staff_room:staff.escalated",
      `${chenId}:staff.escalated`,
    ]);
    expect(stores.outbox[1]?.notification).toMatchObject({ reason: { kind: "note", text: "VIP" } });
    const types = (await stores.tickets.events(ticket.id)).map((event) => event.type);
    expect(types.slice(-3)).toEqual(["escalated", "urgency_changed", "supervisors_alerted"]);
  });

  it("records that no supervisor could be reached", async () => {
    const { core, stores, addStaff } = buildCore({ settings: { staffChatChannels: [] } });
    const agent = await addStaff("Lin", "agent");
    await addStaff("Chen", "supervisor", { telegram: "8001" });
    const { ticket } = await core.intake(REPORT);
    const { supervisorAlert } = await core.escalate(ticket.number, agent);
    expect(supervisorAlert).toEqual({ notified: false, supervisors: [] });
    expect((await stores.tickets.events(ticket.id)).at(-1)).toMatchObject({ type: "supervisors_alerted", data: { supervisors: [] } });
  });
});

describe("reachable channels (the seam for SMS and e-mail)", () => {
  it("are the desk's private staff channels on which the member has an account", () => {
    const identities = [
      { channel: "telegram" as const, externalId: "1" },
      { channel: "wechat" as const, externalId: "wx" },
    ];
    expect(reachableChannels(identities, { staffChatChannels: ["telegram"] })).toEqual(["telegram"]);
    expect(reachableChannels(identities, { staffChatChannels: [] })).toEqual([]);
    expect(reachableChannels([], { staffChatChannels: ["telegram", "wechat"] })).toEqual([]);
  });
});
