import { Prisma } from "../generated/prisma/client.ts";
import type { IdGenerator, SettingsStore } from "../core/index.ts";
import type { Database } from "./open-database.ts";
import { writeOutbox } from "./outbox-rows.ts";

export function createSettingsStore(db: Database, newId: IdGenerator): SettingsStore {
  return {
    async get(key) {
      const row = await db.setting.findUnique({ where: { key } });
      return row ? (JSON.parse(row.value) as unknown) : null;
    },
    async set(key, value, options) {
      const data = { value: JSON.stringify(value), updatedAt: options.at, updatedBy: options.by ?? null };
      await db.setting.upsert({ where: { key }, create: { key, ...data }, update: data });
    },
    async claim(key, value, options, outbox) {
      try {
        // The key is the primary key: of racing claims, one insert wins and the others fail.
        await db.$transaction(async (tx) => {
          await tx.setting.create({ data: { key, value: JSON.stringify(value), updatedAt: options.at, updatedBy: options.by ?? null } });
          await writeOutbox(tx, outbox, { newId, at: options.at });
        });
        return true;
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
        throw error;
      }
    },
  };
}
