import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieJar, hiddenValue, startPortalServer, type PortalServer } from "./support.ts";

/** The ticket page's new forms over real HTTP: rendered with the form token, answered by a redirect. */
let server: PortalServer;
beforeAll(async () => {
  server = await startPortalServer();
});
afterAll(async () => {
  await server?.close();
});

const EN = { "accept-language": "en" };

async function page(path: string, jar: ReturnType<typeof cookieJar>) {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: jar.header(), ...EN }, redirect: "manual" });
  jar.store(response);
  return { status: response.status, location: response.headers.get("location"), html: await response.text() };
}

function post(path: string, body: URLSearchParams, jar: ReturnType<typeof cookieJar>) {
  return fetch(`${server.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers: { origin: server.baseUrl, cookie: jar.header(), ...EN } });
}

describe("the ticket page's answers over HTTP", () => {
  it("renders 'fixed' and 'not fixed' on a resolved ticket and cancel on an open one, each a form with the token", async () => {
    const jar = cookieJar();
    const report = await page("/report", jar);
    const created = await post(
      "/report",
      new URLSearchParams({ csrf: hiddenValue(report.html, "csrf"), formId: hiddenValue(report.html, "formId"), name: "Wang Fang", phone: "138 0013 8000", description: "The washer does not spin, code E3" }),
      jar,
    );
    jar.store(created);
    const number = /data-testid="ticket-number">(SR\d{12})</.exec(await created.text())?.[1] ?? "";

    const open = await page(`/track/${number}`, jar);
    expect(open.html).toContain('name="action" value="cancel"');
    expect(open.html).not.toContain('name="action" value="confirm"');
    const refused = await post(`/track/${number}`, new URLSearchParams({ csrf: hiddenValue(open.html, "csrf"), action: "cancel" }), jar);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Please tick the box to confirm that you want to cancel the ticket.");

    const agent = await server.desk.core.registerStaff({ name: "Lin", role: "agent" }, null);
    await server.desk.core.changeStatus({ number, status: "resolved", note: "replaced the belt", initiator: { actor: { kind: "staff", id: agent.id }, channel: "api" } });
    const resolved = await page(`/track/${number}`, jar);
    expect(resolved.html).toContain('name="action" value="confirm"');
    expect(resolved.html).toContain('name="action" value="not_fixed"');
    expect(resolved.html).not.toContain('name="action" value="cancel"');

    const confirmed = await post(`/track/${number}`, new URLSearchParams({ csrf: hiddenValue(resolved.html, "csrf"), action: "confirm" }), jar);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe(`/track/${number}?done=confirmed`);
    const after = await page(`/track/${number}?done=confirmed`, jar);
    expect(after.html).toContain("Thank you! The ticket is closed.");
    expect(after.html).toMatch(/href="\/survey\/[\w.-]+"/);
  });
});
