/**
 * `/assign <number> <staff>`, or `/assign <number>` for a menu of staff, and the Assign…
 * button on a staff post. Anyone may assign a ticket to themselves; assigning others needs
 * the role the core checks (`assignOthers`).
 */
import { STAFF_ROLES } from "../../../core/index.ts";
import { payload } from "../payloads.ts";
import { roleName, t } from "../text.ts";
import type { Turn } from "../turn.ts";
import type { Choice } from "../types.ts";
import type { StaffCommand } from "./command.ts";

export const assignCommand = {
  name: "assign",
  help: "bot.staff.help.assign",
  usage: "/assign <number> <staff>",
  roles: STAFF_ROLES,
  needsTicket: true,
  async run({ turn, initiator, say, target }) {
    const reference = target.args[0];
    if (!reference) return assignMenu(turn, target.number);
    const ticket = await turn.core.assign(target.number, await resolveStaffReference(turn, reference), initiator);
    const assignee = ticket.assigneeId ? await turn.core.staff.byId(ticket.assigneeId) : null;
    say(t(turn.language, "bot.staff.assigned", { number: ticket.number, assignee: assignee?.name ?? reference }), ticket.number);
  },
  buttons: {
    staff_assign_menu: ({ turn }, button) => assignMenu(turn, button.number),
    async staff_assign({ turn, initiator, say }, button) {
      turn.result.clearButtons = true;
      const ticket = await turn.core.assign(button.number, button.staffId, initiator);
      const assignee = ticket.assigneeId ? await turn.core.staff.byId(ticket.assigneeId) : null;
      say(t(turn.language, "bot.staff.assigned", { number: ticket.number, assignee: assignee?.name ?? "" }), ticket.number);
    },
  },
} satisfies StaffCommand;

async function assignMenu(turn: Turn, number: string): Promise<void> {
  const staff = await turn.core.staff.active();
  if (staff.length === 0) {
    turn.say(t(turn.language, "bot.staff.no_staff"));
    return;
  }
  const rows: Choice[][] = [];
  staff.slice(0, 20).forEach((member, index) => {
    if (index % 2 === 0) rows.push([]);
    rows.at(-1)?.push({ label: `${member.name} (${roleName(turn.language, member.role)})`, payload: payload.staffAssignTo(number, member.id) });
  });
  turn.say({ text: t(turn.language, "bot.staff.choose_assignee", { number }), choices: rows, about: { ticketNumber: number, kind: "notice" } });
}

/** `@username`, a numeric chat id, a staff id or a name → what core.assign accepts. */
async function resolveStaffReference(turn: Turn, reference: string): Promise<string> {
  const { channel } = turn.msg;
  let externalId: string | undefined;
  if (reference.startsWith("@")) externalId = (await turn.deps.seenUsers.findByUsername(channel, reference.slice(1)))?.externalId;
  else if (/^\d+$/.test(reference)) externalId = reference;
  if (externalId) {
    const member = await turn.core.staff.byIdentity({ channel, externalId });
    if (member) return member.id;
  }
  return reference;
}
