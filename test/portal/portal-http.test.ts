import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_LIMITS, TEXT_MAX_LENGTH } from "../../core/index.ts";
import { cookieJar, hiddenValue, startPortalServer, tinyPng, type PortalServer } from "./support.ts";

/**
 * The portal over real HTTP: the Hono server with Astro mounted in middleware mode, on a
 * random port. Covers what only the transport can get wrong: API priority, headers,
 * cookies, CSRF refusal before the body is read, upload limits, error pages.
 */
let server: PortalServer;
beforeAll(async () => {
  server = await startPortalServer();
});
afterAll(async () => {
  await server?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${path}`, { headers, redirect: "manual" });

async function openForm(path: string, jar = cookieJar(), headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: jar.header(), ...headers } });
  jar.store(response);
  return { jar, html: await response.text() };
}

function post(path: string, body: FormData | URLSearchParams, jar: ReturnType<typeof cookieJar>, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { origin: server.baseUrl, cookie: jar.header(), ...headers },
  });
}

describe("portal mount", () => {
  it("keeps /health and /api answering JSON ahead of the portal", async () => {
    const health = await get("/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const unknownApi = await get("/api/nothing-here");
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get("content-type")).toContain("application/json");
  });

  it("does not tell a portal customer about a confirmation nobody sent them", async () => {
    for (const language of ["en", "zh-CN", "zh-TW"]) {
      const html = await (await get("/track", { "accept-language": language })).text();
      expect(html).not.toMatch(/confirmation we sent|发给您的确认|傳給您的確認/);
      expect(html).toMatch(/shown when you reported|报修成功时页面上显示过|報修成功時頁面上顯示過/);
    }
  });

  it("does not ask for an e-mail address for updates when the desk sends no e-mail", async () => {
    for (const language of ["en", "zh-CN", "zh-TW"]) {
      const html = await (await get("/report", { "accept-language": language })).text();
      expect(html).not.toContain('name="email"');
      expect(html).toContain('name="phone"');
    }
  });

  it("limits the report form's fields with the core's limits", async () => {
    const html = await (await get("/report", { "accept-language": "en" })).text();
    const maxlength = (id: string) => new RegExp(`id="field-${id}"[^>]*maxlength="(\\d+)"`).exec(html)?.[1];
    expect(maxlength("description")).toBe(String(TEXT_MAX_LENGTH));
    expect(maxlength("name")).toBe(String(REPORT_LIMITS.name));
    expect(maxlength("address")).toBe(String(REPORT_LIMITS.address));
  });

  it("serves pages with security headers, no-store and a language from Accept-Language", async () => {
    const response = await get("/", { "accept-language": "en-US,en;q=0.9" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("How can we help?");
    // No third-party resources of any kind.
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    const csrf = response.headers.getSetCookie().find((line) => line.startsWith("desk_csrf="));
    expect(csrf).toMatch(/HttpOnly/i);
    expect(csrf).toMatch(/SameSite=Lax/i);
  });

  it("answers HEAD, refuses other methods, and leaves the bots' webhook paths alone", async () => {
    expect((await fetch(`${server.baseUrl}/faq`, { method: "HEAD" })).status).toBe(200);
    const put = await fetch(`${server.baseUrl}/report`, { method: "PUT", headers: { origin: server.baseUrl } });
    expect(put.status).toBe(405);
    const webhook = await fetch(`${server.baseUrl}/telegram/webhook`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(webhook.headers.get("content-type")).toContain("application/json");
  });

  it("switches language with ?lang= and remembers it in a cookie", async () => {
    const jar = cookieJar();
    const switched = await get("/?lang=zh-Hant", { "accept-language": "en" });
    jar.store(switched);
    expect(await switched.text()).toContain("我們能為您做什麼");
    expect(jar.get("desk_lang")).toBe("zh-Hant");
    const later = await get("/faq", { "accept-language": "en", cookie: jar.header() });
    expect(await later.text()).toContain("說明中心");
    const article = await (await get("/faq/washing-machine-not-spinning", { "accept-language": "en", cookie: jar.header() })).text();
    expect(article).toContain("洗衣機不脫水、不排水怎麼辦");
    expect(article).not.toContain("此文章暫無您所選語言的版本");
    const simplified = await get("/", { "accept-language": "zh-CN,zh;q=0.9" });
    expect(await simplified.text()).toContain("我们能帮您做什么");
  });

  it("serves built assets with a long cache and answers unknown pages with a 404 page in the reader's language", async () => {
    const html = await (await get("/", { "accept-language": "en" })).text();
    const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(stylesheet).toBeTruthy();
    const css = await get(stylesheet!);
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toContain("immutable");

    const missing = await get("/no/such/page", { "accept-language": "en" });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Page not found");
    const missingZh = await get("/faq/no-such-article", { "accept-language": "zh-CN" });
    expect(missingZh.status).toBe(404);
    expect(await missingZh.text()).toContain("页面不存在");
  });
});

describe("portal forms over HTTP", () => {
  it("refuses a cross-site POST before reading it, and a POST without the form token", async () => {
    const ticketsBefore = (await server.desk.core.list({})).total;
    const { jar, html } = await openForm("/report");
    const form = new FormData();
    form.set("csrf", hiddenValue(html, "csrf"));
    form.set("formId", hiddenValue(html, "formId"));
    form.set("name", "王芳");
    form.set("phone", "13800138000");
    form.set("description", "洗衣机不脱水");
    const crossSite = await post("/report", form, jar, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("请求被拒绝");

    const withoutToken = new FormData();
    form.forEach((value, name) => {
      if (name !== "csrf") withoutToken.set(name, value);
    });
    // Refused on its first part, before its photos are read (the form token comes first).
    const forged = await post("/report", withoutToken, jar);
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("该表单来自其他网站或已过期");

    // Nothing was created by either (other tests share this server and may have added theirs).
    expect((await server.desk.core.list({})).total).toBe(ticketsBefore);
  });

  it("refuses an upload over the total limit by its declared length, before reading it", async () => {
    const { jar } = await openForm("/report");
    const { request } = await import("node:http");
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request(`${server.baseUrl}/report`, {
        method: "POST",
        headers: { origin: server.baseUrl, cookie: jar.header(), "content-type": "multipart/form-data; boundary=x", "content-length": String(60 * 1024 * 1024), "accept-language": "en" },
      });
      outgoing.on("response", (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      outgoing.on("error", reject);
      // Only the first bytes are sent: the answer must come from the declared length alone.
      outgoing.write("--x\r\n");
    });
    expect(status).toBe(413);
    expect(body).toContain("10 MB");
  });

  it("creates a ticket with a photo, then shows it on the ticket page with no-store and no phone in the URL", async () => {
    const { jar, html } = await openForm("/report", cookieJar(), { "accept-language": "en" });
    const form = new FormData();
    form.set("csrf", hiddenValue(html, "csrf"));
    form.set("formId", hiddenValue(html, "formId"));
    form.set("name", "Wang Fang");
    form.set("phone", "138 0013 8000");
    form.set("product", "Haier EG100");
    form.set("description", "The washer does not spin, code E3");
    form.set("photos", new File([await tinyPng()], "drum.png", { type: "image/png" }));
    const created = await post("/report", form, jar, { "accept-language": "en" });
    jar.store(created);
    expect(created.status).toBe(201);
    const page = await created.text();
    const number = /data-testid="ticket-number">(SR\d{12})</.exec(page)?.[1];
    expect(number).toMatch(/^SR\d{12}$/);
    expect(page).toContain("What happens next");

    // The report page left a proof of this ticket in a signed, HttpOnly cookie.
    const ticketPage = await get(`/track/${number}`, { cookie: jar.header(), "accept-language": "en" });
    expect(ticketPage.status).toBe(200);
    expect(ticketPage.headers.get("cache-control")).toBe("no-store");
    const ticketHtml = await ticketPage.text();
    expect(ticketHtml).toContain(`Ticket ${number}`);
    expect(ticketHtml).toContain("138****8000");

    const ticket = await server.desk.core.show(number!);
    expect(ticket.channel).toBe("portal");
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]).toMatchObject({ mimeType: "image/png", fileName: "drum.png" });

    // Another browser without the proof is sent to the lookup form.
    const stranger = await get(`/track/${number}`);
    expect(stranger.status).toBe(303);
    expect(stranger.headers.get("location")).toBe(`/track?number=${number}`);
  });

  it("slows down repeated failed lookups from one client", async () => {
    const { jar, html } = await openForm("/track");
    const csrf = hiddenValue(html, "csrf");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await post("/track", new URLSearchParams({ csrf, number: `SR2026112400${String(attempt).padStart(2, "0")}`, phone: "1234" }), jar);
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses.slice(0, 10).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
