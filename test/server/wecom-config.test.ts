import { describe, expect, it } from "vitest";
import { toKfMessage, turnMessages } from "../../bot/wecom/render.ts";
import { loadConfig } from "../../server/config.ts";

const WECOM = {
  WECOM_CORP_ID: "ww-corp",
  WECOM_KF_SECRET: "secret",
  WECOM_KF_TOKEN: "token",
  WECOM_KF_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};

describe("WeCom configuration", () => {
  it("is off without its settings, and on with all four (the API root defaulting to WeCom's)", () => {
    expect(loadConfig({}).wecom).toBeUndefined();
    expect(loadConfig({ ...WECOM, WECOM_OPEN_KFID: "wk-1" }).wecom).toEqual({
      corpId: "ww-corp",
      secret: "secret",
      callbackToken: "token",
      aesKey: WECOM.WECOM_KF_AES_KEY,
      apiRoot: "https://qyapi.weixin.qq.com",
      openKfid: "wk-1",
    });
  });

  it("names what is missing, and refuses an EncodingAESKey that is not 43 characters", () => {
    expect(() => loadConfig({ WECOM_CORP_ID: "ww-corp", WECOM_KF_SECRET: "secret" })).toThrow(/needs WECOM_KF_TOKEN, WECOM_KF_AES_KEY/);
    expect(() => loadConfig({ ...WECOM, WECOM_KF_AES_KEY: "short" })).toThrow(/WECOM_KF_AES_KEY/);
  });
});

describe("WeCom messages", () => {
  it("render choices as a numbered, clickable menu whose ids are the payloads", () => {
    expect(toKfMessage("评价一下？", [{ label: "满意", payload: "sv:k:5" }])).toEqual({
      msgtype: "msgmenu",
      msgmenu: { head_content: "评价一下？", list: [{ type: "click", click: { id: "sv:k:5", content: "1. 满意" } }] },
    });
  });

  it("keep to WeCom's byte limits: a long text is cut, a head too long for a menu goes as numbered lines", () => {
    const long = "漏".repeat(1000); // 3000 bytes in UTF-8
    const text = toKfMessage(long);
    expect(text.msgtype === "text" && Buffer.byteLength(text.text.content)).toBeLessThanOrEqual(2048);
    const menu = toKfMessage("水".repeat(400), [{ label: "提交", payload: "r:confirm" }]);
    expect(menu.msgtype).toBe("text");
    expect(menu.msgtype === "text" && menu.text.content.endsWith("1. 提交")).toBe(true);
  });

  it("send one turn's replies as one message where they fit, the last choices as its menu", () => {
    const messages = turnMessages([{ text: "已记录。" }, { text: "还有别的吗？", choices: [[{ label: "没有了", payload: "o:no" }]] }]);
    expect(messages).toEqual([toKfMessage("已记录。\n\n还有别的吗？", [{ label: "没有了", payload: "o:no" }])]);
  });
});
