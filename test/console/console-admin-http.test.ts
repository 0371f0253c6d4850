import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../fakes/fake-clock.ts";
import { startPortalServer, type PortalServer } from "../portal/support.ts";
import { addStaff, staffBrowser } from "./support.ts";

/**
 * The console's admin section over HTTP (production composition, real port, real SQLite):
 * every staff and work-center form once, the API token shown once and expiring, and the
 * refusals (non-admins get a 403 page without data; forms need the page's token).
 */
const clock = new FakeClock("2026-11-24T02:00:00Z");
let server: PortalServer;

beforeAll(async () => {
  server = await startPortalServer({ clock, env: { PUBLIC_URL: "https://desk.example.com" } });
});
afterAll(async () => {
  await server?.close();
});

async function signedIn(name: string, role: "admin" | "agent" | "technician" | "supervisor") {
  const member = await addStaff(server, name, role);
  const browser = staffBrowser(server);
  const response = await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);
  expect(response.status).toBe(303);
  return { member, browser };
}

const STAFF = "/staff/admin/staff";
const CENTERS = "/staff/admin/work-centers";

describe("the admin section", () => {
  it("refuses agents, technicians and supervisors with a 403 page in their language and no data; no admin links for them", async () => {
    await addStaff(server, "Hidden Name 秘", "technician");
    for (const role of ["agent", "technician", "supervisor"] as const) {
      const { browser } = await signedIn(`Plain ${role}`, role);
      for (const path of [STAFF, CENTERS]) {
        const page = await browser.get(path);
        const html = await page.text();
        expect(page.status, `${role} ${path}`).toBe(403);
        expect(html).toContain("Only admins can open this page");
        expect(html).not.toContain("Hidden Name 秘");
      }
      const chinese = await browser.get(`${STAFF}?lang=zh-Hans`);
      expect(chinese.status).toBe(403);
      expect(await chinese.text()).toContain("只有管理员可以打开此页面");
      const posted = await browser.post(STAFF, { action: "add", name: "Sneaky", role: "admin" }, "/staff");
      expect(posted.status).toBe(403);
      expect((await server.desk.core.staff.active()).some((member) => member.name === "Sneaky")).toBe(false);
      const queue = await (await browser.get("/staff")).text();
      expect(queue).not.toContain(STAFF);
    }
    expect((await staffBrowser(server).get(STAFF)).headers.get("location")).toBe("/staff/login?next=/staff/admin/staff");
  });

  it("adds a member, changes role, renames, sets a work center, links and unlinks a chat account", async () => {
    const { browser } = await signedIn("Admin One", "admin");
    expect(await (await browser.get("/staff")).text()).toContain(`href="${STAFF}"`);

    const created = await browser.post(CENTERS, { action: "create", name: "浦东服务站" });
    expect(created.status).toBe(303);
    const center = (await server.desk.core.staff.workCenters()).find((entry) => entry.name === "浦东服务站");
    expect(center).toBeDefined();
    expect((await browser.post(CENTERS, { action: "create", name: "浦东服务站" })).status).toBe(400);

    const added = await browser.post(STAFF, { action: "add", name: "New Tech", role: "technician", workCenterId: center!.id });
    expect(added.headers.get("location")).toBe(`${STAFF}?done=add`);
    expect(await (await browser.get(`${STAFF}?done=add`)).text()).toContain("The member is added.");
    const member = (await server.desk.core.staff.active()).find((entry) => entry.name === "New Tech")!;
    expect(member).toMatchObject({ role: "technician", workCenterId: center!.id });

    expect((await browser.post(STAFF, { action: "role", staff: member.id, role: "supervisor" })).status).toBe(303);
    expect((await browser.post(STAFF, { action: "rename", staff: member.id, name: "王工" })).status).toBe(303);
    expect((await browser.post(STAFF, { action: "work_center", staff: member.id, workCenterId: "" })).status).toBe(303);
    expect(await server.desk.core.staff.byId(member.id)).toEqual({ id: member.id, name: "王工", role: "supervisor", active: true });

    expect((await browser.post(STAFF, { action: "link", staff: member.id, channel: "telegram", externalId: "55501" })).status).toBe(303);
    expect((await server.desk.core.staff.byIdentity({ channel: "telegram", externalId: "55501" }))?.id).toBe(member.id);
    const other = await addStaff(server, "Other", "agent");
    const taken = await browser.post(STAFF, { action: "link", staff: other.id, channel: "telegram", externalId: "55501" });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Already in use");
    expect((await browser.post(STAFF, { action: "link", staff: other.id, channel: "telegram", externalId: "@name" })).status).toBe(400);
    expect((await browser.post(STAFF, { action: "unlink", staff: member.id, channel: "telegram", externalId: "55501" })).status).toBe(303);
    expect(await server.desk.core.staff.byIdentity({ channel: "telegram", externalId: "55501" })).toBeNull();

    expect((await browser.post(CENTERS, { action: "rename", id: center!.id, name: "浦东站" })).status).toBe(303);
    expect(await (await browser.get(CENTERS)).text()).toContain("浦东站");
  });

  it("deactivates a member: their session and token stop at once; an admin cannot deactivate or demote themselves", async () => {
    const { member: admin, browser } = await signedIn("Admin Two", "admin");
    const { member: agent, browser: agentBrowser } = await signedIn("Leaving Agent", "agent");
    const issued = await browser.post(STAFF, { action: "rotate_token", staff: agent.id });
    expect(issued.status).toBe(200);
    const html = await issued.text();
    const token = /data-testid="token">([^<]+)</.exec(html)?.[1] ?? "";
    expect(token.length).toBeGreaterThan(30);
    expect(html).toContain("shown only this once");
    const me = () => fetch(`${server.baseUrl}/api/staff/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    // Not shown again.
    expect(await (await browser.get(STAFF)).text()).not.toContain(token);

    expect((await browser.post(STAFF, { action: "deactivate", staff: agent.id })).status).toBe(303);
    expect((await agentBrowser.get("/staff/account")).status).toBe(303);
    expect((await me()).status).toBe(401);
    expect((await browser.post(STAFF, { action: "reactivate", staff: agent.id })).status).toBe(303);
    // Taken back: the token works again, the old session does not (it was deleted).
    expect((await me()).status).toBe(200);
    expect((await agentBrowser.get("/staff/account")).status).toBe(303);

    const self = await browser.post(STAFF, { action: "deactivate", staff: admin.id });
    expect(self.status).toBe(403);
    expect(await self.text()).toContain("ask another admin");
    expect((await browser.post(STAFF, { action: "role", staff: admin.id, role: "agent" })).status).toBe(403);
    expect((await server.desk.core.staff.byId(admin.id))?.role).toBe("admin");
  });

  it("refuses an API token from 90 days after it was issued", async () => {
    const { browser } = await signedIn("Admin Three", "admin");
    const agent = await addStaff(server, "Token Agent", "agent");
    const html = await (await browser.post(STAFF, { action: "rotate_token", staff: agent.id })).text();
    const token = /data-testid="token">([^<]+)</.exec(html)?.[1] ?? "";
    const me = () => fetch(`${server.baseUrl}/api/staff/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me()).status).toBe(200);
    clock.advance(90 * 24 * 60 - 1);
    expect((await me()).status).toBe(200);
    clock.advance(1);
    expect((await me()).status).toBe(401);
  });

  it("refuses a form without the page's token", async () => {
    await signedIn("Admin Four", "admin");
    const { browser } = await signedIn("Admin Five", "admin");
    const forged = await fetch(`${server.baseUrl}${CENTERS}`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({ action: "create", name: "Forged", csrf: "forged" }),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: browser.jar.header() },
    });
    expect(forged.status).toBe(403);
    expect((await server.desk.core.staff.workCenters()).some((center) => center.name === "Forged")).toBe(false);
  });
});
