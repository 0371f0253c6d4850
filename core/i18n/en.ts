/**
 * The English catalog. Every customer-facing text lives in one catalog per language so the
 * HTTP API, the portal and both chat bots say the same thing; `{name}` marks a parameter.
 * Other catalogs must have exactly these keys (checked by the type of `Catalog`).
 */
export const en = {
  "status.new": "Received",
  "status.accepted": "Accepted",
  "status.diagnosing": "Diagnosing",
  "status.awaiting_approval": "Awaiting approval",
  "status.approved": "Approved",
  "status.rejected": "Not approved",
  "status.assigned": "Assigned to a technician",
  "status.scheduled": "Visit scheduled",
  "status.in_progress": "In progress",
  "status.pending": "On hold",
  "status.resolved": "Resolved",
  "status.closed": "Closed",
  "status.cancelled": "Cancelled",

  "category.repair": "Repair",
  "category.installation": "Installation",
  "category.return_exchange": "Return or exchange",
  "category.complaint": "Complaint",
  "category.consultation": "Question",
  "category.logistics": "Delivery",
  "category.billing": "Billing",
  "category.other": "Other",

  "urgency.urgent": "Urgent",
  "urgency.high": "High",
  "urgency.normal": "Normal",
  "urgency.low": "Low",

  "error.validation": "Some information is missing or not valid: {fields}. Please correct it and try again.",
  "error.not_found": "We could not find a ticket with that number and phone. Please check both and try again.",
  "error.illegal_transition": "This ticket is {from} and cannot become {to}. Possible next steps: {allowed}.",
  "error.conflict": "Someone else changed this ticket a moment ago. Please look at it again and retry.",
  "error.unauthorized": "Please sign in first.",
  "error.forbidden": "You are not allowed to do this.",
  "error.rate_limited": "Too many attempts. Please wait a little and try again.",
  "error.payload_too_large": "That is too large. The limit is {limit}.",
  "error.unsupported_media": "That file type is not accepted. Please send a photo (JPEG, PNG, WebP or HEIC).",
  "error.reopen_window_passed": "This ticket was closed too long ago to reopen. Please report the problem as a new ticket.",
  "error.survey_expired": "This survey link has expired. Thank you all the same.",
  "error.survey_answered": "You have already answered this survey. Thank you!",
  "error.internal": "Something went wrong on our side. Your information is safe; please try again in a moment.",

  "notify.customer.accepted": "Your ticket {number} has been accepted. We will contact you soon.",
  "notify.customer.assigned": "Your ticket {number} has been assigned to {assignee}.",
  "notify.customer.scheduled": "A visit for ticket {number} is scheduled for {appointment}.",
  "notify.customer.status": "Ticket {number} is now: {status}.",
  "notify.customer.reply": "Reply about ticket {number}:\n{text}",
  "notify.customer.resolved": "Ticket {number} has been resolved: {resolution}. If the problem is not solved, just tell us.",
  "notify.customer.closed": "Ticket {number} is closed. Thank you for your patience.",
  "notify.customer.cancelled": "Ticket {number} has been cancelled. {reason}",
  "notify.customer.reopened": "Ticket {number} has been reopened. We are on it again.",
  "notify.customer.survey": "How satisfied are you with how ticket {number} was handled? Rate us 1–5: {link}",

  "notify.staff.new_ticket": "New ticket {number} [{urgency}/{category}] from {name}: {description}",
  "notify.staff.chased": "Customer chased ticket {number} ({count}×). Status: {status}.",
  "notify.staff.escalated": "Ticket {number} escalated: {reason}",
  "notify.staff.assigned_to_you": "Ticket {number} is assigned to you: {description}",
  "notify.staff.customer_message": "Customer message on ticket {number}: {text}",
  "notify.staff.delivery_failed": "Could not deliver a message about ticket {number} to the customer: {reason}",

  "value.none": "—",
  "value.unassigned": "not yet assigned",
} as const;

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: string };
