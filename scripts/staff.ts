/**
 * `npm run staff -- add <name> <role> [--telegram <user id>]`: registers a staff member on
 * the local database and prints their API token once (only its hash is stored).
 * `npm run staff -- list`: lists staff. `npm run staff -- rename <id or name> <new name>`: changes
 * the name customers see (an audit line goes to stderr). The first admin of a fresh install is made here
 * (or through ADMIN_TELEGRAM_IDS when the Telegram bot is enabled).
 */
import { randomBytes } from "node:crypto";
import { classifyReport, isAppError, STAFF_NAME_MAX_LENGTH } from "../core/index.ts";
import { composeCore } from "../server/compose-core.ts";
import { loadConfig } from "../server/config.ts";
import { hashApiToken } from "../server/http/staff-auth.ts";

async function main(argv: string[]): Promise<void> {
  const [command, name, role, ...rest] = argv;
  const config = loadConfig(process.env);
  const { core, db } = await composeCore({ config, classify: classifyReport, audit: (entry) => console.error(JSON.stringify({ audit: entry })) });
  try {
    if (command === "list") {
      for (const member of await core.staff.active()) console.log(`${member.id}\t${member.role}\t${member.active ? "active" : "inactive"}\t${member.name}`);
      return;
    }
    // The new name is everything after the member: `rename 9101 王 芳` and `rename 9101 "王芳"` both work.
    const newName = [role, ...rest].join(" ");
    if (command === "rename" && name && newName.trim()) {
      try {
        const renamed = await core.renameStaff(name, newName, null);
        console.log(`renamed ${renamed.id} to ${renamed.name}`);
      } catch (error) {
        if (!isAppError(error) || (error.code !== "not_found" && error.code !== "validation")) throw error;
        console.error(
          error.code === "not_found"
            ? `no staff member matches "${name}" (an id from \`npm run staff -- list\`, or an active member's name)`
            : `not a valid name: 1 to ${STAFF_NAME_MAX_LENGTH} characters, no line breaks or other control characters`,
        );
        process.exitCode = 1;
      }
      return;
    }
    if (command !== "add" || !name || !role) {
      console.error(
        "usage: npm run staff -- add <name> <agent|technician|supervisor|admin> [--telegram <user id>]\n" +
          "       npm run staff -- rename <id or name> <new name>\n" +
          "       npm run staff -- list",
      );
      process.exitCode = 2;
      return;
    }
    const telegramIndex = rest.indexOf("--telegram");
    const telegramId = telegramIndex >= 0 ? rest[telegramIndex + 1] : undefined;
    const token = randomBytes(24).toString("base64url");
    const staff = await core.registerStaff(
      {
        name,
        role: role as "agent",
        apiTokenHash: hashApiToken(token),
        identities: telegramId ? [{ channel: "telegram", externalId: telegramId }] : [],
      },
      null,
    );
    console.log(`registered ${staff.name} (${staff.role}), id ${staff.id}`);
    console.log(`API token (shown once): ${token}`);
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
