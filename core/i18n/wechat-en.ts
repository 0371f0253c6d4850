/**
 * Texts of the text-only chat channels (WeChat through Wechaty): choices as numbers to reply
 * with, the phone typed instead of shared, the SMS code that proves a typed phone, and the
 * staff room's command hints (English). Spread into the main catalog (en.ts), so the other
 * languages must translate every one (wechat-zh-*.ts).
 */
export const wechatEn = {
  // "Reply 1 Report a fault, 2 My tickets": the choices of a message, numbered.
  "bot.choices.reply_numbers": "Reply {choices}",
  // Choices that are the numbers themselves (a 1–5 survey).
  "bot.choices.reply_range": "Reply with a number from 1 to {max}",
  "bot.report.ask_phone_typed": "How can we reach you? Please type your mobile number.",

  "bot.phone_code.sent":
    "We have sent a verification code by SMS to {phone}. Reply with the code to link this chat to that number (you will then see here every ticket reported with it, on any channel), or skip.",
  "bot.phone_code.verified": "Thank you, the number is verified.",
  "bot.phone_code.wrong": "That code is not right. Please check the SMS and reply with the code again, or skip.",
  "bot.phone_code.expired": "That code has expired or was tried too often. We go on with the number unverified.",
  "bot.phone_code.not_sent": "The verification SMS could not be sent just now. We go on with the number unverified.",
  "sms.phone_code": "Your verification code is {code}. It is valid for 10 minutes. If you did not ask for it, ignore this message.",

  "bot.staff.room_commands": "Reply in this room: {commands}",
} as const;
