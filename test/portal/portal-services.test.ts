import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Language } from "../../core/tickets/types.ts";
import { createAttachmentStorage } from "../../server/attachments.ts";
import { createLogger } from "../../server/logger.ts";
import { createPortalServices, type PortalApi } from "../../server/portal/portal-services.ts";
import { createPortalLimits, DEFAULT_PORTAL_LIMITS, type PortalLimitSettings } from "../../server/portal/rate-limits.ts";
import { buildDbCore } from "../support/desk-fixture.ts";
import { tinyPng } from "./support.ts";

/**
 * The portal's rules without HTTP or Astro: the services pages call, over the real core on a
 * temp SQLite database, with the test's clock.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function portal(options: { limits?: PortalLimitSettings | null } = {}) {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const dataDir = mkdtempSync(join(tmpdir(), "portal-services-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const services = createPortalServices({
    core: built.core,
    signer: built.deps.signer,
    attachments: createAttachmentStorage({ dataDir }),
    limits: createPortalLimits(options.limits === undefined ? DEFAULT_PORTAL_LIMITS : options.limits),
    logger: createLogger("silent"),
  });

  /**
   * One browser: the cookies each response set are sent with every later request, as a real
   * one would (replayed in request order, so a later deletion wins).
   */
  function browser(language: Language = "zh-Hans", clientAddress = "203.0.113.7") {
    const history: PortalApi[] = [];
    const cookies = () => {
      const jar: Record<string, string> = {};
      for (const api of history) {
        for (const cookie of api.pendingCookies) {
          if (cookie.maxAgeSeconds === 0) delete jar[cookie.name];
          else jar[cookie.name] = cookie.value;
        }
      }
      return jar;
    };
    const request = () => {
      const api = services.forRequest({ language, clientAddress, cookies: cookies() });
      history.push(api);
      return api;
    };
    // The first visit sets the CSRF cookie; forms are then rendered with its token.
    request();
    return {
      request,
      get cookies() {
        return cookies();
      },
      /** Sets a cookie by hand (a forged one). */
      forge(name: string, value: string) {
        const api = request();
        api.pendingCookies.push({ name, value });
      },
    };
  }

  const uploads = () => {
    const root = join(dataDir, "uploads");
    if (!statSync(root, { throwIfNoEntry: false })) return [];
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else files.push(entry.name);
      }
    };
    walk(root);
    return files;
  };
  return { ...built, services, browser, uploads };
}

function reportForm(api: PortalApi, fields: Record<string, string | File | File[]>, formId = api.report.blank().kind === "form" ? "" : "") {
  const blank = api.report.blank();
  const form = new FormData();
  form.set("csrf", api.csrfToken);
  form.set("formId", formId || (blank.kind === "form" ? blank.formId : ""));
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const file of value) form.append(name, file);
    else form.set(name, value);
  }
  return form;
}

const VALID = { name: "王芳", phone: "138 0013 8000", description: "洗衣机不脱水，显示 E3", product: "小天鹅 TG100" };

