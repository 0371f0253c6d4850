import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaClient } from "../generated/prisma/client.ts";
import { GuardedSqliteAdapterFactory, restoreStorageError } from "./guarded-sqlite-adapter.ts";

export type Database = InstanceType<typeof PrismaClient>;

/**
 * Opens the embedded SQLite database through Prisma's driver adapter. WAL lets readers
 * (lookups, the portal) proceed while a write transaction commits; the busy timeout makes
 * a second process (a CLI script) wait instead of failing. `synchronous = FULL` is set
 * explicitly: in WAL mode the build's default is NORMAL, where a power cut can drop the last
 * commits, tickets whose customers were already given a number.
 * The adapter is guarded (guarded-sqlite-adapter.ts): a full disk fails each write at once with
 * `AppError("unavailable")` and never leaves the transaction lock taken.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`Only SQLite (file:) DATABASE_URLs are supported so far, got ${databaseUrl.split(":")[0]}:`);
  }
  const file = resolve(databaseUrl.slice("file:".length));
  mkdirSync(dirname(file), { recursive: true });
  const prisma = new PrismaClient({ adapter: new GuardedSqliteAdapterFactory({ url: `file:${file}` }) });
  try {
    await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await prisma.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
    await prisma.$queryRawUnsafe("PRAGMA synchronous = FULL");
    await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  } catch (error) {
    await prisma.$disconnect().catch(() => undefined);
    throw new Error(describeOpenFailure(file, error), { cause: error });
  }
  // Disk failures reach the stores as the domain's error (see guarded-sqlite-adapter.ts). The
  // extension only rethrows; the client keeps its type, so the cast changes nothing visible.
  return prisma.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw restoreStorageError(error);
        }
      },
    },
  }) as unknown as Database;
}

/** Start-up errors in words (the driver's own text is a last line such as "attempt to write a readonly database"). */
export function describeOpenFailure(file: string, failure: unknown): string {
  // The guarded adapter wraps disk failures in an AppError; the driver's own error is its cause.
  const error = failure instanceof Error && failure.name === "AppError" && failure.cause ? failure.cause : failure;
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.trim().split("\n").pop() ?? message;
  if (code.startsWith("SQLITE_READONLY") || /readonly|read-only/i.test(message)) {
    return `The database ${file} is read-only: the desk must write to it. Check that this user may write the file and its folder, and that the disk is not mounted read-only.`;
  }
  if (code.startsWith("SQLITE_CANTOPEN") || /unable to open/i.test(message)) {
    return `The database ${file} cannot be opened: check that it is a file this user may read and write, in a folder this user may write.`;
  }
  if (code.startsWith("SQLITE_NOTADB") || /not a database/i.test(message)) {
    return `${file} is not a SQLite database (or it is damaged): check DATABASE_URL / DATA_DIR.`;
  }
  if (code.startsWith("SQLITE_FULL") || /disk is full|database or disk is full/i.test(message)) {
    return `The disk holding the database ${file} is full: free some space and start again.`;
  }
  return `The database ${file} could not be opened: ${reason}`;
}
