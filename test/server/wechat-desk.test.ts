import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WechatyBuilder } from "wechaty";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { afterAll, describe, expect, inject, it } from "vitest";
import { runStaffCommand } from "../../scripts/staff.ts";
import { composeDesk, refuseUndeliverableChannels, type Desk } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { createContactDirectory } from "../../server/contact-channels.ts";
import { createLogger } from "../../server/logger.ts";
import { wechatyOptions } from "../../server/wechat.ts";
import { testClassify } from "../portal/support.ts";
import { captureLogs } from "../support/capture-logs.ts";

const scratch: string[] = [];
const desks: Desk[] = [];
afterAll(async () => {
  for (const desk of desks) await desk.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function dataDirWithDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), "wechat-desk-"));
  scratch.push(dir);
  copyFileSync(inject("templateDatabase"), join(dir, "app.db"));
  return dir;
}

describe("the desk with the WeChat bot (WECHATY_PUPPET)", { timeout: 60_000 }, () => {
  it("shows the login in /health, prints the QR code and logs it as a link", async () => {
    const dataDir = dataDirWithDatabase();
    const mocker = new mock.Mocker();
    const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
    const printed: string[] = [];
    const config = loadConfig({ DATA_DIR: dataDir, WECHATY_PUPPET: "wechaty-puppet-mock", WECHAT_STAFF_ROOM: "售后服务群", LOG_LEVEL: "silent" });
    const logs = captureLogs("info");
    const desk = await composeDesk({ config, logger: logs.logger, classify: testClassify, portal: { build: "never" }, wechat: { wechaty, printQr: (text) => printed.push(text) } });
    desks.push(desk);
    const health = async () => ((await (await desk.app.request("/health")).json()) as { channels?: Record<string, string> }).channels;
    expect(await health()).toEqual({ wechat: "starting" });

    desk.start();
    await desk.botsStarted();
    expect(await health()).toEqual({ wechat: "not logged in" });
    const scanned = new Promise<void>((resolve) => wechaty.once("scan", () => resolve()));
    mocker.scan("https://login.weixin.qq.com/l/desk-test", 2);
    await scanned;
    expect(await health()).toEqual({ wechat: "waiting for scan" });
    // qrcode-terminal draws with block characters.
    expect(printed.join("\n")).toMatch(/[▀▄█]/);
    const link = logs.entries().find((entry) => typeof entry.qrcodeUrl === "string");
    expect(link?.qrcodeUrl).toContain(encodeURIComponent("https://login.weixin.qq.com/l/desk-test"));

    const loggedIn = new Promise<void>((resolve) => wechaty.once("login", () => resolve()));
    mocker.login(mocker.createContact({ name: "售后服务台" }));
    await loggedIn;
    expect(await health()).toEqual({ wechat: "logged in" });
  });

  it("keeps the login session in DATA_DIR (Wechaty's memory card) and passes the puppet token", () => {
    const config = loadConfig({ DATA_DIR: "/srv/desk", WECHATY_PUPPET: "wechaty-puppet-wechat4u", WECHATY_PUPPET_TOKEN: "t0ken" });
    expect(wechatyOptions(config)).toMatchObject({ name: "/srv/desk/wechaty", puppet: "wechaty-puppet-wechat4u", puppetOptions: { token: "t0ken" } });
    expect(config.wechat?.sendIntervalMs).toBe(1000);
    expect(loadConfig({ WECHATY_PUPPET: "wechaty-puppet-mock", WECHAT_SEND_INTERVAL_MS: "2500" }).wechat?.sendIntervalMs).toBe(2500);
    expect(() => loadConfig({ WECHATY_PUPPET: "wechaty-puppet-mock", WECHAT_SEND_INTERVAL_MS: "-1" })).toThrow(/WECHAT_SEND_INTERVAL_MS/);
  });

  it("refuses to start when staff messages are planned on a channel without a sender", () => {
    const config = loadConfig({ WECHATY_PUPPET: "wechaty-puppet-mock", WECHAT_STAFF_ROOM: "售后服务群" });
    expect(() => refuseUndeliverableChannels(config, [])).toThrow(/planned on wechat but no sender delivers there/);
    expect(() => refuseUndeliverableChannels(config, [{ channel: "wechat", send: async () => ({ status: "sent" }) }])).not.toThrow();
  });

  it("advertises the WeChat ID only while a WeChat channel is configured", () => {
    expect(createContactDirectory(loadConfig({ WECHAT_ID: "desk-service" })).list()).toEqual([]);
    expect(createContactDirectory(loadConfig({ WECHAT_ID: "desk-service", WECHATY_PUPPET: "wechaty-puppet-mock" })).list()).toEqual([{ channel: "wechat", handle: "desk-service" }]);
  });

  it("npm run staff -- add … --wechat <contact id> registers a WeChat staff member", async () => {
    const dataDir = dataDirWithDatabase();
    const result = await runStaffCommand(["add", "李师傅", "technician", "--wechat", "wxid_tech01"], { DATA_DIR: dataDir });
    expect(result.exitCode).toBe(0);
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    const desk = await composeDesk({ config, logger: createLogger("silent"), classify: testClassify, portal: { build: "never" } });
    desks.push(desk);
    expect(await desk.core.staff.byIdentity({ channel: "wechat", externalId: "wxid_tech01" })).toMatchObject({ name: "李师傅", role: "technician" });
  });
});
