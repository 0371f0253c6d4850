/** `/show <number>`: the whole ticket for staff, with the customer's phone, photos and recent timeline. */
import { describeEvent, formatDateTime, formatPhone, STAFF_ROLES, type StaffTicketView } from "../../../core/index.ts";
import { categoryName, orNone, preview, statusName, t, urgencyName } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { StaffCommand } from "./command.ts";

export const showCommand = {
  name: "show",
  help: "bot.staff.help.show",
  usage: "/show <number>",
  roles: STAFF_ROLES,
  needsTicket: true,
  run: ({ turn, target }) => showTicket(turn, target.number),
} satisfies StaffCommand;

/** Also `/status <number>` without a status. */
export async function showTicket(turn: Turn, number: string): Promise<void> {
  const view = await turn.core.show(number);
  const photos = view.attachments.filter((attachment) => attachment.mimeType.startsWith("image/"));
  turn.say({
    text: describeForStaff(turn, view),
    about: { ticketNumber: view.number, kind: "notice" },
    ...(photos.length > 0 ? { media: photos.map((photo) => ({ kind: "photo" as const, storagePath: photo.storagePath, caption: photo.fileName })) } : {}),
  });
}

function describeForStaff(turn: Turn, view: StaffTicketView): string {
  const language = turn.language;
  const zone = turn.timeZone;
  const timeline = view.timeline.slice(-8).map((event) => {
    const what = describeEvent(language, event, { timeZone: zone });
    // Chinese text takes full-width brackets and colons.
    const who = event.actor.name ? (language === "en" ? ` (${event.actor.name})` : `（${event.actor.name}）`) : "";
    const note = event.note ? `${language === "en" ? ": " : "："}${preview(event.note, 80)}` : "";
    return `${formatDateTime(event.at, language, zone)} ${what}${who}${note}`;
  });
  return t(language, "bot.staff.show", {
    number: view.number,
    urgency: urgencyName(language, view.urgency),
    category: categoryName(language, view.category),
    status: statusName(language, view.status),
    name: view.contactName,
    // Staff call the customer: the staff chat shows the full number; logs never do.
    phone: formatPhone(view.phone),
    product: orNone(language, view.product),
    address: orNone(language, view.address),
    preferredTime: orNone(language, view.preferredTime),
    assignee: view.assigneeName ?? t(language, "value.unassigned"),
    appointment: orNone(language, formatDateTime(view.appointmentAt, language, zone)),
    due: orNone(language, formatDateTime(view.resolutionDueAt, language, zone)),
    photos: String(view.attachments.length),
    description: view.description,
    timeline: timeline.join("\n") || t(language, "value.none"),
  });
}
