import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../fakes/fake-clock.ts";
import { startPortalServer, type PortalServer } from "../portal/support.ts";
import { addStaff, staffBrowser } from "./support.ts";

/**
 * Guessing passwords at the console: the lock holds against a burst of parallel guesses and
 * against writing one member's name in different ways; changing a password asks for the
 * current one and ends the member's other sessions and links. Its own server: the address
 * budget (20 failures) is shared by every test here.
 */
const clock = new FakeClock("2026-11-24T02:00:00Z");
let server: PortalServer;

beforeAll(async () => {
  server = await startPortalServer({ clock, env: { PUBLIC_URL: "https://desk.example.com" } });
});
afterAll(async () => {
  await server?.close();
});

const PASSWORD = "correct horse battery";

async function memberWithPassword(name: string, options: { telegramId?: string } = {}) {
  const member = await server.desk.core.registerStaff({ name, role: "agent", ...(options.telegramId ? { identities: [{ channel: "telegram", externalId: options.telegramId }] } : {}) }, null);
  await server.desk.core.staffAccess.setPassword(member, PASSWORD);
  return member;
}

const signIn = (name: string, password: string) => staffBrowser(server).post("/staff/login", { action: "password", name, password });

describe("console sign-in limits", () => {
  it("checks at most five passwords of twenty sent at once; the rest are refused unchecked", async () => {
    await memberWithPassword("Burst Agent");
    const answers = await Promise.all(Array.from({ length: 20 }, (_, attempt) => signIn("Burst Agent", `guess number ${attempt}`)));
    const statuses = answers.map((answer) => answer.status);
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20 - checked);
    // Even the right password waits out the lock.
    expect((await signIn("Burst Agent", PASSWORD)).status).toBe(429);
  });

  it("counts every way of naming a member against one budget", async () => {
    const member = await memberWithPassword("Variant Agent", { telegramId: "variant_agent" });
    const names = ["Variant Agent", "@variant agent", member.id, "@variant_agent", " VARIANT AGENT "];
    for (const [attempt, name] of names.entries()) expect((await signIn(name, `guess number ${attempt}`)).status).toBe(401);
    const locked = await signIn("variant_agent", PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("Too many failed sign-ins");
  });
});

describe("changing a password", () => {
  it("asks for the current password, then ends the member's other sessions and links but keeps this one", async () => {
    const member = await addStaff(server, "Change Agent", "agent");
    const link = async () => (await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url;
    const isSignedIn = async (browser: ReturnType<typeof staffBrowser>) => (await (await browser.get("/staff")).text()).includes("Change Agent · Agent");
    const here = staffBrowser(server);
    await here.signInWithLink(await link());
    // The first password needs none.
    expect((await here.post("/staff/account", { password: PASSWORD, confirm: PASSWORD })).status).toBe(303);

    const elsewhere = staffBrowser(server);
    await elsewhere.signInWithLink(await link());
    const unspent = await link();
    expect(await isSignedIn(elsewhere)).toBe(true);

    const page = await (await here.get("/staff/account")).text();
    expect(page).toContain('name="current"');
    const missing = await here.post("/staff/account", { password: "a new password 2", confirm: "a new password 2" });
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    expect(missingPage).toMatch(/id="current-password"[^>]*aria-invalid="true"/);
    expect(missingPage).toContain('id="current-password-error"');
    expect(missingPage).toContain("Enter your current password to change it.");
    const wrong = await here.post("/staff/account", { current: "not the password", password: "a new password 2", confirm: "a new password 2" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("The current password is wrong.");
    expect((await signIn("Change Agent", "a new password 2")).status).toBe(401);
    expect(await isSignedIn(elsewhere)).toBe(true);

    const saved = await here.post("/staff/account", { current: PASSWORD, password: "a new password 2", confirm: "a new password 2" });
    expect(saved.status).toBe(303);
    expect(await (await here.get(saved.headers.get("location") ?? "")).text()).toContain("Your other sessions and unused sign-in links have ended.");
    expect(await isSignedIn(here)).toBe(true);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect((await staffBrowser(server).signInWithLink(unspent)).status).toBe(400);
    expect((await signIn("Change Agent", PASSWORD)).status).toBe(401);
    expect((await signIn("Change Agent", "a new password 2")).status).toBe(303);
  });

  it("says it in Chinese beside the field", async () => {
    const member = await memberWithPassword("Chinese Agent");
    const browser = staffBrowser(server);
    await browser.signInWithLink((await server.desk.core.staffAccess.issueSignInLink(member.id, null)).url);
    const page = await browser.get("/staff/account");
    expect(page.status).toBe(200);
    const body = new URLSearchParams({ csrf: /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "", current: "wrong one here", password: "a new password 3", confirm: "a new password 3" });
    const answer = await fetch(`${server.baseUrl}/staff/account`, { method: "POST", redirect: "manual", body, headers: { cookie: browser.jar.header(), "accept-language": "zh-TW", "content-type": "application/x-www-form-urlencoded" } });
    expect(await answer.text()).toContain("目前的密碼不正確。");
  });
});
