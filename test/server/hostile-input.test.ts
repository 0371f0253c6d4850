import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { hashApiToken } from "../../server/http/staff-auth.ts";
import { createTokenSigner } from "../../server/token-signer.ts";
import { captureLogs } from "../support/capture-logs.ts";
import { buildDbCore } from "../support/desk-fixture.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** The HTTP app over a real SQLite store (a lone surrogate only fails where text is written). */
async function api() {
  const built = await buildDbCore();
  cleanups.push(built.cleanup);
  const logs = captureLogs("info");
  const app = createApp({ core: built.core, logger: logs.logger, checkDatabase: async () => true, rateLimit: null });
  await built.stores.staff.create({ id: "staff-lin", name: "Lin", role: "supervisor", createdAt: built.clock.now(), apiTokenHash: hashApiToken("token-lin") });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const asStaff = (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: "Bearer token-lin" });
  return { ...built, app, call, asStaff, logs };
}

const REPORT = { name: "王芳", phone: "13800138000", description: "洗衣机不脱水，显示 E3" };
type ErrorBody = { error: { code: string; message: string; fields?: { field: string; problem: string; message: string }[] } };

describe("ill-formed text (a lone UTF-16 surrogate)", () => {
  it("is refused with 400 naming the field, in every report field, and nothing is stored", async () => {
    const { call, stores, logs } = await api();
    for (const field of ["name", "description", "product", "address", "preferredTime"] as const) {
      const response = await call("POST", "/api/tickets", { ...REPORT, [field]: "坏了\ud800" }, { "accept-language": "en" });
      expect(response.status, field).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.error.code).toBe("validation");
      expect(body.error.fields).toEqual([{ field, problem: "ill_formed_text", message: "Contains characters that cannot be read (perhaps a broken emoji). Please type it again." }]);
    }
    // A well-formed pair (an emoji) is text like any other.
    expect((await call("POST", "/api/tickets", { ...REPORT, description: "洗衣机坏了 😀" })).status).toBe(201);
    expect((await stores.tickets.list({})).total).toBe(1);
    expect(logs.entries().filter((entry) => entry.msg === "request failed")).toEqual([]);
  });

  it("speaks the reader's language", async () => {
    const { call } = await api();
    const zh = (await (await call("POST", "/api/tickets", { ...REPORT, name: "\udc00" }, { "accept-language": "zh-CN" })).json()) as ErrorBody;
    const hant = (await (await call("POST", "/api/tickets", { ...REPORT, name: "\udc00" }, { "accept-language": "zh-TW" })).json()) as ErrorBody;
    expect(zh.error.fields?.[0]?.message).toBe("含有无法识别的字符（可能是残缺的表情符号），请重新输入。");
    expect(hant.error.fields?.[0]?.message).toBe("含有無法識別的字元（可能是殘缺的表情符號），請重新輸入。");
  });

  it("is refused in staff notes, replies, reasons and survey comments, and the ticket is unchanged", async () => {
    const { call, asStaff, stores } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT)).json()) as { number: string };
    const before = await stores.tickets.findByNumber(number);
    const refusals: [string, string, unknown, string][] = [
      ["POST", `/api/staff/tickets/${number}/notes`, { text: "查看\ud800" }, "text"],
      ["POST", `/api/staff/tickets/${number}/notes`, { text: "查看\ud800", visibility: "public" }, "text"],
      ["POST", `/api/staff/tickets/${number}/status`, { status: "accepted", note: "\ud800" }, "note"],
      ["POST", `/api/staff/tickets/${number}/escalate`, { reason: "急\udfff" }, "reason"],
      ["POST", `/api/staff/tickets/${number}/cancel`, { reason: "\ud800" }, "reason"],
      ["POST", `/api/staff/tickets/${number}/close`, { resolution: "修好\ud800" }, "resolution"],
      ["POST", "/api/staff/staff", { name: "Wang\ud800", role: "agent" }, "name"],
    ];
    for (const [method, path, body, field] of refusals) {
      const response = await asStaff(method, path, body);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field, problem: "ill_formed_text" })]);
    }
    const after = await stores.tickets.findByNumber(number);
    expect(after?.version).toBe(before?.version);
    expect(after?.status).toBe("new");

    expect((await asStaff("POST", `/api/staff/tickets/${number}/close`, { resolution: "修好了" })).status).toBe(200);
    const survey = await stores.surveys.findByTicket(after!.id);
    const token = createTokenSigner("test-secret").sign(survey!.id);
    const comment = await call("POST", `/api/surveys/${token}`, { score: 5, comment: "好\ud800" });
    expect(comment.status).toBe(400);
    expect(((await comment.json()) as ErrorBody).error.fields).toEqual([expect.objectContaining({ field: "comment", problem: "ill_formed_text" })]);
    expect((await stores.surveys.findByTicket(after!.id))?.status).toBe("pending");
  });

  it("a real failure says honestly that the request may not have been done", async () => {
    const { app } = await api();
    app.get("/api/boom", () => {
      throw new Error("boom");
    });
    const messages = [];
    for (const language of ["zh-CN", "zh-TW", "en"]) {
      const response = await app.request("/api/boom", { headers: { "accept-language": language } });
      expect(response.status).toBe(500);
      messages.push(((await response.json()) as ErrorBody).error.message);
    }
    expect(messages).toEqual([
      "系统出了点问题，这次操作可能没有完成，请稍后再试。",
      "系統出了點問題，這次操作可能沒有完成，請稍後再試。",
      "Something went wrong on our side and this may not have been done. Please try again in a moment.",
    ]);
    expect(messages.join()).not.toMatch(/已保存|safe/);
  });
});

describe("survey scores", () => {
  it("are whole numbers 1–5 given as numbers: nothing is coerced", async () => {
    const { call, asStaff, stores } = await api();
    const { number } = (await (await call("POST", "/api/tickets", REPORT)).json()) as { number: string };
    expect((await asStaff("POST", `/api/staff/tickets/${number}/close`, { resolution: "修好了" })).status).toBe(200);
    const ticket = await stores.tickets.findByNumber(number);
    const token = createTokenSigner("test-secret").sign((await stores.surveys.findByTicket(ticket!.id))!.id);
    for (const score of [true, [5], "5", "5.0", " 4", 0, 6, 2.5, null, {}, "0x5", 1e300]) {
      const response = await call("POST", `/api/surveys/${token}`, { score });
      expect(response.status, JSON.stringify(score)).toBe(400);
    }
    expect((await stores.surveys.findByTicket(ticket!.id))?.status).toBe("pending");
    expect((await call("POST", `/api/surveys/${token}`, { score: 4 })).status).toBe(200);
  });
});

describe("JSON routes", () => {
  it("refuse a body not declared as JSON with 415, before anything is filed", async () => {
    const { call, asStaff, stores } = await api();
    for (const contentType of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await call("POST", "/api/tickets", REPORT, { "content-type": contentType, "accept-language": "en" });
      expect(response.status, contentType).toBe(415);
      expect(await response.json()).toEqual({ error: { code: "unsupported_media", message: "This request must be sent as application/json (Content-Type header)." } });
    }
    expect((await stores.tickets.list({})).total).toBe(0);
    expect((await call("POST", "/api/tickets", REPORT, { "content-type": "application/json; charset=utf-8" })).status).toBe(201);
    const { tickets } = await stores.tickets.list({});
    // A staff route with an empty body and no Content-Type still works (nothing to parse).
    const bare = await asStaff("POST", `/api/staff/tickets/${tickets[0]!.number}/escalate`);
    expect(bare.status).toBe(200);
  });
});
