import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Language } from "../../core/tickets/types.ts";
import { createAttachmentStorage } from "../../server/attachments.ts";
import { createLogger } from "../../server/logger.ts";
import { createPortalServices, type PortalApi } from "../../server/portal/portal-services.ts";
import { createPortalLimits, DEFAULT_PORTAL_LIMITS } from "../../server/portal/rate-limits.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The portal's services over a temp database, a ticket reported through the core, and browsers with cookie jars. */
async function portalWithTicket() {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const dataDir = mkdtempSync(join(tmpdir(), "portal-resolution-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const services = createPortalServices({
    core: built.core,
    signer: built.deps.signer,
    attachments: createAttachmentStorage({ dataDir }),
    limits: createPortalLimits(DEFAULT_PORTAL_LIMITS),
    logger: createLogger("silent"),
  });
  const { ticket } = await built.core.intake({ name: "王芳", phone: "13800138000", description: "洗衣机不脱水，显示 E3", channel: "portal" });

  /** A browser that proved the ticket (number + last four digits), replaying its cookies on every request. */
  async function browser(language: Language = "en", options: { prove: boolean } = { prove: true }) {
    const history: PortalApi[] = [];
    const request = () => {
      const jar: Record<string, string> = {};
      for (const earlier of history) for (const cookie of earlier.pendingCookies) if (cookie.maxAgeSeconds === 0) delete jar[cookie.name]; else jar[cookie.name] = cookie.value;
      const api = services.forRequest({ language, clientAddress: "203.0.113.9", cookies: jar });
      history.push(api);
      return api;
    };
    request();
    const lookup = request();
    const form = new FormData();
    form.set("csrf", lookup.csrfToken);
    form.set("number", ticket.number);
    form.set("phone", "8000");
    if (options.prove) await lookup.track.lookup(form);
    const act = (number: string, fields: Record<string, string>) => {
      const api = request();
      const body = new FormData();
      body.set("csrf", api.csrfToken);
      for (const [name, value] of Object.entries(fields)) body.set(name, value);
      return api.track.act(number, body);
    };
    return { request, act, view: (number: string) => request().track.view(number) };
  }
  const agent = await built.addStaff("Lin", "agent");
  return { ...built, browser, number: ticket.number, agent };
}

describe("the ticket page: the customer's answers", () => {
  it("offers 'fixed' and 'not fixed' on a resolved ticket; fixed closes it and offers the survey", async () => {
    const { browser, number, core, agent } = await portalWithTicket();
    await core.changeStatus({ number, status: "resolved", note: "更换了排水泵", initiator: agent });
    const customer = await browser();
    const page = await customer.view(number);
    expect(page.kind === "view" && page.ticket).toMatchObject({ canConfirm: true, canReportNotFixed: true, canCancel: false, canMessage: false });

    expect(await customer.act(number, { action: "confirm" })).toEqual({ kind: "redirect", location: `/track/${number}?done=confirmed` });
    const closed = await customer.view(number);
    expect(closed.kind === "view" && closed.ticket.statusLabel).toBe("Closed");
    expect(closed.kind === "view" && closed.surveyPath).toMatch(/^\/survey\//);
  });

  it("takes 'not fixed' on a resolved ticket back to work, and after the window opens a follow-up the browser may see", async () => {
    const { browser, number, core, agent, clock } = await portalWithTicket();
    await core.changeStatus({ number, status: "resolved", note: "更换了排水泵", initiator: agent });
    const customer = await browser();
    expect(await customer.act(number, { action: "not_fixed", message: "还是不脱水" })).toEqual({ kind: "redirect", location: `/track/${number}?done=reopened` });
    expect((await core.show(number)).status).toBe("accepted");

    await core.close(number, agent, "更换了电机");
    clock.advance(15 * 24 * 60);
    // A proof lasts a day: the customer comes back and proves the ticket again.
    const later = await browser();
    const answer = await later.act(number, { action: "not_fixed", message: "又坏了" });
    const followUp = answer.kind === "redirect" ? /\/track\/(SR\d+)\?done=follow_up$/.exec(answer.location)?.[1] : undefined;
    expect(followUp).toBeTruthy();
    const page = await later.view(followUp ?? "");
    expect(page.kind === "view" && page.ticket).toMatchObject({ number: followUp, followUpOf: number, statusLabel: "Received" });
    expect(page.kind === "view" && page.ticket.timeline[0]).toMatchObject({ label: "Follow-up of an earlier ticket", text: number });
  });

  it("cancels an open ticket only with the box ticked, for the browser that proved it", async () => {
    const { browser, number, core } = await portalWithTicket();
    const customer = await browser();
    const page = await customer.view(number);
    expect(page.kind === "view" && page.ticket.canCancel).toBe(true);
    expect(await customer.act(number, { action: "cancel" })).toMatchObject({ kind: "error", status: 400, field: "cancel" });
    expect((await core.show(number)).status).toBe("new");

    // A browser without the proof is sent to prove it; nothing changes.
    const stranger = await browser("en", { prove: false });
    expect(await stranger.act(number, { action: "cancel", confirm: "yes" })).toEqual({ kind: "redirect", location: `/track?number=${number}` });
    expect((await core.show(number)).status).toBe("new");
    expect(await customer.act(number, { action: "cancel", confirm: "yes" })).toEqual({ kind: "redirect", location: `/track/${number}?done=cancelled` });
    expect((await core.show(number)).status).toBe("cancelled");
  });
});
