import { describe, expect, it } from "vitest";
import { AttachmentUnavailableError } from "../../../bot/shared/attachments.ts";
import { createDialog } from "../../../bot/shared/dialog.ts";
import { payload } from "../../../bot/shared/payloads.ts";
import { CONFIDENT_CLASSIFICATION } from "../../../bot/shared/report-dialog.ts";
import { extractReportDetails } from "../../../bot/shared/report-details.ts";
import type { AttachmentRef, DialogResult, InboundMessage, ReportStep } from "../../../bot/shared/types.ts";
import type { Category } from "../../../core/tickets/types.ts";
import { buildCore } from "../../fixtures/core-fixture.ts";
import { createMemoryBotStores, silentLogger } from "../support/memory-bot-stores.ts";

/**
 * How many actions (messages and button presses) a customer needs for a typical report, and
 * which questions are left out: the dialog with no chat library, the session through JSON.
 */
function harness(options: { confidence: number; category?: Category; failingFiles?: readonly string[] }) {
  const desk = buildCore({ classification: { category: options.category ?? "repair", urgency: "normal", confidence: options.confidence } });
  const botStores = createMemoryBotStores();
  const logs: { level: string; object: object; message?: string }[] = [];
  const dialog = createDialog({
    core: desk.core,
    surveyPrompts: botStores.surveyPrompts,
    seenUsers: botStores.seenUsers,
    fetchAttachment: async (ref: AttachmentRef) => {
      if (options.failingFiles?.includes(ref.ref)) throw new AttachmentUnavailableError("file download failed with HTTP 500");
      return { fileName: `${ref.ref}.jpg`, mimeType: "image/jpeg", sizeBytes: 3, storagePath: `uploads/${ref.ref}.jpg` };
    },
    logger: silentLogger(logs),
    hasButtons: true,
  });
  let stored: unknown = null;
  let sequence = 0;
  let actions = 0;
  const person = { id: "201", displayName: "王芳", languageHint: "zh-hans" };

  async function send(input: Partial<InboundMessage>, sender: InboundMessage["sender"] = person): Promise<DialogResult> {
    sequence++;
    actions++;
    const message: InboundMessage = {
      channel: "telegram",
      eventId: String(sequence),
      sender,
      chat: { kind: "private", id: sender.id },
      messageId: String(sequence),
      attachments: [],
      ...input,
    };
    const result = await dialog.handle(message, stored);
    stored = JSON.parse(JSON.stringify(result.session)) as unknown;
    return result;
  }

  /** The step the report waits at, or "offer" for the "report this?" question, or null when done. */
  function waitingFor(): ReportStep | "offer" | null {
    const session = stored as { dialog?: { kind: string; step?: ReportStep } } | null;
    if (session?.dialog?.kind === "offer") return "offer";
    return session?.dialog?.kind === "report" ? (session.dialog.step ?? null) : null;
  }

  /**
   * A customer who answers whatever the bot asks, the shortest way (skip what may be skipped),
   * until the ticket is made. Returns the ticket, the questions asked in order and the count of actions.
   */
  async function reportFrom(first: Partial<InboundMessage>) {
    actions = 0;
    const asked: string[] = [];
    let result = await send(first);
    for (let step = waitingFor(); step; step = waitingFor()) {
      asked.push(step);
      if (asked.length > 12) throw new Error(`the report does not end: ${asked.join(", ")}`);
      if (step === "offer") result = await send({ button: payload.offerYes });
      else if (step === "description") result = await send({ text: "空调不制冷了" });
      else if (step === "category") result = await send({ button: payload.categoryOk });
      else if (step === "photos") result = await send({ button: payload.photosDone });
      else if (step === "phone") result = await send({ text: "138 0013 8000" });
      else if (step === "address") result = await send({ text: "上海市浦东新区张江路 100 号" });
      else if (step === "confirm") result = await send({ button: payload.confirm });
      else result = await send({ button: payload.skip });
    }
    const number = /SR\d{12}/.exec(result.replies.map((reply) => reply.text).join("\n"))?.[0];
    if (!number) throw new Error(`no ticket: ${JSON.stringify(result.replies)}`);
    return { ticket: await desk.core.show(number), asked, actions };
  }

  return { ...desk, send, reportFrom, waitingFor, logs };
}

const texts = (result: DialogResult) => result.replies.map((reply) => reply.text);

