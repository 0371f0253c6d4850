import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { addressLimitKey } from "../../server/http/rate-limit.ts";
import { createLogger } from "../../server/logger.ts";
import { createPortalServices } from "../../server/portal/portal-services.ts";
import { createPortalLimits, DEFAULT_PORTAL_LIMITS } from "../../server/portal/rate-limits.ts";
import { createAttachmentStorage } from "../../server/attachments.ts";
import { COOKIE_NAMES } from "../../server/portal/cookies.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The API and the portal over one core, as server/compose.ts builds them. */
async function desk(rateLimit: { points: number; durationSeconds: number } | null = { points: 30, durationSeconds: 60 }) {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const app = createApp({ core: built.core, logger: createLogger("silent"), checkDatabase: async () => true, rateLimit, trustProxy: true });
  const portal = createPortalServices({
    core: built.core,
    signer: built.deps.signer,
    attachments: createAttachmentStorage({ dataDir: "/nonexistent-unused" }),
    limits: createPortalLimits(DEFAULT_PORTAL_LIMITS),
    logger: createLogger("silent"),
  });
  const from = (address: string) => (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { "content-type": "application/json", "x-forwarded-for": address, ...(init.headers as Record<string, string> | undefined) } });
  const created = await from("203.0.113.1")("/api/tickets", { method: "POST", body: JSON.stringify({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水，显示 E3" }) });
  const { number } = (await created.json()) as { number: string };
  const portalLookup = async (address: string, ticketNumber: string, phone: string) => {
    const first = portal.forRequest({ language: "en", clientAddress: address, cookies: {} });
    const csrf = first.pendingCookies.find((cookie) => cookie.name === COOKIE_NAMES.csrf)?.value;
    const api = portal.forRequest({ language: "en", clientAddress: address, cookies: { [COOKIE_NAMES.csrf]: csrf } });
    const form = new FormData();
    form.set("csrf", api.csrfToken);
    form.set("number", ticketNumber);
    form.set("phone", phone);
    return api.track.lookup(form);
  };
  return { ...built, from, number, portalLookup };
}

describe("a ticket's failure budget", () => {
  it("after 10 wrong guesses from different addresses, the API answers the right last four like an unknown number; the full phone still works", async () => {
    const { from, number } = await desk();
    for (let attempt = 0; attempt < 11; attempt++) {
      const response = await from(`198.51.100.${attempt + 1}`)(`/api/tickets/${number}?phone=${1000 + attempt}`);
      expect(response.status).toBe(404);
    }
    const customer = from("192.0.2.50");
    const lastFour = await customer(`/api/tickets/${number}?phone=8000`);
    const unknown = await customer(`/api/tickets/SR209901010001?phone=8000`);
    expect(lastFour.status).toBe(404);
    expect(unknown.status).toBe(404);
    const [lastFourBody, unknownBody] = [(await lastFour.json()) as { error: { message: string } }, (await unknown.json()) as { error: { message: string } }];
    expect(JSON.stringify(lastFourBody).replace(number, "N")).toBe(JSON.stringify(unknownBody).replace("SR209901010001", "N"));
    const full = await customer(`/api/tickets/${number}?phone=13800138000`);
    expect(full.status).toBe(200);
    // Chasing with the last four is refused the same way; with the full phone it is not.
    expect((await customer(`/api/tickets/${number}/chase`, { method: "POST", body: JSON.stringify({ phone: "8000" }) })).status).toBe(404);
    expect((await customer(`/api/tickets/${number}/chase`, { method: "POST", body: JSON.stringify({ phone: "13800138000" }) })).status).not.toBe(404);
  });

  it("is one budget for the API and the portal", async () => {
    const { from, number, portalLookup } = await desk();
    for (let attempt = 0; attempt < 5; attempt++) expect((await from(`198.51.100.${attempt + 1}`)(`/api/tickets/${number}?phone=${2000 + attempt}`)).status).toBe(404);
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await portalLookup(`198.51.100.${attempt + 100}`, number, String(3000 + attempt));
      expect(answer.kind === "form" && answer.status).toBe(404);
    }
    const viaPortal = await portalLookup("192.0.2.60", number, "8000");
    expect(viaPortal.kind === "form" && viaPortal.status).toBe(404);
    expect((await from("192.0.2.61")(`/api/tickets/${number}?phone=8000`)).status).toBe(404);
    expect(await portalLookup("192.0.2.60", number, "13800138000")).toEqual({ kind: "found", number });
  });
});

describe("address-based limits", () => {
  it("group IPv6 addresses by /64", () => {
    expect(addressLimitKey("2001:db8:1:2::1")).toBe(addressLimitKey("2001:0db8:0001:0002:ffff:1:2:3"));
    expect(addressLimitKey("2001:db8:1:2::1")).not.toBe(addressLimitKey("2001:db8:1:3::1"));
    expect(addressLimitKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressLimitKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressLimitKey("fe80::1%eth0")).toBe(addressLimitKey("fe80::2"));
    expect(addressLimitKey("local")).toBe("local");
  });

  it("make addresses in one /64 share the public API limit", async () => {
    const { from } = await desk({ points: 2, durationSeconds: 60 });
    expect((await from("2001:db8:1:2::a")("/api/tickets/SR209901010001?phone=0000")).status).toBe(404);
    expect((await from("2001:db8:1:2::b")("/api/tickets/SR209901010001?phone=0000")).status).toBe(404);
    expect((await from("2001:db8:1:2:ffff::c")("/api/tickets/SR209901010001?phone=0000")).status).toBe(429);
    expect((await from("2001:db8:1:3::a")("/api/tickets/SR209901010001?phone=0000")).status).toBe(404);
  });
});
