import type { channelsEn } from "./channels-en.ts";

/** 簡訊、電子郵件及入口網站對其說明的文案（繁體中文）。 */
export const channelsZhHant: { readonly [K in keyof typeof channelsEn]: string } = {
  "field.problem.email_invalid": "電子郵件格式不正確：請依 name@example.com 的格式填寫。",

  "notify.customer.survey_no_link": "請為工單 {number} 的服務評分：1 分（很不滿意）到 5 分（非常滿意）。",
  "notify.customer.survey_reminder_no_link": "溫馨提醒：請為工單 {number} 的服務評分：1 分（很不滿意）到 5 分（非常滿意）。",

  "mail.greeting": "{name}，您好：",
  "mail.subject.customer.accepted": "工單 {number}：已受理",
  "mail.subject.customer.scheduled": "工單 {number}：已預約到府",
  "mail.subject.customer.reply": "工單 {number}：客服回覆",
  "mail.subject.customer.resolved": "工單 {number}：已處理完成",
  "mail.subject.customer.closed": "工單 {number}：已結案",
  "mail.subject.customer.survey": "工單 {number}：請為我們的服務評分",
  "mail.subject.customer.survey_reminder": "工單 {number}：請為我們的服務評分（提醒）",
  "mail.subject.other": "工單 {number}：最新進度",
  "mail.track": "憑手機號碼後四碼，可在 {link} 查看工單進度。",
  "mail.footer": "您在工單 {number} 中留下了此電子郵件地址，本郵件由服務台自動發送，回覆本郵件無人處理。",

  "portal.field.email": "電子郵件",
  "portal.field.email.hint": "如需透過電子郵件接收本工單的進度，請填寫地址。",
  "portal.form.error.email_invalid": "請依 name@example.com 的格式填寫電子郵件，或留空。",
  "portal.updates.none": "我們不會另行發送訊息：工單的每一步進度都會顯示在工單頁面上。",
  "portal.updates.sms": "以下情況我們會發簡訊到 {phone}：{kinds}。21:00 至隔日 08:00 不發簡訊。",
  "portal.updates.email": "以下情況我們會寄電子郵件到 {email}：{kinds}。",
  "portal.updates.page": "每一步進度也都會顯示在工單頁面上。",
  "portal.updates.kind.customer.accepted": "工單受理時",
  "portal.updates.kind.customer.scheduled": "預約到府時",
  "portal.updates.kind.customer.reply": "客服回覆時",
  "portal.updates.kind.customer.resolved": "處理完成時",
  "portal.updates.kind.customer.closed": "結案時",
  "portal.updates.kind.customer.survey": "邀請您評價時",
};
