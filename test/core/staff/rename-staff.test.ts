import { describe, expect, it } from "vitest";
import { createCore, type AuditEntry } from "../../../core/index.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";

function desk() {
  const fixture = buildCore();
  const audit: AuditEntry[] = [];
  const core = createCore({ ...fixture.deps, audit: (entry) => audit.push(entry) });
  const account = (externalId: string) => ({ channel: "telegram" as const, externalId });
  return { ...fixture, core, audit, account };
}

describe("renaming staff", () => {
  it("lets anyone rename themselves, an admin rename others, and writes an audit line (no ticket event)", async () => {
    const { core, audit, clock } = desk();
    const admin = await core.registerStaff({ name: "Admin 9101", role: "admin", identities: [{ channel: "telegram", externalId: "9101" }] }, null);
    const tech = await core.registerStaff({ name: "Li", role: "technician" }, admin);

    expect(await core.renameStaff(tech.id, "  李师傅 ", tech)).toMatchObject({ id: tech.id, name: "李师傅" });
    expect(await core.renameStaff("李师傅", "李明", admin)).toMatchObject({ name: "李明" });
    expect(await core.renameStaff(admin.id, "王芳", null)).toMatchObject({ name: "王芳" });
    expect((await core.staff.byIdentity({ channel: "telegram", externalId: "9101" }))?.name).toBe("王芳");
    expect(audit).toEqual([
      { action: "staff_renamed", staffId: tech.id, from: "Li", to: "李师傅", by: { kind: "staff", id: tech.id }, at: clock.now() },
      { action: "staff_renamed", staffId: tech.id, from: "李师傅", to: "李明", by: { kind: "staff", id: admin.id }, at: clock.now() },
      { action: "staff_renamed", staffId: admin.id, from: "Admin 9101", to: "王芳", by: { kind: "operator" }, at: clock.now() },
    ]);
  });

  it("refuses renaming someone else without manageStaff, a missing member, and bad names", async () => {
    const { core, audit } = desk();
    const agent = await core.registerStaff({ name: "Agnes", role: "agent" }, null);
    const other = await core.registerStaff({ name: "Bo", role: "agent" }, null);
    await expect(core.renameStaff(other.id, "Boris", agent)).rejects.toMatchObject({ code: "forbidden" });
    await expect(core.renameStaff("nobody", "X", null)).rejects.toMatchObject({ code: "not_found" });
    for (const bad of ["", "   ", "王\n芳", "evil\u202Eeman", "x".repeat(101)]) {
      await expect(core.renameStaff(agent.id, bad, agent), JSON.stringify(bad)).rejects.toMatchObject({ code: "validation", params: { fields: ["name"] } });
    }
    // 100 characters (not UTF-16 units) are fine, emoji included.
    expect((await core.renameStaff(agent.id, "🔧".repeat(100), agent)).name).toHaveLength(200);
    expect(audit.map((entry) => ("staffId" in entry ? entry.staffId : null))).toEqual([agent.id]);
    expect((await core.staff.byId(other.id))?.name).toBe("Bo");
  });

  it("replaces a placeholder name with the chat profile name once, and never a real one", async () => {
    const { core, audit } = desk();
    const admin = await core.registerStaff({ name: "Admin 9101", role: "admin", placeholderName: true }, null);
    const named = await core.registerStaff({ name: "Agnes", role: "agent" }, null);

    expect(await core.adoptStaffProfileName(named.id, "Agnes Smith")).toBeNull();
    expect(await core.adoptStaffProfileName(admin.id, "  芳\t王 ")).toMatchObject({ name: "芳 王" });
    expect(audit.at(-1)).toMatchObject({ staffId: admin.id, from: "Admin 9101", to: "芳 王", by: { kind: "chat_profile" } });
    // Once: a later profile change (or message) does not rename again.
    expect(await core.adoptStaffProfileName(admin.id, "Someone Else")).toBeNull();
    expect((await core.staff.byId(admin.id))?.name).toBe("芳 王");

    // A name set by hand ends the placeholder too.
    const second = await core.registerStaff({ name: "Admin 9102", role: "admin", placeholderName: true }, null);
    await core.renameStaff(second.id, "王芳", second);
    expect(await core.adoptStaffProfileName(second.id, "Fang")).toBeNull();
    // An empty profile name changes nothing.
    const third = await core.registerStaff({ name: "Admin 9103", role: "admin", placeholderName: true }, null);
    expect(await core.adoptStaffProfileName(third.id, " \u0007 ")).toBeNull();
    expect((await core.staff.byId(third.id))?.name).toBe("Admin 9103");
  });
});
