/**
 * `/staff list` (anyone) and `/staff add <account id or @username> <role> [name]` (whoever
 * may manage staff, `manageStaff` in the core's rules). An @username is known once that
 * person has written to the bot; in a WeChat room an @mention names the mentioned account.
 * Account ids: Telegram's are numbers; WeChat contact ids are words (`wxid_…`).
 */
import { AppError, hasAbility, STAFF_ROLES, type StaffRole } from "../../../core/index.ts";
import { roleName, t } from "../text.ts";
import type { StaffCommand } from "./command.ts";

export const staffCommand = {
  name: "staff",
  help: "bot.staff.help.staff",
  usage: "/staff add <telegram id, @username, WeChat contact id or @mention> <role> [name] · /staff list",
  roles: STAFF_ROLES,
  needsTicket: false,
  async run({ turn, staff, command, usage }) {
    const language = turn.language;
    const [action, who, roleWord, ...nameWords] = command.args;
    if (action === "list") {
      const members = await turn.core.staff.active();
      const lines = members.map((member) => `${member.name} · ${roleName(language, member.role)}`);
      turn.say(`${t(language, "bot.staff.list_header")}\n${lines.join("\n") || t(language, "value.none")}`);
      return;
    }
    // Refused before usernames are looked up; core.registerStaff checks the same rule.
    if (action === "add" && !hasAbility(staff.role, "manageStaff")) throw new AppError("forbidden", { detail: `${staff.role} may not manageStaff` });
    const role = roleWord?.toLowerCase() as StaffRole | undefined;
    if (action !== "add" || !who || !role || !STAFF_ROLES.includes(role)) return usage();
    const { channel } = turn.msg;
    // A mention the channel resolved to an account (WeChat rooms) names that account exactly.
    const mentioned = who.startsWith("@") ? turn.msg.mentions?.find((mention) => mention.displayName === who.slice(1)) : undefined;
    const isAccountId = isAccountIdOn(channel, who);
    const seen = mentioned
      ? { externalId: mentioned.externalId, displayName: mentioned.displayName }
      : who.startsWith("@")
        ? await turn.deps.seenUsers.findByUsername(channel, who.slice(1))
        : isAccountId
          ? await turn.deps.seenUsers.findById(channel, who)
          : null;
    if (who.startsWith("@") && !seen) {
      turn.say(t(language, "bot.staff.unknown_user", { username: who.slice(1) }));
      return;
    }
    const externalId = seen?.externalId ?? (isAccountId ? who : null);
    if (!externalId) return usage();
    const typed = nameWords.join(" ");
    // A name the person gave their account, else a stand-in their profile name replaces on their first message.
    const known = seen?.displayName && seen.displayName !== externalId ? seen.displayName : undefined;
    const username = seen && "username" in seen ? seen.username : undefined;
    const name = typed || known || (username ? `@${username}` : externalId);
    const member = await turn.core.registerStaff({ name, role, identities: [{ channel, externalId }], ...(typed || known ? {} : { placeholderName: true }) }, staff);
    turn.say(t(language, "bot.staff.registered", { name: member.name, role: roleName(language, member.role) }));
  },
} satisfies StaffCommand;

/** Whether `who` is written as an account id on this channel (not an @name). */
function isAccountIdOn(channel: string, who: string): boolean {
  if (channel === "telegram") return /^\d+$/.test(who);
  return /^[A-Za-z0-9_@.:-]{3,128}$/.test(who) && !who.startsWith("@");
}
