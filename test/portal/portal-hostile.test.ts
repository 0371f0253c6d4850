import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHttpsRequest } from "../../server/portal/security-headers.ts";
import { captureLogs } from "../support/capture-logs.ts";
import { cookieJar, hiddenValue, startPortalServer, type PortalServer } from "./support.ts";

/**
 * The portal against bodies no browser form sends: refused before they are read where the
 * headers or the first part say enough, else with a 400 page, never a 500.
 */
let server: PortalServer;
const logs = captureLogs("info");
beforeAll(async () => {
  server = await startPortalServer({
    logger: logs.logger,
    env: { TRUST_PROXY: "1" },
    // No large upload is let in: a genuine one is asked to come back (the limit's refusal is what is tested).
    maxUploadsInFlight: 0,
    limits: { lookupFailuresPerAddress: 100, lookupWindowSeconds: 900, reportsPerHour: 2, actionsPer10Minutes: 100 },
  });
});
afterAll(async () => {
  await server?.close();
});

async function openForm(path: string, jar = cookieJar(), headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: jar.header(), ...headers } });
  jar.store(response);
  return { jar, html: await response.text(), response };
}

/** A raw POST over node:http: `sent` is written, the connection then waits (the rest of the declared body never comes). */
function rawPost(path: string, headers: Record<string, string>, sent: string, options: { end?: boolean } = {}) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    const outgoing = request(`${server.baseUrl}${path}`, { method: "POST", headers: { origin: server.baseUrl, ...headers } });
    outgoing.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text, connection: response.headers.connection }));
    });
    outgoing.on("error", reject);
    if (options.end) outgoing.end(sent);
    else outgoing.write(sent);
  });
}

