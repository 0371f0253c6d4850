/**
 * Property-based fuzzing of the public HTTP API over a real SQLite store: whatever arrives,
 * the answer is a 4xx or a success (never a 500), and a refused request changes nothing.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createTokenSigner } from "../../server/token-signer.ts";
import { captureLogs } from "../support/capture-logs.ts";
import { buildDbCore } from "../support/desk-fixture.ts";
import { fuzzOptions, hostileText, hostileValue } from "./hostile-arbitraries.ts";

let desk: Awaited<ReturnType<typeof buildDbCore>>;
let app: ReturnType<typeof createApp>;
const logs = captureLogs("info");
let ticketNumber = "";
let surveyToken = "";

beforeAll(async () => {
  desk = await buildDbCore();
  app = createApp({ core: desk.core, logger: logs.logger, checkDatabase: async () => true, rateLimit: null });
  await desk.stores.staff.create({ id: "staff-fuzz", name: "Fuzz", role: "admin", createdAt: desk.clock.now(), apiTokenHash: hashApiToken("token-fuzz") });
  const created = await app.request("/api/tickets", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水" }),
  });
  ticketNumber = ((await created.json()) as { number: string }).number;
  // A second ticket, closed, so its survey can be fuzzed.
  const closed = await app.request("/api/tickets", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "李雷", phone: "13900139000", description: "冰箱不制冷" }),
  });
  const closedNumber = ((await closed.json()) as { number: string }).number;
  await app.request(`/api/staff/tickets/${closedNumber}/close`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer token-fuzz" }, body: "{}" });
  const ticket = await desk.stores.tickets.findByNumber(closedNumber);
  surveyToken = createTokenSigner("test-secret").sign((await desk.stores.surveys.findByTicket(ticket!.id))!.id);
});
afterAll(async () => {
  await desk?.cleanup();
});

/** Percent-encodes the UTF-8 bytes of any string (encodeURIComponent throws on a lone surrogate). */
const percentEncoded = (text: string) => [...Buffer.from(text, "utf8")].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");

/** What the store holds that a refused request must leave alone. */
async function snapshot() {
  const { total, tickets } = await desk.stores.tickets.list({});
  const survey = await desk.stores.surveys.findByTicket(tickets.find((ticket) => ticket.number !== ticketNumber)!.id);
  return { total, versions: tickets.map((ticket) => `${ticket.number}:${ticket.version}`).join(","), survey: survey?.status };
}

const serverErrors = () => logs.entries().filter((entry) => entry.msg === "request failed");

const reportBody = fc.record(
  {
    name: hostileValue,
    phone: fc.oneof(hostileValue, fc.constant("13800138000"), hostileText().map((text) => `138${text}`)),
    description: fc.oneof(hostileValue, hostileText().map((text) => `洗衣机${text}`)),
    product: hostileValue,
    address: hostileValue,
    category: fc.oneof(hostileValue, fc.constantFrom("repair", "installation")),
    preferredTime: hostileValue,
    extra: hostileValue,
  },
  { requiredKeys: [] },
);

const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", undefined);

describe("public API under fuzzing", () => {
  it("POST /api/tickets: never a 500; only a 201 adds a ticket", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: reportBody.map((body) => JSON.stringify(body)) }, { weight: 1, arbitrary: hostileText(10) }),
        contentType,
        fc.option(hostileText(2).map((key) => percentEncoded(key).slice(0, 100)), { nil: undefined }),
        async (body, type, idempotencyKey) => {
          const before = await snapshot();
          const response = await app.request("/api/tickets", {
            method: "POST",
            body,
            headers: { ...(type ? { "content-type": type } : {}), ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}) },
          });
          expect([200, 201, 400, 409, 413, 415], body).toContain(response.status);
          const json = (await response.json()) as { number?: string; error?: { code: string } };
          const after = await snapshot();
          if (response.status === 201) {
            expect(json.number).toMatch(/^SR\d{12}$/);
            expect(after.total).toBe(before.total + 1);
          } else {
            expect(after).toEqual(before);
          }
        },
      ),
      fuzzOptions(100),
    );
    expect(serverErrors()).toEqual([]);
  });

  it("GET /api/tickets/:number and POST …/chase: never a 500, and a wrong proof changes nothing", async () => {
    const number = fc.oneof(hostileText(), fc.constant(ticketNumber), hostileText().map((text) => `${ticketNumber}${text}`));
    const phone = fc.oneof(hostileText(), fc.constantFrom("8000", "0000", "13800138000"), hostileText().map((text) => `8000${text}`));
    await fc.assert(
      fc.asyncProperty(number, phone, fc.boolean(), async (numberInput, phoneInput, chase) => {
        const before = await snapshot();
        const path = `/api/tickets/${percentEncoded(numberInput) || "x"}`;
        const response = chase
          ? await app.request(`${path}/chase`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ phone: phoneInput }) })
          : await app.request(`${path}?phone=${percentEncoded(phoneInput)}`);
        expect([200, 400, 404, 409, 429]).toContain(response.status);
        const after = await snapshot();
        if (!(chase && response.status === 200)) expect(after).toEqual(before);
      }),
      fuzzOptions(100),
    );
    expect(serverErrors()).toEqual([]);
  });

  it("POST /api/surveys/:token: never a 500; only a whole score 1–5 is recorded", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ score: fc.oneof(hostileValue, fc.constantFrom(0, 6, 2.5, "3", true, [4])), comment: hostileValue }, { requiredKeys: [] }),
        fc.oneof(fc.constant(surveyToken), hostileText()),
        async (answer, token) => {
          const before = await snapshot();
          const response = await app.request(`/api/surveys/${percentEncoded(token) || "x"}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(answer),
          });
          expect([200, 400, 404, 409, 410]).toContain(response.status);
          const after = await snapshot();
          if (response.status === 200) {
            expect([1, 2, 3, 4, 5]).toContain(answer.score);
          } else {
            expect(after).toEqual(before);
          }
        },
      ),
      fuzzOptions(80),
    );
    expect(serverErrors()).toEqual([]);
  });
});
