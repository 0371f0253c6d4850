import { describe, expect, it } from "vitest";
import { buildCore } from "../../fixtures/core-fixture.ts";

/** The console's sign-in rules over the in-memory stores: links, sessions, passwords. */
describe("console access", () => {
  async function desk() {
    const built = buildCore({ settings: { consoleUrl: "https://desk.example.com/" } });
    const agent = await built.core.registerStaff({ name: "Lin", role: "agent" }, null);
    return { ...built, agent };
  }

  it("issues a link only for an active member, to themselves from chat, on the console URL", async () => {
    const { core, agent } = await desk();
    const link = await core.staffAccess.issueSignInLink("lin", null);
    expect(link.url).toMatch(/^https:\/\/desk\.example\.com\/staff\/login\?token=/);
    expect(link.expiresAt.toISOString()).toBe("2026-11-24T02:15:00.000Z");
    const other = await core.registerStaff({ name: "Wang", role: "agent" }, null);
    await expect(core.staffAccess.issueSignInLink(other.id, agent)).rejects.toMatchObject({ code: "forbidden" });
    await expect(core.staffAccess.issueSignInLink("nobody", null)).rejects.toMatchObject({ code: "not_found" });
  });

  it("stores digests only: neither the link's token nor the session's secret is kept", async () => {
    const { core, deps } = await desk();
    const link = await core.staffAccess.issueSignInLink("Lin", null);
    const token = new URL(link.url).searchParams.get("token") ?? "";
    const session = await core.staffAccess.signInWithLink(token);
    expect(session).not.toBeNull();
    expect(await deps.staffAccess?.findSession(session?.secret ?? "")).toBeNull();
    expect(await deps.staffAccess?.findSession(deps.credentials?.digest(session?.secret ?? "") ?? "")).not.toBeNull();
  });

  it("ends a session after eight idle hours, and keeps it while the member works", async () => {
    const { core, clock } = await desk();
    const link = await core.staffAccess.issueSignInLink("Lin", null);
    const session = await core.staffAccess.signInWithLink(new URL(link.url).searchParams.get("token") ?? "");
    for (let hour = 0; hour < 12; hour++) {
      clock.advance(60);
      expect(await core.staffAccess.sessionStaff(session?.secret ?? "")).not.toBeNull();
    }
    clock.advance(8 * 60);
    expect(await core.staffAccess.sessionStaff(session?.secret ?? "")).toBeNull();
  });

  it("sets a password of at least ten characters and signs in with it by name, case-insensitively", async () => {
    const { core, agent } = await desk();
    await expect(core.staffAccess.setPassword(agent, "short")).rejects.toMatchObject({ code: "validation", params: { fields: ["password"] } });
    expect(await core.staffAccess.hasPassword(agent)).toBe(false);
    await core.staffAccess.setPassword(agent, "一二三四五六七八九十");
    expect(await core.staffAccess.hasPassword(agent)).toBe(true);
    expect(await core.staffAccess.signInWithPassword("LIN", "一二三四五六七八九十")).toMatchObject({ staff: { id: agent.id } });
    expect(await core.staffAccess.signInWithPassword("Lin", "一二三四五六七八九")).toBeNull();
    expect(await core.staffAccess.signInWithPassword("Nobody", "一二三四五六七八九十")).toBeNull();
  });
});