describe("the report form", () => {
  it("keeps every value and names each field's problem", async () => {
    const { browser, core } = await portal();
    const api = browser().request();
    const state = await api.report.submit(reportForm(api, { name: "", phone: "12ab", description: "x", product: "Haier", address: "上海市浦东新区张江路 100 号" }));
    expect(state.kind).toBe("form");
    if (state.kind !== "form") return;
    expect(state.status).toBe(400);
    expect(Object.keys(state.errors).sort()).toEqual(["description", "name", "phone"]);
    expect(state.errors.phone?.[0]).toContain("7–15");
    expect(state.values).toMatchObject({ name: "", phone: "12ab", description: "x", product: "Haier", address: "上海市浦东新区张江路 100 号" });
    expect(state.formId).toMatch(/^[\w-]{16,}$/);
    expect((await core.list({})).total).toBe(0);
  });

  it("answers in the reader's language", async () => {
    const { browser } = await portal();
    const api = browser("en").request();
    const state = await api.report.submit(reportForm(api, { ...VALID, phone: "call me" }));
    expect(state.kind === "form" && state.errors.phone?.[0]).toBe("Please enter a phone number of 7 to 15 digits, for example 138 0013 8000.");
  });

  it("refuses photos by their bytes and size, and asks for them again when other fields fail", async () => {
    const { browser, uploads } = await portal();
    const api = browser("en").request();
    const png = await tinyPng();
    const fake = new File([new TextEncoder().encode("MZ not really a photo")], "photo.jpg", { type: "image/jpeg" });
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const refused = await api.report.submit(reportForm(api, { ...VALID, photos: [fake, new File([huge], "big.jpg", { type: "image/jpeg" })] }));
    expect(refused.kind === "form" && refused.errors.photos).toEqual([
      '"photo.jpg" is not a photo we accept (JPEG, PNG, WebP or HEIC).',
      '"big.jpg" is larger than 10 MB. Please choose a smaller photo.',
    ]);

    const tooMany = await api.report.submit(reportForm(api, { ...VALID, photos: Array.from({ length: 6 }, (_, index) => new File([png], `p${index}.png`)) }));
    expect(tooMany.kind === "form" && tooMany.errors.photos).toEqual(["At most 5 photos, please choose fewer."]);

    const otherField = await api.report.submit(reportForm(api, { ...VALID, name: "", photos: [new File([png], "ok.png")] }));
    expect(otherField.kind === "form" && otherField.errors.photos?.[0]).toContain("choose them again");
    expect(uploads()).toEqual([]);
  });

  it("creates a portal ticket with its photos and tells when we respond", async () => {
    const { browser, core, uploads } = await portal();
    const api = browser("en").request();
    const png = await tinyPng();
    const state = await api.report.submit(reportForm(api, { ...VALID, category: "installation", photos: [new File([png], "drum.txt", { type: "text/plain" })] }));
    expect(state.kind).toBe("created");
    if (state.kind !== "created") return;
    expect(state.status).toBe(201);
    expect(state.ticket).toMatchObject({ number: "SR202611240001", category: "installation", photoCount: 1 });
    expect(new Date(state.ticket.firstResponseDueAt!).getTime()).toBeGreaterThan(Date.parse("2026-11-24T02:00:00Z"));
    expect(new Date(state.ticket.resolutionDueAt!).getTime()).toBeGreaterThan(new Date(state.ticket.firstResponseDueAt!).getTime());
    const ticket = await core.show(state.ticket.number);
    expect(ticket).toMatchObject({ channel: "portal", contactName: "王芳", phone: "13800138000", product: "小天鹅 TG100" });
    expect(ticket.attachments[0]).toMatchObject({ mimeType: "image/png", fileName: "drum.txt" });
    expect(uploads()).toHaveLength(1);
  });

  it("makes one ticket from a form sent twice, and keeps no duplicate photos", async () => {
    const { browser, core, uploads } = await portal();
    const api = browser().request();
    const blank = api.report.blank();
    const formId = blank.kind === "form" ? blank.formId : "";
    const photo = new File([await tinyPng()], "a.png");
    const first = await api.report.submit(reportForm(api, { ...VALID, photos: [photo] }, formId));
    const second = await api.report.submit(reportForm(api, { ...VALID, photos: [photo] }, formId));
    expect(first.kind === "created" && second.kind === "created").toBe(true);
    if (first.kind !== "created" || second.kind !== "created") return;
    expect(second.ticket.number).toBe(first.ticket.number);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((await core.list({})).total).toBe(1);
    expect(uploads()).toHaveLength(1);

    // The same form id with someone else's phone never reveals that ticket.
    const other = await api.report.submit(reportForm(api, { ...VALID, phone: "13900139000" }, formId));
    expect(other.kind).toBe("form");
    expect(other.kind === "form" && other.status).toBe(409);
  });

  it("refuses a form without the browser's token (CSRF) and creates nothing", async () => {
    const { browser, core } = await portal();
    const victim = browser().request();
    const attacker = browser().request();
    // A token from another browser session does not fit this browser's cookie.
    const form = reportForm(victim, VALID);
    form.set("csrf", attacker.csrfToken);
    const state = await victim.report.submit(form);
    expect(state.kind === "form" && state.status).toBe(403);
    expect(state.kind === "form" && state.values.name).toBe("王芳");
    form.delete("csrf");
    expect((await victim.report.submit(form)).status).toBe(403);
    expect((await core.list({})).total).toBe(0);
  });

  it("limits accepted reports per client; forms sent back for corrections do not count", async () => {
    const { browser } = await portal({ limits: { ...DEFAULT_PORTAL_LIMITS, reportsPerHour: 2 } });
    const api = browser("en").request();
    const statuses: number[] = [];
    // Three forms with mistakes, then the corrected ones: the mistakes cost nothing.
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await api.report.submit(reportForm(api, { ...VALID, phone: "12ab" }))).status);
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await api.report.submit(reportForm(api, VALID))).status);
    expect(statuses).toEqual([400, 400, 400, 201, 201, 429]);
  });

  it("answers the limit as a limit, with when to come back and the entries kept, not as a form to correct", async () => {
    const { browser } = await portal({ limits: { ...DEFAULT_PORTAL_LIMITS, reportsPerHour: 1 } });
    const api = browser("en").request();
    await api.report.submit(reportForm(api, VALID));
    const refused = await api.report.submit(reportForm(api, { ...VALID, description: "冰箱不制冷" }));
    expect(refused.kind).toBe("limited");
    if (refused.kind !== "limited") return;
    expect(refused.status).toBe(429);
    expect(refused.values.description).toBe("冰箱不制冷");
    // Within the next hour from the test clock's 10:00 in Shanghai.
    const retryAt = Date.parse(refused.retryAt) - Date.parse("2026-11-24T02:00:00Z");
    expect(retryAt).toBeGreaterThan(0);
    expect(retryAt).toBeLessThanOrEqual(3600_000);
  });
});

