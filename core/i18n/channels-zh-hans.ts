import type { channelsEn } from "./channels-en.ts";

/** 短信、电子邮件及门户对其说明的文案（简体中文）。 */
export const channelsZhHans: { readonly [K in keyof typeof channelsEn]: string } = {
  "field.problem.email_invalid": "电子邮箱格式不正确：请按 name@example.com 的格式填写。",

  "notify.customer.survey_no_link": "请为工单 {number} 的服务打分：1 分（很不满意）到 5 分（非常满意）。",
  "notify.customer.survey_reminder_no_link": "温馨提醒：请为工单 {number} 的服务打分：1 分（很不满意）到 5 分（非常满意）。",

  "mail.greeting": "{name}，您好：",
  "mail.subject.customer.accepted": "工单 {number}：已受理",
  "mail.subject.customer.scheduled": "工单 {number}：已预约上门",
  "mail.subject.customer.reply": "工单 {number}：客服回复",
  "mail.subject.customer.resolved": "工单 {number}：已处理完成",
  "mail.subject.customer.closed": "工单 {number}：已结案",
  "mail.subject.customer.survey": "工单 {number}：请为我们的服务打分",
  "mail.subject.customer.survey_reminder": "工单 {number}：请为我们的服务打分（提醒）",
  "mail.subject.other": "工单 {number}：最新进展",
  "mail.track": "凭手机号后四位，可在 {link} 查看工单进度。",
  "mail.footer": "您在工单 {number} 中留下了此邮箱，本邮件由服务台自动发送，回复本邮件无人处理。",

  "portal.field.email": "电子邮箱",
  "portal.field.email.hint": "如需通过邮件接收本工单的进展，请填写邮箱。",
  "portal.form.error.email_invalid": "请按 name@example.com 的格式填写邮箱，或留空。",
  "portal.updates.none": "我们不会另行发送消息：工单的每一步进展都会显示在工单页面上。",
  "portal.updates.sms": "以下情况我们会发短信到 {phone}：{kinds}。21:00 至次日 08:00 不发短信。",
  "portal.updates.email": "以下情况我们会发邮件到 {email}：{kinds}。",
  "portal.updates.page": "每一步进展也都会显示在工单页面上。",
  "portal.updates.kind.customer.accepted": "工单受理时",
  "portal.updates.kind.customer.scheduled": "预约上门时",
  "portal.updates.kind.customer.reply": "客服回复时",
  "portal.updates.kind.customer.resolved": "处理完成时",
  "portal.updates.kind.customer.closed": "结案时",
  "portal.updates.kind.customer.survey": "邀请您评价时",
};