const part = (boundary: string, name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

describe("bodies that are not forms", () => {
  it("are refused with 415 on every form page, before they are read, and nothing changes", async () => {
    const { jar } = await openForm("/track");
    const before = (await server.desk.core.list({})).total;
    for (const path of ["/report", "/track", "/track/SR202611240001", "/survey/abc.def"]) {
      for (const [contentType, body] of [
        ["application/json", JSON.stringify({ name: "x", phone: "13800138000", description: "坏了" })],
        ["text/plain", "name=x&phone=13800138000"],
        ["application/octet-stream", "\u0000\u0001binary"],
        ["multipart/form-data", "--x\r\n"], // no boundary parameter
        ["", "name=x"],
      ] as const) {
        const response = await fetch(`${server.baseUrl}${path}`, {
          method: "POST",
          body,
          redirect: "manual",
          headers: { origin: server.baseUrl, cookie: jar.header(), "content-type": contentType, "accept-language": "en" },
        });
        expect(response.status, `${path} ${contentType}`).toBe(415);
        expect(await response.text()).toContain("This address only takes the forms of this site.");
      }
    }
    expect((await server.desk.core.list({})).total).toBe(before);
  });

  it("answers a broken multipart body after a valid token with a 400 page, not a 500", async () => {
    const { jar, html } = await openForm("/report");
    const boundary = "brokenboundary";
    const body = part(boundary, "csrf", hiddenValue(html, "csrf")) + `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nno closing delimiter, ever`;
    const response = await fetch(`${server.baseUrl}/report`, {
      method: "POST",
      body,
      headers: { origin: server.baseUrl, cookie: jar.header(), "content-type": `multipart/form-data; boundary=${boundary}`, "accept-language": "en" },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("What was sent is not a form of this site.");
  });
});

describe("a report's body is judged on its first part", () => {
  it("refuses a report without a valid form token after its first part, without waiting for the photos", async () => {
    const { jar } = await openForm("/report");
    const headers = { cookie: jar.header(), "content-type": "multipart/form-data; boundary=b", "content-length": String(50 * 1024 * 1024), "accept-language": "en" };
    // No token first: the name field. The 50 MB never come; the answer must not wait for them.
    const noToken = await rawPost("/report", headers, part("b", "name", "Mallory"));
    // (the first part's headers are enough to refuse it)
    expect(noToken.status).toBe(403);
    expect(noToken.connection).toBe("close");
    const forged = await rawPost("/report", headers, part("b", "csrf", "forged.token") + "--b\r\n");
    expect(forged.status).toBe(403);
    // A token of another browser (its cookie is not this one's) is no token either.
    const other = await openForm("/report");
    const stolen = await rawPost("/report", headers, part("b", "csrf", hiddenValue(other.html, "csrf")) + "--b\r\n");
    expect(stolen.status).toBe(403);
    // Bytes that never make a first part are refused once the first few kilobytes are read.
    const garbage = await rawPost("/report", headers, "x".repeat(16 * 1024));
    expect(garbage.status).toBe(400);
  });

  it("refuses a report over the address's limit before reading its photos", async () => {
    const { jar, html } = await openForm("/report", cookieJar(), { "x-forwarded-for": "198.51.100.77" });
    const send = async (description: string) => {
      const form = new FormData();
      form.set("csrf", hiddenValue(html, "csrf"));
      form.set("formId", `form-${description}-0123456789`);
      form.set("name", "王芳");
      form.set("phone", "13800138000");
      form.set("description", description);
      return fetch(`${server.baseUrl}/report`, { method: "POST", body: form, headers: { origin: server.baseUrl, cookie: jar.header(), "x-forwarded-for": "198.51.100.77" } });
    };
    expect((await send("first")).status).toBe(201);
    expect((await send("second")).status).toBe(201);
    const headers = {
      cookie: jar.header(),
      "x-forwarded-for": "198.51.100.77",
      "content-type": "multipart/form-data; boundary=b",
      "content-length": String(50 * 1024 * 1024),
      "accept-language": "en",
    };
    const third = await rawPost("/report", headers, part("b", "csrf", hiddenValue(html, "csrf")) + "--b\r\n");
    expect(third.status).toBe(429);
    expect(third.body).toContain("Too many reports from this connection.");
  });
});

describe("large uploads at once", () => {
  it("past the number read at once, a genuine upload is asked to retry before its photos are read; small reports pass", async () => {
    const { jar, html } = await openForm("/report", cookieJar(), { "x-forwarded-for": "198.51.100.88" });
    const headers = {
      cookie: jar.header(),
      "x-forwarded-for": "198.51.100.88",
      "content-type": "multipart/form-data; boundary=b",
      "content-length": String(20 * 1024 * 1024),
      "accept-language": "en",
    };
    const busy = await rawPost("/report", headers, part("b", "csrf", hiddenValue(html, "csrf")) + "--b\r\n");
    expect(busy.status).toBe(503);
    expect(busy.connection).toBe("close");
    expect(busy.body).toContain("Please send yours again in a minute.");
  });
});

describe("logs and transport", () => {
  it("masks a survey token in the log of a refused cross-site POST", async () => {
    const token = "c3VydmV5LTEyMw.SECRETsignature0123";
    const response = await fetch(`${server.baseUrl}/survey/${token}`, {
      method: "POST",
      body: new URLSearchParams({ score: "5" }),
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    const refused = logs.entries().filter((entry) => /form post refused/.test(entry.msg));
    expect(refused.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs.lines)).not.toContain("SECRETsignature0123");
    expect(refused.at(-1)?.path).toBe("/survey/[token]");
  });

  it("sends Strict-Transport-Security on pages reached over https (through the trusted proxy), not over http", async () => {
    const overHttps = await openForm("/", cookieJar(), { "x-forwarded-proto": "https" });
    expect(overHttps.response.headers.get("strict-transport-security")).toBe("max-age=15552000; includeSubDomains");
    const overHttp = await openForm("/");
    expect(overHttp.response.headers.get("strict-transport-security")).toBeNull();
  });

  it("believes X-Forwarded-Proto only behind a trusted proxy, and only its last value", () => {
    const plain = { socket: {} };
    expect(isHttpsRequest({ ...plain, headers: { "x-forwarded-proto": "https" } }, false)).toBe(false);
    expect(isHttpsRequest({ ...plain, headers: { "x-forwarded-proto": "https" } }, true)).toBe(true);
    expect(isHttpsRequest({ ...plain, headers: { "x-forwarded-proto": "https, http" } }, true)).toBe(false);
    expect(isHttpsRequest({ socket: { encrypted: true }, headers: {} }, false)).toBe(true);
  });
});
