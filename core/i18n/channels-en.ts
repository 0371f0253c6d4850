/**
 * Texts of the channels that reach a customer at the contact on the ticket (SMS, e-mail) and
 * of what the portal says about them (English). Spread into the main catalog (en.ts), so the
 * other languages must translate every one (channels-zh-*.ts).
 */
export const channelsEn = {
  "field.problem.email_invalid": "Not an e-mail address: write it like name@example.com.",

  // The survey when PUBLIC_URL is not set: no link, the chat's buttons (or a reply 1–5) answer it.
  "notify.customer.survey_no_link": "How satisfied are you with how ticket {number} was handled? Rate us from 1 (poor) to 5 (excellent).",
  "notify.customer.survey_reminder_no_link": "A gentle reminder: how satisfied are you with how ticket {number} was handled? Rate us from 1 (poor) to 5 (excellent).",

  "mail.greeting": "Dear {name},",
  "mail.subject.customer.accepted": "Ticket {number}: accepted",
  "mail.subject.customer.scheduled": "Ticket {number}: visit booked",
  "mail.subject.customer.reply": "Ticket {number}: a reply from our team",
  "mail.subject.customer.resolved": "Ticket {number}: resolved",
  "mail.subject.customer.closed": "Ticket {number}: closed",
  "mail.subject.customer.survey": "Ticket {number}: how did we do?",
  "mail.subject.customer.survey_reminder": "Ticket {number}: how did we do? (reminder)",
  "mail.subject.other": "Ticket {number}: an update",
  "mail.track": "Follow the ticket at {link} with the last 4 digits of your phone.",
  "mail.footer": "This message was sent automatically by the service desk because you gave this address with ticket {number}. Replies to it are not read.",

  "portal.field.email": "E-mail",
  "portal.field.email.hint": "Give an address if you want updates about this ticket by e-mail.",
  "portal.form.error.email_invalid": "Please enter an e-mail address like name@example.com, or leave the field empty.",
  "portal.updates.none": "We do not send messages about this ticket: every update appears on the ticket page.",
  "portal.updates.sms": "We will text {phone} when: {kinds}. No texts between 21:00 and 08:00.",
  "portal.updates.email": "We will e-mail {email} when: {kinds}.",
  "portal.updates.page": "Every update also appears on the ticket page.",
  "portal.updates.kind.customer.accepted": "the ticket is accepted",
  "portal.updates.kind.customer.scheduled": "a visit is booked",
  "portal.updates.kind.customer.reply": "our team replies",
  "portal.updates.kind.customer.resolved": "it is resolved",
  "portal.updates.kind.customer.closed": "it is closed",
  "portal.updates.kind.customer.survey": "we ask for your rating",
} as const;
