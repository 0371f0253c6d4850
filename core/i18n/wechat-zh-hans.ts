import type { wechatEn } from "./wechat-en.ts";

/** 纯文字聊天渠道（微信）的文案（简体中文）。 */
export const wechatZhHans: { readonly [K in keyof typeof wechatEn]: string } = {
  "bot.choices.reply_numbers": "回复 {choices}",
  "bot.choices.reply_range": "请回复数字 1–{max}",
  "bot.report.ask_phone_typed": "请问怎么联系您？请输入您的手机号。",

  "bot.phone_code.sent": "验证码已通过短信发送至 {phone}。回复验证码即可将本微信与该号码关联（关联后可在这里查看用该号码在各渠道报修的全部工单），也可以跳过。",
  "bot.phone_code.verified": "谢谢，手机号已验证。",
  "bot.phone_code.wrong": "验证码不正确，请核对短信后重新回复，或跳过。",
  "bot.phone_code.expired": "验证码已失效或尝试次数过多，将按未验证的号码继续。",
  "bot.phone_code.not_sent": "验证短信暂时发送不了，将按未验证的号码继续。",
  "sms.phone_code": "您的验证码是 {code}，10 分钟内有效。如非本人操作，请忽略本短信。",

  "bot.staff.room_commands": "在群里回复：{commands}",
};
