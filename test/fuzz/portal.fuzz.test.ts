/**
 * Property-based fuzzing of the portal's forms over real HTTP (the whole desk, Astro
 * included): whatever a client posts, the answer is never a 500, and a refused post changes
 * no ticket and no survey.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieJar, hiddenValue, startPortalServer, type PortalServer } from "../portal/support.ts";
import { fuzzOptions, hostileText } from "./hostile-arbitraries.ts";

let server: PortalServer;
const jar = cookieJar();
let csrf = "";
let ticketNumber = "";
let surveyPath = "";

/** Requests give up after this long: a hang is a failure, not a stuck suite. */
const NO_HANG = { signal: () => AbortSignal.timeout(20_000) };

beforeAll(async () => {
  server = await startPortalServer({ limits: null });
  const page = await fetch(`${server.baseUrl}/report`);
  jar.store(page);
  csrf = hiddenValue(await page.text(), "csrf");
  const core = server.desk.core;
  ticketNumber = (await core.intake({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水", channel: "portal" })).ticket.number;
  // The browser proves the ticket once, as a customer does, so its page's actions can be fuzzed.
  const proven = await post("/track", new URLSearchParams({ csrf, number: ticketNumber, phone: "8000" }));
  jar.store(proven);
  expect(proven.status).toBe(303);
  // A closed ticket's survey.
  const closed = (await core.intake({ name: "李雷", phone: "13900139000", description: "冰箱不制冷", channel: "portal" })).ticket;
  const admin = await core.registerStaff({ name: "Fuzz", role: "admin" }, null);
  await core.close(closed.number, { actor: { kind: "staff", id: admin.id, name: "Fuzz" }, channel: "api" }, "修好了");
  const closedTicket = (await core.list({})).tickets.find((ticket) => ticket.number === closed.number);
  const token = closedTicket ? await core.openSurveyToken(closedTicket) : null;
  expect(token).toBeTruthy();
  surveyPath = `/survey/${token}`;
});
afterAll(async () => {
  await server?.close();
});

function post(path: string, body: FormData | URLSearchParams | string, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers: { origin: server.baseUrl, cookie: jar.header(), ...headers }, signal: NO_HANG.signal() });
}

/** Everything a refused post must leave as it was. */
async function snapshot() {
  const { total, tickets } = await server.desk.core.list({ limit: 200 });
  // Every change of a ticket (a chase, a message) bumps its version; the survey has its own status.
  const survey = await server.desk.core.readSurvey(surveyPath.slice("/survey/".length));
  return { total, versions: tickets.map((ticket) => `${ticket.number}:${ticket.version}`).join(","), survey: survey.status };
}

/** A form's fields: the real names with hostile values, sometimes doubled, sometimes unknown ones, the token usually right. */
const formFields = (names: readonly string[]) =>
  fc.tuple(
    fc.array(fc.tuple(fc.constantFrom(...names, "extra", ""), hostileText()), { maxLength: 10 }),
    fc.oneof({ weight: 5, arbitrary: fc.constant("valid") }, { weight: 1, arbitrary: hostileText(2) }),
    fc.boolean(),
  );

function encode(fields: readonly (readonly [string, string])[], token: string, multipart: boolean): FormData | URLSearchParams {
  const form = multipart ? new FormData() : new URLSearchParams();
  form.append("csrf", token === "valid" ? csrf : token);
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

describe("portal forms under fuzzing", () => {
  it("/report: never a 500; only a created ticket changes anything", async () => {
    await fc.assert(
      fc.asyncProperty(formFields(["name", "phone", "description", "product", "address", "preferredTime", "category", "formId"]), async ([fields, token, multipart]) => {
        const before = await snapshot();
        // A usable phone and description now and then, so some reports get through the checks.
        const withBasics = fields.length % 3 === 0 ? [...fields, ["name", "王"], ["phone", "13800138000"], ["description", "不制冷了"], ["formId", `fuzz-${fields.length}-0123456789abcdef`]] as const : fields;
        const response = await post("/report", encode(withBasics, token, multipart));
        expect([200, 201, 400, 403, 409]).toContain(response.status);
        await response.arrayBuffer();
        const after = await snapshot();
        if (response.status !== 201) expect(after.total).toBe(before.total);
      }),
      fuzzOptions(40),
    );
  });

  it("/track and a ticket's page: never a 500; a refused action changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        formFields(["number", "phone", "action", "message"]),
        fc.constantFrom("/track", `/track/${ticketNumber}`),
        fc.oneof(fc.constant("message"), fc.constant("chase"), hostileText(2)),
        async ([fields, token, multipart], path, action) => {
          const before = await snapshot();
          const response = await post(path, encode([...fields, ["action", action]], token, multipart));
          expect([200, 303, 400, 403, 404, 409, 429]).toContain(response.status);
          await response.arrayBuffer();
          const after = await snapshot();
          if (response.status !== 303) expect(after).toEqual(before);
        },
      ),
      fuzzOptions(40),
    );
  });

  it("/survey/<token>: never a 500; only a score 1–5 is recorded", async () => {
    await fc.assert(
      fc.asyncProperty(formFields(["score", "comment"]), fc.oneof(fc.constant(surveyPath), hostileText().map((text) => `/survey/${text.replace(/[^A-Za-z0-9._~-]/g, "") || "x"}`)), async ([fields, token, multipart], path) => {
        const before = await snapshot();
        const response = await post(path, encode(fields, token, multipart));
        expect([200, 400, 403, 404, 409, 410]).toContain(response.status);
        await response.arrayBuffer();
        if (response.status !== 200) expect(await snapshot()).toEqual(before);
      }),
      fuzzOptions(40),
    );
  });

  it("any body, any declared type, on any form page: never a 500 and nothing changes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("/report", "/track", `/track/${ticketNumber}`, surveyPath),
        fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "multipart/form-data; boundary=\"a b\"", "application/json", "text/plain", "multipart/form-data", ""),
        fc.oneof(hostileText(10), hostileText(4).map((text) => `--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--b\r\n${text}`)),
        async (path, type, body) => {
          const before = await snapshot();
          const response = await post(path, body, type ? { "content-type": type } : {});
          expect([200, 303, 400, 403, 409, 411, 413, 415]).toContain(response.status);
          await response.arrayBuffer();
          expect(await snapshot()).toEqual(before);
        },
      ),
      fuzzOptions(40),
    );
  });
});