describe("a report in fewer steps", () => {
  it("needs 2 actions instead of 9 when the first message holds the problem, a phone and an address", async () => {
    // Before: the same first message took 9 actions (the message, "report this?", the category,
    // product, photos, phone, address, time and the summary). The fully guided report still takes 9.
    const guided = await harness({ confidence: 0.5 }).reportFrom({ text: "/report" });
    expect(guided.asked).toEqual(["description", "category", "product", "photos", "phone", "address", "time", "confirm"]);
    expect(guided.actions).toBe(9);

    const h = harness({ confidence: 0.9 });
    const quick = await h.reportFrom({ text: "空调不制冷了，电话13800138000，地址上海市浦东新区张江路 100 号" });
    expect(quick.asked).toEqual(["confirm"]);
    expect(quick.actions).toBe(2);
    expect(quick.ticket).toMatchObject({ description: "空调不制冷了", phone: "13800138000", address: "上海市浦东新区张江路 100 号", contactName: "王芳" });
  });

  it("asks only for what is missing: the phone, and the category when the classifier is unsure", async () => {
    // Problem only: "report this?", the phone, the summary.
    const problemOnly = await harness({ confidence: 0.9 }).reportFrom({ text: "空调不制冷了，外机有异响" });
    expect(problemOnly.asked).toEqual(["offer", "phone", "confirm"]);
    expect(problemOnly.actions).toBe(4);
    expect(problemOnly.ticket).toMatchObject({ description: "空调不制冷了，外机有异响", phone: "13800138000" });

    // Problem and phone, classifier unsure: the category is checked.
    const unsure = await harness({ confidence: 0.5 }).reportFrom({ text: "The AC blows warm air, phone +86 138-0013-8000" });
    expect(unsure.asked).toEqual(["category", "confirm"]);
    expect(unsure.actions).toBe(3);
    expect(unsure.ticket).toMatchObject({ description: "The AC blows warm air", phone: "13800138000" });

    // /report with the words, in Traditional Chinese.
    const hant = await harness({ confidence: 0.9 }).reportFrom({ text: "/report 冷氣不冷了，電話：0912-345-678" });
    expect(hant.asked).toEqual(["confirm"]);
    expect(hant.ticket).toMatchObject({ description: "冷氣不冷了", phone: "0912345678" });
  });

  it("shows the summary with what was understood, offers the rest, and a typed phone is not vouched for", async () => {
    const h = harness({ confidence: 0.9 });
    const summary = await h.send({ text: "空调不制冷了，电话13800138000" });
    const text = summary.replies[0]?.text ?? "";
    expect(text).toContain("问题：空调不制冷了");
    expect(text).toContain("电话：138 0013 8000");
    expect(text).toContain("分类：维修");
    expect(text).toContain("还可以直接发送照片，或选「修改」补充产品、地址或方便时间。");
    expect(summary.replies[0]?.choices?.flat().map((choice) => choice.payload)).toEqual([payload.confirm, payload.edit, payload.cancel]);
    expect(summary.session.dialog).toMatchObject({ kind: "report", step: "confirm", quick: true, draft: { phone: "13800138000" } });
    expect(summary.session.dialog).not.toHaveProperty("draft.phoneVerified");

    // A photo sent at the summary joins the report, and the summary is shown again.
    const withPhoto = await h.send({ attachments: [{ kind: "photo", ref: "p-1" }] });
    expect(texts(withPhoto)).toHaveLength(1);
    expect(withPhoto.replies[0]?.text).toContain("照片：1");
    // The address from "Change something".
    await h.send({ button: payload.edit });
    await h.send({ button: payload.editField("address") });
    const edited = await h.send({ text: "上海市浦东新区张江路 100 号" });
    expect(edited.replies[0]?.text).toContain("地址：上海市浦东新区张江路 100 号");
  });

  it(`skips the category question at confidence ${CONFIDENT_CLASSIFICATION} or more, and asks it below, or for "other"`, async () => {
    const askedAfterDescription = async (confidence: number, category?: Category) => {
      const h = harness({ confidence, ...(category ? { category } : {}) });
      await h.send({ text: "/report" });
      const next = await h.send({ text: "空调不制冷了" });
      return { step: h.waitingFor(), text: next.replies[0]?.text };
    };
    expect(await askedAfterDescription(0.9)).toEqual({ step: "product", text: "是哪款产品或型号？（可参照铭牌上的品牌和型号）" });
    expect(await askedAfterDescription(CONFIDENT_CLASSIFICATION)).toMatchObject({ step: "product" });
    expect(await askedAfterDescription(0.69)).toEqual({ step: "category", text: "收到。初步判断为：维修（紧急程度：普通）。分类对吗？" });
    expect(await askedAfterDescription(0.95, "other")).toMatchObject({ step: "category" });
  });

  it("does not ask for a phone or address the description already gave, in the guided report either", async () => {
    const h = harness({ confidence: 0.9 });
    const guided = await h.reportFrom({ text: "/report" });
    expect(guided.asked).toEqual(["description", "product", "photos", "phone", "address", "time", "confirm"]);
    const h2 = harness({ confidence: 0.9 });
    await h2.send({ text: "/report" });
    await h2.send({ text: "热水器漏水了，手机 139 0013 9000，地址：杭州市西湖区文三路 1 号" });
    expect(h2.waitingFor()).toBe("product");
    await h2.send({ button: payload.skip });
    expect(texts(await h2.send({ button: payload.photosDone }))).toEqual(["您方便联系或上门的时间是？（例如：工作日 18:00 以后）"]);
  });
});

