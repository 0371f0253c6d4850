/**
 * Prisma's better-sqlite3 driver adapter, guarded against two ways a failing disk breaks it.
 *
 * 1. The lock that never comes back. The adapter serializes transactions with a mutex that
 *    only its transaction's `commit()`/`rollback()` release. Prisma runs `COMMIT` (or
 *    `ROLLBACK`) as a statement first and calls `commit()`/`rollback()` only when the
 *    statement succeeded. When the disk is full, `COMMIT` fails with SQLITE_FULL (and SQLite
 *    may already have rolled the transaction back, so the `ROLLBACK` after a failed statement
 *    fails with "no transaction is active"): the mutex stays taken and every later write
 *    waits on it forever, also once space is back (an open upstream bug, prisma/orm#29933 is
 *    the SQLITE_BUSY twin). Here a failed `COMMIT`/`ROLLBACK` undoes what is left of the
 *    transaction on the connection and releases the mutex; a `ROLLBACK` that failed because
 *    SQLite had already rolled back counts as done.
 * 2. The error nobody can read. SQLITE_FULL, a read-only or failing disk come out of the
 *    driver as its own error; they become one `AppError("unavailable")`, which every
 *    transport already translates ("cannot save at the moment, try again later", 503).
 *
 * Nothing is retried here: the caller's operation fails at once, and the next one tries the
 * disk again, so the desk recovers by itself once space is freed.
 */
import type BetterSqlite3 from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { AppError } from "../core/index.ts";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Query = Parameters<Transaction["executeRaw"]>[0];
type Queryable = Pick<Adapter, "queryRaw" | "executeRaw">;

/** What the driver says when the disk (not the query) is the problem; their `code`s are SQLite's. */
export function storageFailureOf(error: unknown): "storage_full" | "storage_unwritable" | null {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  const message = error instanceof Error ? error.message : "";
  if (code.startsWith("SQLITE_FULL") || /database or disk is full/i.test(message)) return "storage_full";
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR")) return "storage_unwritable";
  return null;
}

/** A storage failure as the domain's error (others unchanged). */
export function toStorageError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const reason = storageFailureOf(error);
  if (!reason) return error;
  return new AppError("unavailable", { params: { reason }, detail: `database cannot write: ${error instanceof Error ? error.message : String(error)}`, cause: error });
}

/**
 * Prisma re-wraps an error that carries a `code` (as AppError does) thrown by the adapter
 * during an ordinary query into its own PrismaClientKnownRequestError with that code; the
 * client extension in open-database.ts turns it back into the domain's error with this.
 */
export function restoreStorageError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  if ((error as { code?: unknown }).code !== "unavailable" || error.name !== "PrismaClientKnownRequestError") return error;
  const reason = /database or disk is full/i.test(error.message) ? "storage_full" : "storage_unwritable";
  return new AppError("unavailable", { params: { reason }, detail: error.message.trim().split("\n").pop() ?? "database cannot write", cause: error });
}

/** A factory for `new PrismaClient({ adapter })`, like `new PrismaBetterSQLite3(...)`, with the guards above. */
export class GuardedSqliteAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;

  constructor(config: ConstructorParameters<typeof PrismaBetterSQLite3>[0]) {
    this.#inner = new PrismaBetterSQLite3(config);
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<Adapter> {
    return guardAdapter(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<Adapter> {
    return guardAdapter(await this.#inner.connectToShadowDb());
  }
}

function guardAdapter(adapter: Adapter): Adapter {
  // The adapter keeps its better-sqlite3 connection as `client` (not in its type).
  const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
  guardQueries(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeScript = async (script) => {
    try {
      return await executeScript(script);
    } catch (error) {
      throw toStorageError(error);
    }
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    try {
      return guardTransaction(await startTransaction(isolationLevel), connection);
    } catch (error) {
      throw toStorageError(error);
    }
  };
  return adapter;
}

function guardQueries(queryable: Queryable): void {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (error) {
      throw toStorageError(error);
    }
  };
  queryable.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      throw toStorageError(error);
    }
  };
}

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK|END)\b/i;

function guardTransaction(transaction: Transaction, connection: BetterSqlite3.Database): Transaction {
  // Both of the adapter's commit() and rollback() do one thing: release its mutex. Once only.
  const release = transaction.rollback.bind(transaction);
  let released = false;
  const releaseOnce = async () => {
    if (released) return;
    released = true;
    await release();
  };
  transaction.commit = releaseOnce;
  transaction.rollback = releaseOnce;

  guardQueries(transaction);
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = async (query: Query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (!ENDS_TRANSACTION.test(query.sql)) throw error;
      // COMMIT or ROLLBACK failed: Prisma will not release the lock. Leave the connection
      // outside any transaction, then release it ourselves.
      if (connection.inTransaction) {
        try {
          connection.exec("ROLLBACK");
        } catch {
          // The connection is unusable either way; the next statement will say so.
        }
      }
      const isRollback = /^\s*ROLLBACK\b/i.test(query.sql);
      // A ROLLBACK with nothing left to roll back did what it was for: Prisma then calls
      // rollback(), which releases the lock. A failed COMMIT reaches the caller as a failure.
      if (isRollback && !connection.inTransaction) return 0;
      await releaseOnce();
      throw error;
    }
  };
  return transaction;
}
