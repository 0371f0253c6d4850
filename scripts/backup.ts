/**
 * `npm run backup [FILE]`: a consistent copy of the desk's SQLite database, taken while the desk
 * runs, through SQLite's online backup API (pages are copied from one read snapshot, so a write
 * in progress is either wholly in the copy or not at all). Without FILE it goes to
 * `${DATA_DIR}/backups/desk-<UTC timestamp>.db`. The customers' photos (`${DATA_DIR}/uploads`)
 * are copied next to it into `<FILE without .db>.uploads/`, after the database, so every file a
 * backed-up ticket names is in the copy.
 *
 * `npm run restore FILE`: puts a backup in place of the desk's database. Stop the desk first: it
 * refuses while another connection holds the database (it tries an exclusive lock). It checks
 * that FILE is an intact desk database, keeps the current one as `app.db.before-restore` (and
 * the photos as `uploads.before-restore`), then copies FILE (and its `.uploads/` folder, if any)
 * into place.
 *
 * Both read the same environment (DATA_DIR, DATABASE_URL) through the server's `loadConfig`.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { loadConfig } from "../server/config.ts";
import { databaseIdentity } from "../server/database-identity.ts";

export type BackupCommandResult = { exitCode: number; stdout: string[]; stderr: string[] };

/** Tables a desk database has; a file without them is not a backup of this desk. */
const EXPECTED_TABLES = ["Ticket", "Customer", "TicketEvent", "Staff", "_prisma_migrations"] as const;

/** `desk-2026-12-02T10-15-00Z.db`: sorts by time, safe in any file system. */
export function defaultBackupName(now: Date): string {
  return `desk-${now.toISOString().slice(0, 19).replaceAll(":", "-")}Z.db`;
}

/** Where the photos of a backup live: `x.db` → `x.uploads`. */
export function uploadsFolderFor(backupFile: string): string {
  return join(dirname(backupFile), `${basename(backupFile).replace(/\.(db|sqlite3?)$/i, "")}.uploads`);
}

export async function runBackupCommand(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  now: () => Date = () => new Date(),
): Promise<BackupCommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  if (argv.length > 1) return { exitCode: 2, stdout, stderr: ["usage: npm run backup [FILE]"] };
  const config = loadConfig(env);
  const database = databaseIdentity(config.databaseUrl);
  if (!existsSync(database.path)) {
    stderr.push(`No desk database at ${database.path}. Run \`npm run backup\` with the same DATA_DIR / DATABASE_URL as the server.`);
    return { exitCode: 1, stdout, stderr };
  }
  const target = resolve(argv[0] ?? join(config.dataDir, "backups", defaultBackupName(now())));
  if (existsSync(target)) {
    stderr.push(`${target} already exists; choose another file name (a backup never overwrites one).`);
    return { exitCode: 1, stdout, stderr };
  }
  mkdirSync(dirname(target), { recursive: true });

  const source = new Database(database.path, { fileMustExist: true });
  try {
    // The desk may be mid-write: wait for it like any other connection would.
    source.pragma("busy_timeout = 5000");
    await source.backup(target);
  } catch (error) {
    rmSync(target, { force: true });
    stderr.push(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return { exitCode: 1, stdout, stderr };
  } finally {
    source.close();
  }
  const problem = checkDeskDatabase(target);
  if (problem) {
    stderr.push(`The copy at ${target} does not check out (${problem}); it was not kept.`);
    rmSync(target, { force: true });
    return { exitCode: 1, stdout, stderr };
  }
  stdout.push(`database ${database.path} (id ${database.id}) backed up to ${target}`);

  const uploads = join(config.dataDir, "uploads");
  if (existsSync(uploads)) {
    const uploadsCopy = uploadsFolderFor(target);
    cpSync(uploads, uploadsCopy, { recursive: true, errorOnExist: false, force: true });
    stdout.push(`attachments ${resolve(uploads)} copied to ${uploadsCopy}`);
  } else {
    stdout.push("no attachments folder yet; nothing else to copy");
  }
  return { exitCode: 0, stdout, stderr };
}