describe("reading details out of the first message", () => {
  it("takes a labeled or mainland mobile number and a labeled address, and leaves the rest as the problem", () => {
    expect(extractReportDetails("空调不制冷了，电话13800138000，地址xx路1号")).toEqual({ description: "空调不制冷了", phone: "13800138000", address: "xx路1号" });
    expect(extractReportDetails("空调不制冷了，电话：138 0013 8000，地址：上海市浦东新区张江路 100 号。谢谢")).toEqual({
      description: "空调不制冷了。谢谢",
      phone: "13800138000",
      address: "上海市浦东新区张江路 100 号",
    });
    expect(extractReportDetails("13800138000 热水器漏水")).toEqual({ description: "热水器漏水", phone: "13800138000" });
    expect(extractReportDetails("The AC blows warm air, phone +86 138-0013-8000, address 100 Zhangjiang Road, Shanghai")).toEqual({
      description: "The AC blows warm air",
      phone: "13800138000",
      address: "100 Zhangjiang Road, Shanghai",
    });
    // A model number or an order number is no phone.
    expect(extractReportDetails("型号 KFR-35GW 订单 20261124000123 外机有异响")).toEqual({ description: "型号 KFR-35GW 订单 20261124000123 外机有异响" });
  });
});

describe("a file that could not be fetched", () => {
  it("is not reported as attached: the customer is asked to send it again and the report keeps only saved files", async () => {
    const h = harness({ confidence: 0.5, failingFiles: ["broken"] });
    // Sent alone, it starts nothing and says nothing was saved.
    const alone = await h.send({ attachments: [{ kind: "photo", ref: "broken" }] });
    expect(texts(alone)).toEqual(["这张照片没能接收成功，未保存。请重新发送。"]);
    expect(alone.session.dialog).toBeUndefined();
    expect(h.logs.some((entry) => entry.level === "warn")).toBe(true);

    // At the photos step: one saved, one not; the count and the Done button stay right.
    await h.send({ text: "/report" });
    await h.send({ text: "空调不制冷了" });
    await h.send({ button: payload.categoryOk });
    await h.send({ button: payload.skip });
    expect(texts(await h.send({ attachments: [{ kind: "photo", ref: "good" }] }))).toEqual(["已添加第 1 张照片。可继续发送，或选「完成」。"]);
    const failed = await h.send({ attachments: [{ kind: "photo", ref: "broken" }] });
    expect(texts(failed)).toEqual(["这张照片没能接收成功，未保存。请重新发送。", "目前已添加 1 张照片。请重新发送，或选「完成」。"]);
    expect(failed.replies[1]?.choices?.flat().map((choice) => choice.payload)).toEqual([payload.photosDone]);
    expect(failed.session.dialog).toMatchObject({ draft: { attachments: [{ storagePath: "uploads/good.jpg" }] } });

    // During the description step: no "the file is attached".
    const h2 = harness({ confidence: 0.5, failingFiles: ["broken"] });
    await h2.send({ text: "/report" });
    expect(texts(await h2.send({ attachments: [{ kind: "voice", ref: "broken" }] }))).toEqual([
      "这条语音没能接收成功，未保存。请重新发送。",
      "请问遇到了什么问题？请简单描述一下。",
    ]);
  });
});
