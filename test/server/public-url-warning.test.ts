import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { composeDesk } from "../../server/compose.ts";
import { loadConfig } from "../../server/config.ts";
import { testClassify } from "../portal/support.ts";
import { captureLogs } from "../support/capture-logs.ts";
import { createTempDatabase } from "../support/temp-database.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startWith(env: Record<string, string>) {
  const database = await createTempDatabase();
  cleanups.push(database.cleanup);
  const dataDir = mkdtempSync(join(tmpdir(), "public-url-"));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const logs = captureLogs("warn");
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: database.url, APP_SECRET: "public-url-test-secret-0123", ...env });
  const desk = await composeDesk({ config, logger: logs.logger, classify: testClassify, portal: { build: "never" } });
  cleanups.push(() => desk.close());
  return logs.entries().map((entry) => entry.msg);
}

describe("links to customers without PUBLIC_URL", () => {
  it("warns at start-up to set PUBLIC_URL when SMS or e-mail is on, and not when only the portal runs", async () => {
    const withSms = await startWith({ SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: "http://127.0.0.1:9/sms" });
    expect(withSms.some((message) => message.startsWith("PUBLIC_URL is not set"))).toBe(true);
    const portalOnly = await startWith({});
    expect(portalOnly.some((message) => message.includes("PUBLIC_URL"))).toBe(false);
    const configured = await startWith({ PUBLIC_URL: "https://desk.example.com", SMTP_URL: "smtp://127.0.0.1:9", MAIL_FROM: "desk@example.com" });
    expect(configured.some((message) => message.includes("PUBLIC_URL"))).toBe(false);
  });
});
