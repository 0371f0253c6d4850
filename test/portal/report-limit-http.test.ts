import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PORTAL_LIMITS } from "../../server/portal/rate-limits.ts";
import { cookieJar, hiddenValue, startPortalServer, type PortalServer } from "./support.ts";

/** The report limit's page over real HTTP: a limit reached is not "please correct the following". */
let server: PortalServer;
beforeAll(async () => {
  server = await startPortalServer({ limits: { ...DEFAULT_PORTAL_LIMITS, reportsPerHour: 1 } });
});
afterAll(async () => {
  await server?.close();
});

describe("the report limit's page", () => {
  it("counts the accepted report only, then says the limit was reached and when, keeping the entries", async () => {
    const jar = cookieJar();
    const send = async (fields: Record<string, string>) => {
      const page = await fetch(`${server.baseUrl}/report`, { headers: { cookie: jar.header(), "accept-language": "en" } });
      jar.store(page);
      const html = await page.text();
      const form = new FormData();
      form.set("csrf", hiddenValue(html, "csrf"));
      form.set("formId", hiddenValue(html, "formId"));
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      const response = await fetch(`${server.baseUrl}/report`, {
        method: "POST",
        body: form,
        redirect: "manual",
        headers: { origin: server.baseUrl, cookie: jar.header(), "accept-language": "en" },
      });
      jar.store(response);
      return { status: response.status, html: await response.text() };
    };
    const valid = { name: "Wang Fang", phone: "138 0013 8000", description: "The washer does not spin, code E3" };

    const mistake = await send({ ...valid, phone: "12ab" });
    expect(mistake.status).toBe(400);
    expect(mistake.html).toContain("Please correct the following:");
    expect((await send(valid)).status).toBe(201);

    const refused = await send({ ...valid, description: "The fridge is warm inside" });
    expect(refused.status).toBe(429);
    expect(refused.html).not.toContain("Please correct the following");
    expect(refused.html).toContain("Several reports already came from this connection this hour");
    expect(refused.html).toMatch(/the next report from here is taken from \d{1,2} \w{3,4} 2026, \d\d:\d\d/);
    expect(refused.html).toContain("The fridge is warm inside");
  });
});