export async function runRestoreCommand(argv: readonly string[], env: Record<string, string | undefined>): Promise<BackupCommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  if (argv.length !== 1 || !argv[0]) return { exitCode: 2, stdout, stderr: ["usage: npm run restore FILE (stop the desk first)"] };
  const backup = resolve(argv[0]);
  if (!existsSync(backup)) return { exitCode: 1, stdout, stderr: [`No file at ${backup}.`] };
  const problem = checkDeskDatabase(backup);
  if (problem) return { exitCode: 1, stdout, stderr: [`${backup} is not a desk backup (${problem}); nothing was changed.`] };

  const config = loadConfig(env);
  const database = databaseIdentity(config.databaseUrl);
  const before = `${database.path}.before-restore`;
  const uploads = join(config.dataDir, "uploads");
  const uploadsBefore = `${uploads}.before-restore`;
  const backupUploads = uploadsFolderFor(backup);
  for (const kept of [before, ...(existsSync(backupUploads) ? [uploadsBefore] : [])]) {
    if (existsSync(kept)) {
      stderr.push(`${kept} is left from an earlier restore; move it away first (it may be the only copy of that data). Nothing was changed.`);
      return { exitCode: 1, stdout, stderr };
    }
  }

  if (existsSync(database.path)) {
    const inUse = settleCurrentDatabase(database.path);
    if (inUse) {
      stderr.push(`The database ${database.path} is in use (${inUse}). Stop the desk first, then run \`npm run restore\` again. Nothing was changed.`);
      return { exitCode: 1, stdout, stderr };
    }
    renameSync(database.path, before);
    // Normally gone after the checkpoint; never let an old -wal/-shm sit beside the restored file.
    for (const suffix of ["-wal", "-shm"]) if (existsSync(database.path + suffix)) renameSync(database.path + suffix, before + suffix);
    stdout.push(`kept the current database as ${before}`);
  }
  mkdirSync(dirname(database.path), { recursive: true });
  // Copy through SQLite (it also folds in a -wal beside the backup), then move into place in one step.
  const restoring = `${database.path}.restoring`;
  rmSync(restoring, { force: true });
  const reader = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await reader.backup(restoring);
  } finally {
    reader.close();
  }
  renameSync(restoring, database.path);
  stdout.push(`restored ${backup} to ${database.path} (id ${database.id})`);

  if (existsSync(backupUploads)) {
    if (existsSync(uploads)) {
      renameSync(uploads, uploadsBefore);
      stdout.push(`kept the current attachments as ${uploadsBefore}`);
    }
    cpSync(backupUploads, uploads, { recursive: true });
    stdout.push(`restored attachments from ${backupUploads}`);
  } else {
    stdout.push(`no ${backupUploads} beside the backup; the attachments folder was left as it is`);
  }
  return { exitCode: 0, stdout, stderr };
}

/** Undefined when `file` is an intact SQLite database with the desk's tables, else what is wrong. */
function checkDeskDatabase(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") return `integrity check: ${String(check)}`;
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    const missing = EXPECTED_TABLES.filter((table) => !tables.has(table));
    return missing.length ? `missing tables: ${missing.join(", ")}` : undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/**
 * Takes an exclusive lock on the current database: refused while any other connection (a
 * running desk, a CLI) has it open. When granted, folds the -wal file into the database and
 * closes, so the file alone is the whole database. Returns why it is in use, or undefined.
 */
function settleCurrentDatabase(file: string): string | undefined {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
    db.exec("COMMIT");
    db.pragma("wal_checkpoint(TRUNCATE)");
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // package.json runs `backup.ts backup [FILE]` and `backup.ts restore FILE`.
  const [command, ...args] = process.argv.slice(2);
  const run = command === "restore" ? runRestoreCommand : runBackupCommand;
  const result = await run(args, process.env);
  for (const line of result.stdout) console.log(line);
  for (const line of result.stderr) console.error(line);
  process.exitCode = result.exitCode;
}
