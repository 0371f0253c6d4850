import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";

export type Database = InstanceType<typeof PrismaClient>;

/**
 * Opens the embedded SQLite database through Prisma's driver adapter. WAL lets readers
 * (lookups, the portal) proceed while a write transaction commits; the busy timeout makes
 * a second process (a CLI script) wait instead of failing.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`Only SQLite (file:) DATABASE_URLs are supported so far, got ${databaseUrl.split(":")[0]}:`);
  }
  const file = resolve(databaseUrl.slice("file:".length));
  mkdirSync(dirname(file), { recursive: true });
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await prisma.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return prisma;
}
