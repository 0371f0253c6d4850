import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EMAIL_KINDS, SMS_KINDS, type ContactChannels } from "../../core/index.ts";
import type { Language } from "../../core/tickets/types.ts";
import { createAttachmentStorage } from "../../server/attachments.ts";
import { createLogger } from "../../server/logger.ts";
import { createPortalServices, type PortalApi } from "../../server/portal/portal-services.ts";
import { createPortalLimits } from "../../server/portal/rate-limits.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

/** What the confirmation and ticket pages promise about updates, through the services the pages call. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function reportAndView(options: { contactChannels?: ContactChannels; language?: Language; fields?: Record<string, string> }) {
  const built = await buildDbCore(options.contactChannels ? { settings: { contactChannels: options.contactChannels } } : {});
  cleanups.push(built.cleanup);
  const dataDir = mkdtempSync(join(tmpdir(), "portal-updates-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const services = createPortalServices({
    core: built.core,
    signer: built.deps.signer,
    attachments: createAttachmentStorage({ dataDir }),
    limits: createPortalLimits(null),
    logger: createLogger("silent"),
  });
  const language = options.language ?? "en";
  const first = services.forRequest({ language, clientAddress: "203.0.113.7", cookies: {} });
  const cookies = Object.fromEntries(first.pendingCookies.map((cookie) => [cookie.name, cookie.value]));
  const api: PortalApi = services.forRequest({ language, clientAddress: "203.0.113.7", cookies });
  const blank = api.report.blank();
  const form = new FormData();
  form.set("csrf", api.csrfToken);
  form.set("formId", blank.kind === "form" ? blank.formId : "");
  for (const [name, value] of Object.entries({ name: "王芳", phone: "138 0013 8000", description: "洗衣机不脱水", ...options.fields })) form.set(name, value);
  const created = await api.report.submit(form);
  if (created.kind !== "created") throw new Error(`not created: ${JSON.stringify(created)}`);
  const proven = { ...cookies, ...Object.fromEntries(api.pendingCookies.map((cookie) => [cookie.name, cookie.value])) };
  const page = await services.forRequest({ language, clientAddress: "203.0.113.7", cookies: proven }).track.view(created.ticket.number);
  if (page.kind !== "view") throw new Error("ticket page not shown");
  return { confirmation: created.ticket.updates, ticketPage: page.updates, core: built.core, number: created.ticket.number };
}

describe("what the portal promises about updates", () => {
  it("with neither SMS nor e-mail: updates are on the ticket page, keep the number; no promise of a message", async () => {
    const { confirmation, ticketPage } = await reportAndView({ fields: { email: "wang.fang@example.com" } });
    const plain = ["We do not send messages about this ticket: every update appears on the ticket page."];
    expect(confirmation).toEqual(plain);
    expect(ticketPage).toEqual(plain);
    expect(confirmation.join(" ")).not.toMatch(/sent you|confirmation/i);
  });

  it("with SMS and e-mail: what will be sent and where, masked", async () => {
    const { confirmation, ticketPage } = await reportAndView({ contactChannels: { sms: SMS_KINDS, email: EMAIL_KINDS }, fields: { email: "wang.fang@example.com" } });
    expect(confirmation).toEqual([
      "We will text 138****8000 when: the ticket is accepted, a visit is booked, it is resolved, we ask for your rating. No texts between 21:00 and 08:00.",
      "We will e-mail w***@example.com when: the ticket is accepted, a visit is booked, our team replies, it is resolved, we ask for your rating.",
      "Every update also appears on the ticket page.",
    ]);
    expect(ticketPage).toEqual(confirmation);
  });

  it("promises e-mail only to a customer who gave an address, in the reader's language", async () => {
    const { confirmation } = await reportAndView({ contactChannels: { sms: [], email: EMAIL_KINDS }, language: "zh-Hans" });
    expect(confirmation).toEqual(["我们不会另行发送消息：工单的每一步进展都会显示在工单页面上。"]);
  });

  it("names a malformed address beside its field", async () => {
    const built = await buildDbCore();
    cleanups.push(built.cleanup);
    const services = createPortalServices({
      core: built.core,
      signer: built.deps.signer,
      attachments: createAttachmentStorage({ dataDir: join(tmpdir(), "portal-updates-unused") }),
      limits: createPortalLimits(null),
      logger: createLogger("silent"),
    });
    const first = services.forRequest({ language: "en", clientAddress: "203.0.113.8", cookies: {} });
    const api = services.forRequest({ language: "en", clientAddress: "203.0.113.8", cookies: Object.fromEntries(first.pendingCookies.map((cookie) => [cookie.name, cookie.value])) });
    const blank = api.report.blank();
    const form = new FormData();
    form.set("csrf", api.csrfToken);
    form.set("formId", blank.kind === "form" ? blank.formId : "");
    for (const [name, value] of Object.entries({ name: "王芳", phone: "138 0013 8000", description: "洗衣机不脱水", email: "wang.fang@" })) form.set(name, value);
    const state = await api.report.submit(form);
    expect(state.kind === "form" && state.errors).toEqual({ email: ["Please enter an e-mail address like name@example.com, or leave the field empty."] });
  });
});
