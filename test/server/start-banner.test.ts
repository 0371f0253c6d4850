import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.ts";
import { createContactDirectory } from "../../server/contact-channels.ts";
import { chooseLogFormat, createLogger } from "../../server/logger.ts";
import { consoleAnswers, startSummary } from "../../server/start-banner.ts";

const database = { path: "/srv/desk/data/app.db", id: "0a1b2c3d" };

function summaryFor(env: Record<string, string>, hasConsole = false) {
  const config = loadConfig(env);
  return startSummary({ localUrl: "http://localhost:3000", config, contacts: createContactDirectory(config).list(), hasConsole, database });
}

describe("the start-up line", () => {
  it("names the portal, the console, the API and its reference, the channels on and off, and the database", () => {
    const { line, details } = summaryFor({});
    expect(line).toBe(
      "Service desk ready · portal http://localhost:3000/ · staff console: not built yet · API http://localhost:3000/api (reference http://localhost:3000/api/openapi.json)" +
        " · channels: web portal (off: Telegram, WeChat, SMS, e-mail) · database /srv/desk/data/app.db (id 0a1b2c3d)",
    );
    expect(details).toMatchObject({ console: null, openapi: "http://localhost:3000/api/openapi.json", channels: { telegram: false, sms: false } });
  });

  it("names the Telegram bot with its link, SMS and e-mail when they are configured, and the console when it answers", () => {
    const { line } = summaryFor({ TELEGRAM_BOT_TOKEN: "1:x", TELEGRAM_BOT_USERNAME: "desk_bot", SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: "https://sms.example.com/send", SMTP_URL: "smtp://mail.example.com", MAIL_FROM: "desk@example.com", PUBLIC_URL: "https://desk.example.com" }, true);
    expect(line).toContain("portal http://localhost:3000/ · public https://desk.example.com/ · staff console http://localhost:3000/staff");
    expect(line).toContain("channels: web portal, Telegram @desk_bot (https://t.me/desk_bot), SMS (webhook), e-mail (off: WeChat)");
  });

  it("says when the bot's username is not known rather than inventing one", () => {
    expect(summaryFor({ TELEGRAM_BOT_TOKEN: "1:x" }).line).toContain("Telegram on (username not known yet: set TELEGRAM_BOT_USERNAME or see the log)");
  });

  it("lists the console only when its path answers", async () => {
    const answering = (status: number) => (async () => new Response(null, { status })) as unknown as typeof fetch;
    expect(await consoleAnswers("http://localhost:3000", answering(404))).toBe(false);
    expect(await consoleAnswers("http://localhost:3000", answering(302))).toBe(true);
    expect(await consoleAnswers("http://localhost:3000", answering(200))).toBe(true);
    const refusing = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    expect(await consoleAnswers("http://localhost:3000", refusing)).toBe(false);
  });
});

describe("log format", () => {
  it("is readable lines in a terminal and JSON otherwise, unless LOG_FORMAT says", () => {
    expect(chooseLogFormat(undefined, true)).toBe("pretty");
    expect(chooseLogFormat(undefined, false)).toBe("json");
    expect(chooseLogFormat("json", true)).toBe("json");
    expect(chooseLogFormat("pretty", false)).toBe("pretty");
    expect(loadConfig({ LOG_FORMAT: "pretty" }).logFormat).toBe("pretty");
    expect(() => loadConfig({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT/);
  });

  it("pretty lines read as text, without color off a terminal, and still mask personal data", () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger("info", stream, { format: "pretty" });
    logger.info("Service desk ready · portal http://localhost:3000/");
    logger.info({ phone: "13800138000", status: 201 }, "request");
    const output = lines.join("");
    // One line per entry, its fields on the same line.
    expect(output).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Service desk ready · portal http:\/\/localhost:3000\/\n\[\d\d:\d\d:\d\d\] INFO: request \{.*"status":201\}\n$/);
    expect(output).not.toContain("13800138000");
    expect(output).not.toContain("\u001b[");
    expect(() => JSON.parse(output)).toThrow();
  });
});
