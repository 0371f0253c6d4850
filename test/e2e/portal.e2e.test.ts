import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Initiator } from "../../core/index.ts";
import { startPortalServer, tinyPng, type PortalServer } from "../portal/support.ts";
import { findChromium } from "../support/chromium.ts";
import { PROCESS_TIMEOUT_MS } from "../support/processes.ts";

/**
 * The customer portal in a real browser (Debian's chromium driven by playwright-core)
 * against the real server on 127.0.0.1: report with a photo, track, see staff progress,
 * chase, add information, answer the survey once. Phone-sized screenshots of every page,
 * in Chinese and English, go to test-results/screenshots/. Each test makes the ticket it
 * needs; they share only the server and the browser.
 */
const CHROMIUM = findChromium();
const SCREENSHOTS = join("test-results", "screenshots");
const PHONE = { width: 390, height: 844 };

/** How long a page may take to show something: a ceiling for a loaded machine, never a delay. */
const UI_WAIT_MS = 30_000;

/** Waits until the locator's text is (or contains) the expected text; pages load asynchronously. */
const wait = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: UI_WAIT_MS, interval: 50 });
const seeText = (locator: Locator, expected: string) => wait(async () => expect((await locator.first().innerText()).trim()).toBe(expected));
const seeContaining = (locator: Locator, expected: string) => wait(async () => expect(await locator.first().innerText()).toContain(expected));
const seeValue = (locator: Locator, expected: string) => wait(async () => expect(await locator.inputValue()).toBe(expected));
const seeVisible = (locator: Locator) => locator.first().waitFor({ state: "visible", timeout: UI_WAIT_MS });

if (CHROMIUM.status === "skip") console.warn(`portal e2e: ${CHROMIUM.reason}.`);

