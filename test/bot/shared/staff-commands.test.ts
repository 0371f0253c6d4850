import { describe, expect, it } from "vitest";
import { STAFF_COMMANDS, staffHelp } from "../../../bot/shared/staff-commands/index.ts";
import type { DialogResult } from "../../../bot/shared/types.ts";
import { LANGUAGES, STAFF_ROLES, type StaffRole } from "../../../core/index.ts";
import { buildCore, REPORT } from "../../fixtures/core-fixture.ts";
import { textOnlyDialog } from "../support/memory-bot-stores.ts";

/** The staff commands' registry, seen through the dialog as staff see it (English clients). */
function harness() {
  const desk = buildCore();
  const dialog = textOnlyDialog(desk.core);
  let sequence = 0;
  async function member(id: string, role: StaffRole) {
    await desk.stores.staff.create({ id: `staff-${id}`, name: `${role} ${id}`, role, createdAt: desk.clock.now(), identities: [{ channel: "telegram", externalId: id }] });
    return {
      say: async (text: string, chatKind: "group" | "private" = "group"): Promise<string[]> => {
        sequence++;
        const result: DialogResult = await dialog.handle(
          {
            channel: "telegram",
            eventId: String(sequence),
            sender: { id, displayName: id, languageHint: "en" },
            chat: chatKind === "group" ? { kind: "group", id: "-100" } : { kind: "private", id },
            messageId: String(sequence),
            attachments: [],
            text,
          },
          null,
        );
        return result.replies.map((reply) => reply.text);
      },
    };
  }
  return { ...desk, member };
}

const FULL_HELP_EN = [
  "Staff commands:",
  "/queue · /mine · /show <number> · /take <number> · /assign <number> <staff>",
  "/status <number> <status> [note] · /note <number> <text> · /reply <number> <text>",
  "/approve <number> · /reject <number> <reason for the customer> · /escalate <number> [reason]",
  "/close <number> [resolution] · /reopen <number> · /stats",
  "/visit <number> reached|unreached [next time] [note]",
  "/followups · /followup <number> done [note]",
  "/staff add <telegram id or @username> <role> [name] · /staff list · /name <your name> (the name customers see) · /login (a one-time link to the staff console, in a private chat)",
  "Replying to the bot's post of a ticket acts on that ticket without its number.",
].join("\n");

describe("the staff command registry", () => {
  it("names each command once and lets every role run something", () => {
    const names = STAFF_COMMANDS.flatMap((command) => [command.name, ...(command.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const command of STAFF_COMMANDS) {
      expect(command.roles.length, command.name).toBeGreaterThan(0);
      for (const role of command.roles) expect(STAFF_ROLES).toContain(role);
    }
  });

  it("lists in /help what the caller's role may run, in every language", async () => {
    const h = harness();
    const admin = await h.member("1", "admin");
    const technician = await h.member("2", "technician");
    expect(await admin.say("/help")).toEqual([FULL_HELP_EN]);
    // Approval is for supervisors and admins (the core's `decideApproval`).
    const technicianHelp = (await technician.say("/help"))[0];
    expect(technicianHelp).toContain("\n/escalate <number> [reason]\n");
    expect(technicianHelp).not.toContain("/approve");
    expect(technicianHelp).not.toContain("/reject");
    for (const language of LANGUAGES) {
      const help = staffHelp(language, "admin");
      for (const command of STAFF_COMMANDS) if (command.help) expect(help, `${language} /${command.name}`).toContain(`/${command.name}`);
    }
    expect(staffHelp("zh-Hans", "supervisor").split("\n")[3]).toBe("/approve <单号> · /reject <单号> <给客户的原因> · /escalate <单号> [原因]");
  });

  it("refuses a role at once, before asking which ticket, and leaves the ticket as it was", async () => {
    const h = harness();
    const { ticket } = await h.core.intake(REPORT);
    const technician = await h.member("2", "technician");
    expect(await technician.say("/approve")).toEqual(["You are not allowed to do this."]);
    expect(await technician.say(`/reject ${ticket.number}`)).toEqual(["You are not allowed to do this."]);
    expect(await technician.say(`/approve ${ticket.number}`, "private")).toEqual(["You are not allowed to do this."]);
    const supervisor = await h.member("3", "supervisor");
    // Adding staff is for admins: refused before the username is looked up.
    expect(await supervisor.say("/staff add @nobody technician")).toEqual(["You are not allowed to do this."]);
    expect((await supervisor.say("/staff list"))[0]).toContain("supervisor 3 · supervisor");
    const after = await h.core.show(ticket.number);
    expect(after.status).toBe("new");
    expect(after.timeline.map((event) => event.type)).toEqual(["created"]);
  });

  it("lets any staff member set the name customers see with /name, and refuses a bad one in their language", async () => {
    const h = harness();
    const technician = await h.member("2", "technician");
    expect(await technician.say("/name", "private")).toEqual(["Customers see you as technician 2. To change it, send /name followed by your name."]);
    expect(await technician.say("/name  王芳 ", "private")).toEqual(["Done: customers now see you as 王芳."]);
    expect((await h.core.staff.byId("staff-2"))?.name).toBe("王芳");
    expect(await technician.say(`/name ${"长".repeat(101)}`)).toEqual(["Some information is missing or not valid: Name. Please correct it and try again.\nName: Not a valid value."]);
    expect((await h.core.staff.byId("staff-2"))?.name).toBe("王芳");
    // Customers see the new name when the ticket is assigned.
    const { ticket } = await h.core.intake(REPORT);
    const admin = await h.member("1", "admin");
    await admin.say(`/assign ${ticket.number} 王芳`);
    expect((await h.core.show(ticket.number)).assigneeName).toBe("王芳");
  });

  it("leaves commands no record claims to others: ignored in the staff chat, the customer's in private", async () => {
    const h = harness();
    const admin = await h.member("1", "admin");
    expect(await admin.say("/frobnicate SR202611240001")).toEqual([]);
    expect((await admin.say("/frobnicate", "private"))[0]).toContain("/report – report a fault");
  });
});

describe("/login", () => {
  it("sends a member their own one-time console link in a private chat, and none in the staff group", async () => {
    const h = harness();
    const agent = await h.member("7", "agent");
    expect(await agent.say("/login")).toEqual(["Send /login to me in a private chat: a sign-in link posted here would let anyone in this group in as you."]);
    const [reply] = await agent.say("/login", "private");
    expect(reply).toMatch(/^Your one-time sign-in link to the staff console \(valid 15 minutes, until 10:15, once\):\nhttp:\/\/desk\.test\/staff\/login\?token=[\w-]{40,}\n/);
    const token = new URL(/http\S+/.exec(reply ?? "")?.[0] ?? "http://x").searchParams.get("token") ?? "";
    const session = await h.core.staffAccess.signInWithLink(token);
    expect(session?.staff.id).toBe("staff-7");
    expect(await h.core.staffAccess.signInWithLink(token)).toBeNull();
  });
});
