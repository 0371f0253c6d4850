import type { wechatEn } from "./wechat-en.ts";

/** 純文字聊天渠道（微信）的文案（繁體中文）。 */
export const wechatZhHant: { readonly [K in keyof typeof wechatEn]: string } = {
  "bot.choices.reply_numbers": "回覆 {choices}",
  "bot.choices.reply_range": "請回覆數字 1–{max}",
  "bot.report.ask_phone_typed": "請問怎麼聯絡您？請輸入您的手機號碼。",

  "bot.phone_code.sent": "驗證碼已透過簡訊傳送至 {phone}。回覆驗證碼即可將本微信與該號碼關聯（關聯後可在這裡查看用該號碼在各渠道報修的全部工單），也可以略過。",
  "bot.phone_code.verified": "謝謝，手機號碼已驗證。",
  "bot.phone_code.wrong": "驗證碼不正確，請核對簡訊後重新回覆，或略過。",
  "bot.phone_code.expired": "驗證碼已失效或嘗試次數過多，將按未驗證的號碼繼續。",
  "bot.phone_code.not_sent": "驗證簡訊暫時無法傳送，將按未驗證的號碼繼續。",
  "sms.phone_code": "您的驗證碼是 {code}，10 分鐘內有效。如非本人操作，請忽略本簡訊。",

  "bot.staff.room_commands": "在群裡回覆：{commands}",
};
