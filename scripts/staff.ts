/**
 * `npm run staff -- add <name> <role> [--telegram <user id>] [--wechat <contact id>]`: registers a staff member on
 * the desk's database and prints their API token once (only its hash is stored).
 * `npm run staff -- link <id or name>`: prints a one-time staff-console sign-in URL (valid 15 minutes,
 * once), built on PUBLIC_URL (else the desk's local address).
 * `npm run staff -- list`: lists staff. `npm run staff -- rename <id or name> <new name>`: changes
 * the name customers see (an audit line goes to stderr). The first admin of a fresh install is made here
 * (or through ADMIN_TELEGRAM_IDS when the Telegram bot is enabled).
 *
 * The database is the server's: the same environment (DATA_DIR, DATABASE_URL) read by the same
 * `loadConfig`, so run it with the settings you start the desk with. It prints which database
 * it used and refuses to create one (a token written to a stray new file would never work).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { classifyReport, isAppError, STAFF_NAME_MAX_LENGTH, STAFF_ROLES, type StaffRole } from "../core/index.ts";
import { composeCore } from "../server/compose-core.ts";
import { loadConfig } from "../server/config.ts";
import { databaseIdentity } from "../server/database-identity.ts";
import { hashApiToken } from "../server/http/staff-auth.ts";

const USAGE = [
  "usage: npm run staff -- add <name> <agent|technician|supervisor|admin> [--telegram <user id>] [--wechat <contact id>]",
  "       npm run staff -- rename <id or name> <new name>",
  "       npm run staff -- link <id or name>",
  "       npm run staff -- list",
].join("\n");

export type StaffCommandResult = { exitCode: number; stdout: string[]; stderr: string[] };

export async function runStaffCommand(argv: readonly string[], env: Record<string, string | undefined>): Promise<StaffCommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const [command, name, role, ...rest] = argv;
  // The new name is everything after the member: `rename 9101 王 芳` and `rename 9101 "王芳"` both work.
  const newName = [role, ...rest].join(" ");
  const known = command === "list" || (command === "link" && name) || (command === "add" && name && role) || (command === "rename" && name && newName.trim());
  if (!known) return { exitCode: 2, stdout, stderr: [USAGE] };
  if (command === "add" && !STAFF_ROLES.includes(role as StaffRole)) return { exitCode: 2, stdout, stderr: [`unknown role "${role}": use ${STAFF_ROLES.join(", ")}`, USAGE] };

  const config = loadConfig(env);
  const database = databaseIdentity(config.databaseUrl);
  if (!existsSync(database.path)) {
    stderr.push(
      `No desk database at ${database.path}.`,
      "Start the desk once with `npm start` (it creates the database), and run `npm run staff` with the same DATA_DIR / DATABASE_URL as the server.",
    );
    return { exitCode: 1, stdout, stderr };
  }
  const { core, db } = await composeCore({ config, classify: classifyReport, audit: (entry) => stderr.push(JSON.stringify({ audit: entry })) });
  try {
    if (command === "list") {
      stdout.push(`database ${database.path} (id ${database.id})`);
      for (const member of await core.staff.active()) stdout.push(`${member.id}\t${member.role}\t${member.active ? "active" : "inactive"}\t${member.name}`);
      return { exitCode: 0, stdout, stderr };
    }
    if (command === "link") {
      // The whole rest is the name: `link 王 芳` and `link "王芳"` both work.
      const reference = [name, role, ...rest].filter(Boolean).join(" ");
      try {
        const link = await core.staffAccess.issueSignInLink(reference, null);
        stdout.push(`one-time sign-in link for ${link.staff.name} (${link.staff.role}), valid until ${link.expiresAt.toISOString()}, once:`);
        stdout.push(link.url);
        if (!config.publicUrlConfigured) stderr.push(`PUBLIC_URL is not set: the link uses ${config.publicUrl}; set PUBLIC_URL to the address staff open the desk at.`);
        return { exitCode: 0, stdout, stderr };
      } catch (error) {
        if (!isAppError(error) || error.code !== "not_found") throw error;
        stderr.push(`no active staff member matches "${reference}" (an id from \`npm run staff -- list\`, or an active member's name)`);
        return { exitCode: 1, stdout, stderr };
      }
    }
    if (command === "rename") {
      try {
        const renamed = await core.renameStaff(name ?? "", newName, null);
        stdout.push(`renamed ${renamed.id} to ${renamed.name}`);
        return { exitCode: 0, stdout, stderr };
      } catch (error) {
        if (!isAppError(error) || (error.code !== "not_found" && error.code !== "validation")) throw error;
        stderr.push(
          error.code === "not_found"
            ? `no staff member matches "${name}" (an id from \`npm run staff -- list\`, or an active member's name)`
            : `not a valid name: 1 to ${STAFF_NAME_MAX_LENGTH} characters, no line breaks or other control characters`,
        );
        return { exitCode: 1, stdout, stderr };
      }
    }
    const telegramIndex = rest.indexOf("--telegram");
    const telegramId = telegramIndex >= 0 ? rest[telegramIndex + 1] : undefined;
    const wechatIndex = rest.indexOf("--wechat");
    const wechatId = wechatIndex >= 0 ? rest[wechatIndex + 1] : undefined;
    const token = randomBytes(24).toString("base64url");
    const staff = await core.registerStaff(
      {
        name: name ?? "",
        role: role as StaffRole,
        apiTokenHash: hashApiToken(token),
        identities: [
          ...(telegramId ? [{ channel: "telegram" as const, externalId: telegramId }] : []),
          ...(wechatId ? [{ channel: "wechat" as const, externalId: wechatId }] : []),
        ],
      },
      null,
    );
    stdout.push(`registered ${staff.name} (${staff.role}), id ${staff.id}`);
    stdout.push(`database ${database.path} (id ${database.id}): the token works only on a desk serving this database`);
    stdout.push(`API token (shown once): ${token}`);
    return { exitCode: 0, stdout, stderr };
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runStaffCommand(process.argv.slice(2), process.env).then(
    (result) => {
      for (const line of result.stdout) console.log(line);
      for (const line of result.stderr) console.error(line);
      process.exitCode = result.exitCode;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