describe.skipIf(CHROMIUM.status === "skip")(CHROMIUM.status === "skip" ? `the portal in a browser (${CHROMIUM.reason})` : "the portal in a browser", { timeout: PROCESS_TIMEOUT_MS }, () => {
  let server: PortalServer;
  let browser: Browser;
  /** Three phone-sized browsers, reused (a new page costs most of a second): zh without JavaScript, zh, en. */
  let zhStatic: Page;
  let zh: Page;
  let en: Page;

  // In CI a missing browser fails every test here (a skip would pass as green).
  beforeEach(() => {
    if (CHROMIUM.status === "fail") throw new Error(CHROMIUM.reason);
  });

  beforeAll(async () => {
    if (CHROMIUM.status !== "found") return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    [server, browser] = await Promise.all([
      startPortalServer(),
      chromium.launch({
        executablePath: CHROMIUM.path,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      }),
    ]);
    [zhStatic, zh, en] = await Promise.all([
      phone({ locale: "zh-CN", javaScript: false }),
      phone({ locale: "zh-CN" }),
      phone({ locale: "en-US" }),
    ]);
  }, PROCESS_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, PROCESS_TIMEOUT_MS);

  /** A phone-sized browser profile; `locale` drives Accept-Language. */
  async function phone(options: { locale: "zh-CN" | "en-US"; javaScript?: boolean }): Promise<Page> {
    const context: BrowserContext = await browser.newContext({ viewport: PHONE, locale: options.locale, javaScriptEnabled: options.javaScript ?? true, baseURL: server.baseUrl });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    return page;
  }

  /** The same browser as a first-time visitor: no language choice, no ticket proofs. */
  async function fresh(page: Page): Promise<Page> {
    await page.context().clearCookies();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const staff = async (name: string): Promise<Initiator> => {
    const member = await server.desk.core.registerStaff({ name, role: "technician" }, null);
    return { actor: { kind: "staff", id: member.id, name }, channel: "api" };
  };

  let zhao: Promise<Initiator> | undefined;
  /** The technician of these tests, registered on first use. */
  const technician = () => (zhao ??= staff("Zhao"));

  /** What the first test reports through the browser, made through the core: a new ticket from 王芳 (phone ending 8000). */
  async function reportedTicket(): Promise<string> {
    const { ticket } = await server.desk.core.intake({
      name: "王芳",
      phone: "13800138000",
      product: "小天鹅 TG100",
      description: "洗衣机不脱水，显示 E3",
      address: "上海市浦东新区张江路 100 号",
      channel: "portal",
      language: "zh-Hans",
    });
    return ticket.number;
  }

  /** Staff progress on a ticket: Zhao takes it, schedules a visit and replies. */
  async function scheduleVisit(ticketNumber: string): Promise<void> {
    const zhaoAsStaff = await technician();
    await server.desk.core.take(ticketNumber, zhaoAsStaff);
    await server.desk.core.changeStatus({ number: ticketNumber, status: "scheduled", appointmentAt: new Date("2030-11-26T02:00:00Z"), initiator: zhaoAsStaff });
    await server.desk.core.reply(ticketNumber, "We will come on Thursday at 10:00 and bring a new drain pump.", zhaoAsStaff);
  }

  it("reports a fault without JavaScript: errors beside the fields, values kept, then a ticket with a photo", async () => {
    const ticketsBefore = (await server.desk.core.list({})).total;
    const page = await fresh(zhStatic);
    await page.goto("/");
    await seeText(page.locator("h1"), "我们能帮您做什么？");
    await shot(page, "home-zh");

    await page.getByRole("link", { name: "我要报修" }).first().click();
    await page.waitForURL(/\/report$/);
    await page.getByLabel("联系人姓名").fill("王芳");
    await page.getByLabel("手机号").fill("138-abc");
    await page.getByLabel("产品及型号").fill("小天鹅 TG100");
    await page.getByLabel("遇到了什么问题？").fill("洗衣机不脱水，显示 E3");
    await page.getByLabel("上门地址").fill("上海市浦东新区张江路 100 号");
    await shot(page, "report-zh");
    await page.getByRole("button", { name: "提交报修" }).click();

    // Server-side validation: the message is beside the phone field, the entries are kept.
    await seeContaining(page.locator("#field-phone-error"), "请填写 7–15 位数字的电话号码");
    expect(await page.locator("#field-phone").getAttribute("aria-invalid")).toBe("true");
    await seeValue(page.locator("#field-phone"), "138-abc");
    await seeValue(page.locator("#field-name"), "王芳");
    await seeValue(page.locator("#field-description"), "洗衣机不脱水，显示 E3");
    await seeVisible(page.locator("#error-summary"));
    await shot(page, "report-errors-zh");
    expect((await server.desk.core.list({})).total).toBe(ticketsBefore);

    await page.getByLabel("手机号").fill("138 0013 8000");
    await page.getByLabel("照片").setInputFiles({ name: "washer.png", mimeType: "image/png", buffer: Buffer.from(await tinyPng()) });
    await page.getByRole("button", { name: "提交报修" }).click();

    await seeText(page.locator("h1"), "报修已提交，感谢您！");
    const ticketNumber = (await page.getByTestId("ticket-number").textContent()) ?? "";
    expect(ticketNumber).toMatch(/^SR\d{12}$/);
    await seeVisible(page.getByText("最迟在"));
    await seeVisible(page.getByText("已上传照片：1 张"));
    await shot(page, "report-success-zh");

    const ticket = await server.desk.core.show(ticketNumber);
    expect(ticket).toMatchObject({ channel: "portal", phone: "13800138000", description: "洗衣机不脱水，显示 E3" });
    expect(ticket.attachments).toHaveLength(1);
    expect(existsSync(join(server.dataDir, ticket.attachments[0]!.storagePath))).toBe(true);

    expect((await server.desk.core.list({})).total).toBe(ticketsBefore + 1);
  });

  it("answers a wrong phone exactly like an unknown number, then shows the ticket and the staff's progress", async () => {
    const ticketNumber = await reportedTicket();
    const page = await fresh(en);
    await page.goto("/track");
    await seeText(page.locator("h1"), "Track a ticket");
    await shot(page, "track-en");

    await page.getByLabel("Ticket number").fill(ticketNumber);
    await page.getByLabel("Last 4 digits of your phone").fill("1234");
    await page.getByRole("button", { name: "Show my ticket" }).click();
    const wrongPhone = await page.locator("#error-summary").innerText();
    await shot(page, "track-not-found-en");

    await page.getByLabel("Ticket number").fill("SR209901010001");
    await page.getByLabel("Last 4 digits of your phone").fill("8000");
    await page.getByRole("button", { name: "Show my ticket" }).click();
    const unknown = await page.locator("#error-summary").innerText();
    expect(unknown).toBe(wrongPhone);
    expect(unknown).toContain("We could not find a ticket with that number and phone");

    await page.getByLabel("Ticket number").fill(ticketNumber.toLowerCase());
    await page.getByLabel("Last 4 digits of your phone").fill("8000");
    await page.getByRole("button", { name: "Show my ticket" }).click();
    await page.waitForURL(new RegExp(`/track/${ticketNumber}$`));
    expect(page.url()).not.toContain("8000");
    await seeText(page.getByTestId("ticket-status"), "Received");
    await seeContaining(page.locator('.steps li[aria-current="step"]'), "Received");

    // Staff take the ticket, schedule a visit and reply, through the core.
    await scheduleVisit(ticketNumber);

    await page.reload();
    await seeText(page.getByTestId("ticket-status"), "Visit booked");
    await seeContaining(page.locator('.steps li[aria-current="step"]'), "Technician assigned");
    await seeContaining(page.getByTestId("timeline"), "We will come on Thursday at 10:00 and bring a new drain pump.");
    await seeContaining(page.locator(".details"), "Zhao");
    await seeContaining(page.locator(".details"), "26 Nov 2030, 10:00");
    await shot(page, "ticket-en");

    // Chase: once, then the hourly limit is explained.
    await page.getByRole("button", { name: "Chase this ticket" }).click();
    await seeContaining(page.getByRole("status"), "Reminder sent");
    await page.getByRole("button", { name: "Chase this ticket" }).click();
    await seeContaining(page.getByRole("alert"), "You can chase it again from");

    await page.getByLabel("Your message").fill("Please call before you come.");
    await page.getByRole("button", { name: "Add to the ticket" }).click();
    await seeContaining(page.getByRole("status"), "your message was added");
    await seeContaining(page.getByTestId("timeline"), "Please call before you come.");
    await shot(page, "ticket-updated-en");
  });

  it("shows the same ticket in Chinese after a language switch", async () => {
    const ticketNumber = await reportedTicket();
    await scheduleVisit(ticketNumber);
    const page = await fresh(en);
    await page.goto("/track?lang=zh-Hans");
    await page.getByLabel("工单号").fill(ticketNumber);
    await page.getByLabel("手机号后四位").fill("8000");
    await page.getByRole("button", { name: "查询工单" }).click();
    await seeText(page.getByTestId("ticket-status"), "已预约上门");
    await shot(page, "ticket-zh");
    await page.getByRole("link", { name: "English" }).click();
    await seeText(page.getByTestId("ticket-status"), "Visit booked");
  });

  it("takes one survey answer after the ticket is closed and refuses a second", async () => {
    const ticketNumber = await reportedTicket();
    await scheduleVisit(ticketNumber);
    await server.desk.core.close(ticketNumber, await technician(), "Replaced the drain pump");
    const page = await fresh(zh);
    await page.goto("/track");
    await page.getByLabel("工单号").fill(ticketNumber);
    await page.getByLabel("手机号后四位").fill("8000");
    await page.getByRole("button", { name: "查询工单" }).click();
    await seeText(page.getByTestId("ticket-status"), "已结案");
    await page.getByRole("link", { name: "去评价" }).click();
    await page.waitForURL(/\/survey\/[\w-]+\.[\w-]+$/);
    const surveyUrl = page.url();
    await seeText(page.locator("h1"), "服务评价");
    await shot(page, "survey-zh");

    // Without a rating the page explains what is missing.
    await page.getByRole("button", { name: "提交评价" }).click();
    await seeContaining(page.locator("#score-error"), "请选择 1 到 5 分");

    await page.locator('label[for="score-4"]').click();
    await page.getByLabel("意见和建议").fill("师傅很准时");
    await page.getByRole("button", { name: "提交评价" }).click();
    await seeText(page.locator("h1"), "感谢您的评价！");
    await shot(page, "survey-thanks-zh");

    await page.goto(surveyUrl);
    await seeText(page.locator("h1"), "已经评价过了");
    await seeText(page.getByTestId("survey-message"), "您已评价过，感谢您的反馈！");
    await shot(page, "survey-answered-zh");
    const events = (await server.desk.core.show(ticketNumber)).timeline.filter((event) => event.type === "survey_answered");
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ score: 4, comment: "师傅很准时" });

    const english = await fresh(en);
    await english.goto(surveyUrl);
    await seeText(english.locator("h1"), "Already rated");
    await shot(english, "survey-answered-en");
    await english.goto("/survey/not-a.real-token");
    await seeText(english.locator("h1"), "This link is not valid");
  });

  it("finds a help article from a Chinese query, on the Simplified, English and Traditional page", async () => {
    const page = await fresh(zh);
    await page.goto("/faq");
    await shot(page, "faq-zh");
    await page.getByLabel("搜索帮助文章").fill("洗衣机不脱水");
    await page.getByRole("button", { name: "搜索" }).click();
    await seeContaining(page.locator(".article-list a").first(), "洗衣机不脱水、不排水怎么办");
    await shot(page, "faq-search-zh");
    await page.locator(".article-list a").first().click();
    await seeText(page.locator("h1"), "洗衣机不脱水、不排水怎么办");
    expect(await page.locator(".article-body ol li").count()).toBe(4);
    await shot(page, "faq-article-zh");

    const english = await fresh(en);
    await english.goto(`/faq?q=${encodeURIComponent("洗衣机不脱水")}`);
    await seeContaining(english.locator(".article-list a").first(), "Washing machine won't spin or drain");
    await english.goto("/");
    await shot(english, "home-en");
    await english.goto("/faq/parcel-arrived-damaged");
    await shot(english, "faq-article-en");
    await english.goto("/report");
    await shot(english, "report-en");

    // A Traditional-Chinese reader finds and reads the Traditional version.
    const traditional = await fresh(zh);
    await traditional.goto("/faq?lang=zh-Hant");
    await traditional.getByLabel("搜尋說明文章").fill("洗衣機不脫水");
    await traditional.getByRole("button", { name: "搜尋" }).click();
    await seeContaining(traditional.locator(".article-list a").first(), "洗衣機不脫水、不排水怎麼辦");
    await traditional.locator(".article-list a").first().click();
    await seeText(traditional.locator("h1"), "洗衣機不脫水、不排水怎麼辦");
    expect(await traditional.locator(".article-body ol li").count()).toBe(4);
    await shot(traditional, "faq-article-zh-hant");
  });

  it("can be used with the keyboard alone, skip link first", async () => {
    const page = await fresh(en);
    await page.goto("/report");
    await page.keyboard.press("Tab");
    await seeText(page.locator(":focus"), "Skip to content");
    await page.keyboard.press("Enter");
    const order: string[] = [];
    for (let step = 0; step < 9; step++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ""));
    }
    // No e-mail field: this desk sends no e-mail (no SMTP_URL).
    expect(order).toEqual([
      "field-name",
      "field-phone",
      "field-product",
      "field-category",
      "field-description",
      "field-photos",
      "field-address",
      "field-preferredTime",
      "Send report",
    ]);
  });

  it("shows error pages in both languages", async () => {
    await fresh(zh);
    await fresh(en);
    const missing = await zh.goto("/no/such/page");
    expect(missing?.status()).toBe(404);
    await seeText(zh.locator("h1"), "页面不存在");
    await shot(zh, "404-zh");
    expect((await en.goto("/faq/no-such-article"))?.status()).toBe(404);
    await seeText(en.locator("h1"), "Page not found");
    await shot(en, "404-en");
    await en.goto("/500");
    await seeText(en.locator("h1"), "Something went wrong");
    await shot(en, "500-en");
    await zh.goto("/500");
    await seeText(zh.locator("h1"), "出错了");
  });
});