describe("tracking a ticket", () => {
  async function withTicket(options: { limits?: PortalLimitSettings | null } = {}) {
    const context = await portal(options);
    const api = context.browser().request();
    const state = await api.report.submit(reportForm(api, VALID));
    if (state.kind !== "created") throw new Error("report failed");
    return { ...context, number: state.ticket.number };
  }
  const lookupForm = (api: PortalApi, number: string, phone: string) => {
    const form = new FormData();
    form.set("csrf", api.csrfToken);
    form.set("number", number);
    form.set("phone", phone);
    return form;
  };

  it("answers a wrong phone, an unknown number and a malformed one identically", async () => {
    const { browser, number } = await withTicket();
    const api = browser().request();
    const answers = await Promise.all([
      api.track.lookup(lookupForm(api, number, "1234")),
      api.track.lookup(lookupForm(api, "SR209901010001", "8000")),
      api.track.lookup(lookupForm(api, "hello", "8000")),
    ]);
    const shapes = answers.map((answer) => (answer.kind === "form" ? { status: answer.status, errors: answer.errors } : answer));
    expect(shapes[0]).toEqual({ status: 404, errors: { form: ["没有找到该单号与手机号对应的工单，请核对后重试。"] } });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
  });

  it("checks the fields before looking anything up", async () => {
    const { browser } = await withTicket();
    const api = browser("en").request();
    const answer = await api.track.lookup(lookupForm(api, "", "12"));
    expect(answer.kind === "form" && answer.errors).toEqual({ number: ["Please enter the ticket number."], phone: ["Please enter the last 4 digits of your phone."] });
  });

  it("keeps the proof in the browser's cookie, not in the page address", async () => {
    const { browser, number } = await withTicket();
    const customer = browser("en");
    const found = await customer.request().track.lookup(lookupForm(customer.request(), number.toLowerCase().replace("sr", "sr "), "8000"));
    expect(found).toEqual({ kind: "found", number });
    expect(customer.cookies.desk_tickets).toBeTruthy();
    expect(customer.cookies.desk_tickets).not.toContain("13800138000");
    // Nor in a readable form: the cookie is encrypted.
    const cookieBytes = Buffer.from(customer.cookies.desk_tickets!.replace(/^v1\./, ""), "base64url").toString("latin1");
    expect(cookieBytes).not.toContain("8000");
    expect(cookieBytes).not.toContain(number);

    const page = await customer.request().track.view(number);
    expect(page.kind).toBe("view");
    if (page.kind !== "view") return;
    expect(page.ticket).toMatchObject({ number, statusLabel: "Received", canChase: true, canMessage: true });
    expect(page.ticket.steps.map((step) => step.state)).toEqual(["current", "todo", "todo", "todo", "todo", "todo"]);
    expect(page.ticket.details.find((detail) => detail.label === "Phone")?.value).toBe("138****8000");

    expect(await browser("en").request().track.view(number)).toEqual({ kind: "need-proof" });
    // A forged cookie proves nothing.
    const forger = browser("en");
    forger.forge("desk_tickets", `${Buffer.from(`tickets:[{"n":"${number}","p":"8000","e":9999999999999}]`).toString("base64url")}.forged`);
    expect(await forger.request().track.view(number)).toEqual({ kind: "need-proof" });
    const tamperer = browser("en");
    const sealed = customer.cookies.desk_tickets!;
    tamperer.forge("desk_tickets", `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.slice(-1)}`);
    expect(await tamperer.request().track.view(number)).toEqual({ kind: "need-proof" });
  });

  it("slows down guessing per client address; a ticket's budget of wrong guesses never locks out the full phone", async () => {
    const { browser, number, core, clock } = await withTicket({ limits: { ...DEFAULT_PORTAL_LIMITS, lookupFailuresPerAddress: 3 } });
    const guesser = browser("en", "198.51.100.1").request();
    const fromOne = [];
    for (let attempt = 0; attempt < 4; attempt++) fromOne.push((await guesser.track.lookup(lookupForm(guesser, `SR20261124${String(attempt + 10).padStart(4, "0")}`, "0000"))).kind === "form");
    const blocked = await guesser.track.lookup(lookupForm(guesser, "SR202611249999", "0000"));
    expect(blocked.kind === "form" && blocked.status).toBe(429);
    expect(blocked.kind === "form" && blocked.errors.form?.[0]).toMatch(/Too many attempts.*try again in \d+ min/);

    // Eleven wrong guesses at one ticket from eleven addresses: no address is limited, but the
    // ticket's budget (10 a day) is spent, so its last four digits no longer prove it.
    for (let attempt = 0; attempt < 11; attempt++) {
      const api = browser("en", `192.0.2.${attempt + 1}`).request();
      const answer = await api.track.lookup(lookupForm(api, number, String(1000 + attempt)));
      expect(answer.kind === "form" && answer.status).toBe(404);
    }
    const owner = browser("en", "192.0.2.99").request();
    const lastFour = await owner.track.lookup(lookupForm(owner, number, "8000"));
    const unknown = await owner.track.lookup(lookupForm(owner, "SR209901010001", "8000"));
    expect(lastFour.kind === "form" && { status: lastFour.status, errors: lastFour.errors }).toEqual(unknown.kind === "form" && { status: unknown.status, errors: unknown.errors });
    // The full phone still works, from any address.
    expect(await owner.track.lookup(lookupForm(owner, number, "138 0013 8000"))).toEqual({ kind: "found", number });
    expect((await core.lookup(number, "13800138000")).number).toBe(number);
    // A day later the budget is back.
    clock.advance(24 * 60 + 1);
    expect((await core.lookup(number, "8000")).number).toBe(number);
  });

  it("chases once an hour and says when the next chase is possible", async () => {
    const { browser, number, clock, core } = await withTicket();
    const customer = browser("en");
    await customer.request().track.lookup(lookupForm(customer.request(), number, "8000"));
    const act = (fields: Record<string, string>) => {
      const api = customer.request();
      const form = new FormData();
      form.set("csrf", api.csrfToken);
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      return api.track.act(number, form);
    };
    expect(await act({ action: "chase" })).toEqual({ kind: "redirect", location: `/track/${number}?done=chase` });
    clock.advance(20);
    expect(await act({ action: "chase" })).toEqual({
      kind: "error",
      status: 429,
      message: "You chased this ticket less than an hour ago; the team has your reminder. You can chase it again from 11:00.",
    });
    clock.advance(41);
    expect((await act({ action: "chase" })).kind).toBe("redirect");
    expect((await core.show(number)).chaseCount).toBe(2);

    expect(await act({ action: "message", message: "   " })).toMatchObject({ kind: "error", status: 400, field: "message" });
    expect(await act({ action: "message", message: "周六上午家里有人" })).toEqual({ kind: "redirect", location: `/track/${number}?done=message` });
    const page = await customer.request().track.view(number);
    expect(page.kind === "view" && page.ticket.timeline[0]).toMatchObject({ label: "Your message", text: "周六上午家里有人", byCustomer: true });

    const forged = new FormData();
    forged.set("action", "chase");
    expect(await customer.request().track.act(number, forged)).toMatchObject({ kind: "error", status: 403 });

    expect(await act({ action: "forget" })).toEqual({ kind: "redirect", location: "/track?done=forget" });
    expect(await customer.request().track.view(number)).toEqual({ kind: "need-proof" });
  });

  it("shows staff progress, and offers the survey once the ticket is closed", async () => {
    const { browser, number, core, addStaff } = await withTicket();
    const customer = browser("en");
    await customer.request().track.lookup(lookupForm(customer.request(), number, "13800138000"));
    const zhao = await addStaff("Zhao", "technician");
    await core.take(number, zhao);
    await core.changeStatus({ number, status: "scheduled", appointmentAt: new Date("2026-11-25T02:00:00Z"), initiator: zhao });
    await core.reply(number, "明天上午 10 点上门", zhao);

    let page = await customer.request().track.view(number);
    expect(page.kind).toBe("view");
    if (page.kind !== "view") return;
    // The customer's name for the status and what happens next, not the desk's label.
    expect(page.ticket.statusLabel).toBe("Visit booked");
    expect(page.ticket.statusNext).toBe("The technician will come at the agreed time.");
    expect(page.ticket.steps.map((step) => step.state)).toEqual(["done", "done", "current", "todo", "todo", "todo"]);
    expect(page.ticket.details.find((detail) => detail.label === "Technician")?.value).toBe("Zhao");
    expect(page.ticket.details.find((detail) => detail.label === "Visit")?.value).toBe("25 Nov 2026, 10:00");
    expect(page.ticket.timeline[0]).toMatchObject({ label: "Message from the service desk", text: "明天上午 10 点上门" });
    expect(page.surveyPath).toBeNull();

    await core.close(number, zhao, "replaced the drain pump");
    page = await customer.request().track.view(number);
    if (page.kind !== "view") throw new Error("expected the ticket");
    expect(page.ticket).toMatchObject({ statusLabel: "Closed", canChase: false, canMessage: false });
    expect(page.ticket.steps.every((step) => step.state === "done")).toBe(true);
    expect(page.surveyPath).toMatch(/^\/survey\/[\w-]+\.[\w-]+$/);
  });
});

