import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieJar, hiddenValue, startPortalServer, type PortalServer } from "./support.ts";

/**
 * The report page's confirmation for an urgent report, on a desk with no chat channel (the
 * portal server starts no bot): nobody can be alerted, so the page must not say anyone was;
 * it gives the safety advice and the desk's hotline. (testClassify marks 燃气/smoke urgent.)
 */
let server: PortalServer;
beforeAll(async () => {
  server = await startPortalServer({ env: { DESK_HOTLINE: "400-800-1234" } });
});
afterAll(async () => {
  await server?.close();
});

async function submitReport(description: string, language: string): Promise<string> {
  const jar = cookieJar();
  const opened = await fetch(`${server.baseUrl}/report`, { headers: { "accept-language": language } });
  jar.store(opened);
  const html = await opened.text();
  const form = new FormData();
  form.set("csrf", hiddenValue(html, "csrf"));
  form.set("formId", hiddenValue(html, "formId"));
  form.set("name", "王芳");
  form.set("phone", "138 0013 8000");
  form.set("description", description);
  const created = await fetch(`${server.baseUrl}/report`, { method: "POST", body: form, redirect: "manual", headers: { origin: server.baseUrl, cookie: jar.header(), "accept-language": language } });
  expect(created.status).toBe(201);
  return created.text();
}

describe("the confirmation of an urgent report", () => {
  it("does not claim the supervisor was alerted when no channel can reach one, and shows the safety advice and the hotline", async () => {
    const page = await submitReport("厨房燃气味很重，像是漏气了", "zh-CN");
    expect(page).not.toContain("已通知值班主管");
    expect(page).toContain('data-testid="safety-advice"');
    expect(page).toContain("燃气泄漏、冒烟、打火：先保证安全");
    expect(page).toContain("关闭燃气总阀");
    expect(page).toContain("请先离开现场并拨打 119");
    expect(page).toContain("如需立即联系服务台，请拨打 400-800-1234。");
    // The advice comes before the rest of the page's news.
    expect(page.indexOf('data-testid="safety-advice"')).toBeLessThan(page.indexOf('data-testid="ticket-number"'));
    const number = /data-testid="ticket-number">(SR\d{12})</.exec(page)?.[1];
    const events = (await server.desk.core.show(number!)).timeline.map((event) => event.type);
    expect(events).toContain("supervisors_alerted");
  });

  it.each([
    ["smoke", "The socket is smoking", "Gas smell, smoke or sparks: safety first"],
    ["water near electricity", "Water is dripping onto the socket in the bathroom", "Water near sockets or wiring: stay safe"],
    ["people trapped", "My mother is trapped in the lift", "Someone trapped in a lift: what to do now"],
  ])("shows the advice for %s in the reader's language", async (_hazard, description, title) => {
    const page = await submitReport(description, "en");
    expect(page).toContain('data-testid="safety-advice"');
    expect(page).toContain(title);
  });

  it("shows no safety advice for an ordinary fault", async () => {
    const page = await submitReport("洗衣机不脱水，显示 E3", "zh-CN");
    expect(page).not.toContain('data-testid="safety-advice"');
    expect(page).not.toContain('data-testid="urgent-notice"');
  });
});
