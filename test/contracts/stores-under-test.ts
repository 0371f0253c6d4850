import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { CoreDeps, OutboxIntent } from "../../core/index.ts";
import { createStores } from "../../db/index.ts";
import { createOutboxStore } from "../../db/outbox-store.ts";
import { sequentialIds } from "../fakes/fake-clock.ts";
import { createMemoryStores } from "../fakes/memory-stores.ts";
import { createTempDatabase } from "../support/temp-database.ts";

/** The ports every store implementation offers, as the contract suites drive them. */
export type PortStores = Pick<CoreDeps, "tickets" | "customers" | "staff" | "surveys" | "scheduling" | "settingsStore" | "articles">;

/**
 * One implementation of the ports under test, with the few things the contract must see or
 * set up that the ports themselves do not offer (the outbox is written through the ports but
 * read by the delivery worker; staff are deactivated by an administrator's script).
 */
export type StoresUnderTest = {
  stores: PortStores;
  /** The outgoing messages stored for a ticket (undefined: about no ticket), in the order they were written. */
  outboxFor(ticketId: string | undefined): Promise<OutboxIntent[]>;
  deactivateStaff(id: string): Promise<void>;
  close(): Promise<void>;
};

export type MakeStores = () => Promise<StoresUnderTest>;

/** The in-memory fakes (test/fakes/memory-stores.ts) the core's unit tests run on. */
export const makeMemoryStores: MakeStores = async () => {
  const memory = createMemoryStores(sequentialIds());
  return {
    stores: memory,
    async outboxFor(ticketId) {
      return memory.outbox.filter((intent) => intent.ticketId === ticketId).map(({ channel, recipient, ticketId: id, notification }) => ({ channel, recipient, ticketId: id, notification }));
    },
    async deactivateStaff(id) {
      const member = memory.staffMap.get(id);
      if (member) memory.staffMap.set(id, { ...member, active: false });
    },
    async close() {},
  };
};

const FAR_FUTURE = new Date("9999-01-01T00:00:00Z");

/** The Prisma stores (db/) on a copy of the migrated template SQLite database. */
export const makePrismaStores: MakeStores = async () => {
  const database = await createTempDatabase();
  const outbox = createOutboxStore(database.db);
  return {
    stores: createStores(database.db, () => randomUUID()),
    async outboxFor(ticketId) {
      // The delivery worker's own read: rows are stored pending and due at once.
      const rows = await outbox.due(FAR_FUTURE, ["telegram", "wechat", "portal", "api", "system"], { limit: 10_000, perRecipient: 10_000 });
      return rows
        .filter((row) => row.ticketId === ticketId)
        // Writing order, as the in-memory store keeps them (`due` puts the more urgent first).
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((row) => {
          if (!row.notification) throw new Error(`unreadable outbox row ${row.id}: ${row.unreadable}`);
          return { channel: row.channel, recipient: row.recipient, ticketId: row.ticketId, notification: row.notification };
        });
    },
    async deactivateStaff(id) {
      await database.db.staff.update({ where: { id }, data: { active: false } });
    },
    close: database.cleanup,
  };
};

/**
 * Stores shared by the tests of one `describe` (a temp database per describe, not per test):
 * each test there writes its own phones, days, accounts and names, so they do not see each
 * other. A describe whose tests read the whole table (lists, due jobs) calls this again
 * inside itself for stores of its own.
 */
export function storesPerDescribe(makeStores: MakeStores): () => StoresUnderTest {
  let current: StoresUnderTest | undefined;
  beforeAll(async () => {
    current = await makeStores();
  });
  afterAll(async () => {
    await current?.close();
  });
  return () => {
    if (!current) throw new Error("stores are made in beforeAll; call this inside a test");
    return current;
  };
}
