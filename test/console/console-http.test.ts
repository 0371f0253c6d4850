import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../fakes/fake-clock.ts";
import { startPortalServer, type PortalServer } from "../portal/support.ts";
import { addStaff, report, staffBrowser } from "./support.ts";

/**
 * The staff console over HTTP (the production composition on a real port): sign-in by link
 * and by password, sessions ending by sign-out, inactivity and deactivation, locks after
 * failed sign-ins, files only for signed-in staff, and the queue's search and cursor.
 */
const clock = new FakeClock("2026-11-24T02:00:00Z");
let server: PortalServer;

beforeAll(async () => {
  server = await startPortalServer({ clock, env: { PUBLIC_URL: "https://desk.example.com" } });
});
afterAll(async () => {
  await server?.close();
});

describe("signing in to the console", () => {
  it("shows the sign-in form at /staff to a signed-out visitor, with no ticket data", async () => {
    await report(server, { name: "赵敏", phone: "13800138011", description: "空调不制冷，外机不转" });
    const response = await staffBrowser(server).get("/staff");
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('name="password"');
    expect(html).not.toContain("赵敏");
    expect(html).not.toMatch(/SR\d{12}/);
  });

  it("signs in once with a one-time link built on PUBLIC_URL; the link does not work twice or after 15 minutes", async () => {
    const member = await addStaff(server, "Link Agent", "agent");
    const link = await server.desk.core.staffAccess.issueSignInLink(member.name, null);
    expect(link.url).toMatch(/^https:\/\/desk\.example\.com\/staff\/login\?token=[\w-]{40,}$/);

    const browser = staffBrowser(server);
    // Opening the link (as a chat app's preview does) signs nobody in and spends nothing.
    const opened = await browser.get(new URL(link.url).pathname + new URL(link.url).search);
    expect(await opened.text()).toContain('name="token"');
    const signedIn = await browser.signInWithLink(link.url);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/staff");
    const cookie = signedIn.headers.getSetCookie().find((line) => line.startsWith("desk_staff="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect(await (await browser.get("/staff")).text()).toContain("Link Agent · Agent");

    const again = await staffBrowser(server).signInWithLink(link.url);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("already used, has expired");

    const late = await server.desk.core.staffAccess.issueSignInLink(member.id, null);
    clock.advance(16);
    const expired = await staffBrowser(server).signInWithLink(late.url);
    expect(expired.status).toBe(400);
  });

  it("signs in by name and password once one is set; a wrong password is refused and repeated failures lock the account", async () => {
    const member = await addStaff(server, "Pass Agent", "agent");
    const browser = staffBrowser(server);
    await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);
    const short = await browser.post("/staff/account", { password: "short", confirm: "short" });
    expect(short.status).toBe(400);
    const saved = await browser.post("/staff/account", { password: "correct horse battery", confirm: "correct horse battery" });
    expect(saved.status).toBe(303);
    expect(await (await browser.get(saved.headers.get("location") ?? "")).text()).toContain("Your password is saved");

    const other = staffBrowser(server);
    const wrong = await other.post("/staff/login", { action: "password", name: "Pass Agent", password: "wrong password" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("The name or the password is wrong.");
    const right = await other.post("/staff/login", { action: "password", name: "pass agent", password: "correct horse battery" });
    expect(right.status).toBe(303);
    expect(await (await other.get("/staff")).text()).toContain("Pass Agent · Agent");

    // Five failures lock the account, even with the right password, and say for how long.
    for (let attempt = 0; attempt < 5; attempt++) await staffBrowser(server).post("/staff/login", { action: "password", name: "Pass Agent", password: `guess ${attempt}` });
    const locked = await staffBrowser(server).post("/staff/login", { action: "password", name: "Pass Agent", password: "correct horse battery" });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed sign-ins");
  });

  it("refuses a sign-in form without the page's token", async () => {
    const member = await addStaff(server, "Forged Agent", "agent");
    const link = await server.desk.core.staffAccess.issueSignInLink(member.id, null);
    const token = new URL(link.url).searchParams.get("token") ?? "";
    const forged = await fetch(`${server.baseUrl}/staff/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ action: "link", token, csrf: "forged" }), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(forged.status).toBe(403);
    // The link is still good: a forged form spent nothing.
    expect((await staffBrowser(server).signInWithLink(link.url)).status).toBe(303);
  });

  it("ends sessions on sign-out, on sign-out everywhere, after inactivity, and at once when the member is deactivated", async () => {
    const member = await addStaff(server, "Session Agent", "agent");
    const signIn = async () => {
      const browser = staffBrowser(server);
      await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);
      return browser;
    };
    const isSignedIn = async (browser: ReturnType<typeof staffBrowser>) => (await (await browser.get("/staff")).text()).includes("Session Agent · Agent");

    const one = await signIn();
    const out = await one.post("/staff/logout", {}, "/staff");
    expect(out.headers.get("location")).toBe("/staff/login?done=signed-out");
    expect(await isSignedIn(one)).toBe(false);

    const [a, b] = [await signIn(), await signIn()];
    await a.post("/staff/logout", { everywhere: "1" }, "/staff/account");
    expect(await isSignedIn(a)).toBe(false);
    expect(await isSignedIn(b)).toBe(false);

    const idle = await signIn();
    clock.advance(7 * 60);
    expect(await isSignedIn(idle)).toBe(true);
    clock.advance(8 * 60 + 1);
    expect(await isSignedIn(idle)).toBe(false);

    const active = await signIn();
    const pending = await server.desk.core.staffAccess.issueSignInLink(member.id, null);
    await server.desk.db.staff.update({ where: { id: member.id }, data: { active: false } });
    expect(await isSignedIn(active)).toBe(false);
    expect((await staffBrowser(server).signInWithLink(pending.url)).status).toBe(400);
  });
});

describe("files and the queue", () => {
  it("serves a ticket's photo only to signed-in staff, with its type and name", async () => {
    const number = await report(server, { name: "钱伟", phone: "13800138012", description: "厨房水管漏水，附照片", photo: true });
    const member = await addStaff(server, "File Agent", "agent");
    const browser = staffBrowser(server);
    await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);
    const page = await (await browser.get(`/staff/tickets/${number}`)).text();
    const href = /<img src="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(href).toMatch(new RegExp(`^/staff/tickets/${number}/files/[\\w-]{20,}$`));

    const file = await browser.get(href);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toBe(`inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent("漏水照片.png")}`);
    expect(new Uint8Array(await file.arrayBuffer()).subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));

    expect((await staffBrowser(server).get(href)).status).toBe(401);
    expect((await browser.get(`/staff/tickets/${number}/files/not-an-id`)).status).toBe(404);
  });

  it("finds tickets by Chinese words without spaces, by phone digits and by number, and pages by cursor", async () => {
    const numbers = [];
    for (let index = 0; index < 27; index++) numbers.push(await report(server, { name: `孙${index}`, phone: `139001390${String(index).padStart(2, "0")}`, description: `第${index}台洗衣机脱水时异响` }));
    const member = await addStaff(server, "Queue Agent", "agent");
    const browser = staffBrowser(server);
    await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);

    const byWords = await (await browser.get(`/staff?queue=all&search=${encodeURIComponent("脱水时异响")}`)).text();
    expect(byWords).toContain("27 ticket(s) match");
    const byPhone = await (await browser.get("/staff?queue=all&search=139-0013-9005")).text();
    expect(byPhone).toContain("1 ticket(s) match");
    expect(byPhone).toContain(numbers[5]);
    const byNumber = await (await browser.get(`/staff?queue=all&search=${numbers[3]!.toLowerCase()}`)).text();
    expect(byNumber).toContain(numbers[3]);

    const first = await (await browser.get(`/staff?queue=all&search=${encodeURIComponent("洗衣机")}`)).text();
    const next = /href="([^"]*after=[^"]+)"/.exec(first)?.[1]?.replace(/&#38;|&amp;/g, "&") ?? "";
    expect(next).not.toBe("");
    const second = await (await browser.get(next)).text();
    const shown = (html: string) => [...html.matchAll(/data-number="([^"]+)"/g)].map((match) => match[1]);
    expect(shown(first)).toHaveLength(25);
    expect(shown(second)).toHaveLength(2);
    expect(new Set([...shown(first), ...shown(second)])).toEqual(new Set(numbers));
  });
});