describe("the survey", () => {
  async function closedTicket() {
    const context = await portal();
    const api = context.browser().request();
    const created = await api.report.submit(reportForm(api, VALID));
    if (created.kind !== "created") throw new Error("report failed");
    const staff = await context.addStaff("Lin", "agent");
    await context.core.close(created.ticket.number, staff, "explained the spin setting");
    const ticket = await context.stores.tickets.findByNumber(created.ticket.number);
    const survey = await context.stores.surveys.findByTicket(ticket!.id);
    return { ...context, number: created.ticket.number, token: context.deps.signer.sign(survey!.id) };
  }
  const answerForm = (api: PortalApi, fields: Record<string, string>) => {
    const form = new FormData();
    form.set("csrf", api.csrfToken);
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    return form;
  };

  it("takes one answer, then says it was already given", async () => {
    const { browser, token, number, core } = await closedTicket();
    const customer = browser("en");
    expect(await customer.request().survey.read(token)).toMatchObject({ kind: "open", ticketNumber: number });

    const missing = await customer.request().survey.answer(token, answerForm(customer.request(), { comment: "fast" }));
    expect(missing).toMatchObject({ kind: "open", status: 400, values: { comment: "fast" }, errors: { score: ["Please choose a rating from 1 to 5."] } });

    expect(await customer.request().survey.answer(token, answerForm(customer.request(), { score: "2", comment: "slow" }))).toEqual({ kind: "thanks", status: 200, score: 2 });
    expect(await customer.request().survey.answer(token, answerForm(customer.request(), { score: "5" }))).toEqual({
      kind: "answered",
      status: 409,
      message: "You have already answered this survey. Thank you!",
    });
    expect(await customer.request().survey.read(token)).toMatchObject({ kind: "answered" });
    const staffView = await core.show(number);
    expect(staffView.timeline.filter((event) => event.type === "survey_answered")).toHaveLength(1);
  });

  it("refuses expired and forged links with their own pages", async () => {
    const { browser, token, clock } = await closedTicket();
    const api = browser().request();
    expect(await api.survey.read("forged.token")).toEqual({ kind: "invalid", status: 404 });
    clock.advance(8 * 24 * 60);
    expect(await api.survey.read(token)).toEqual({ kind: "expired", status: 410, message: "该满意度调查链接已过期，仍感谢您的支持。" });
    expect((await api.survey.answer(token, answerForm(api, { score: "5" }))).kind).toBe("expired");
  });

  it("refuses an answer without the form token", async () => {
    const { browser, token } = await closedTicket();
    const api = browser().request();
    const form = new FormData();
    form.set("score", "1");
    expect(await api.survey.answer(token, form)).toMatchObject({ kind: "open", status: 403 });
    expect(await api.survey.read(token)).toMatchObject({ kind: "open" });
  });
});
