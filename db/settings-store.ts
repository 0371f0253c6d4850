import type { SettingsStore } from "../core/index.ts";
import type { Database } from "./open-database.ts";

export function createSettingsStore(db: Database): SettingsStore {
  return {
    async get(key) {
      const row = await db.setting.findUnique({ where: { key } });
      return row ? (JSON.parse(row.value) as unknown) : null;
    },
    async set(key, value, options) {
      const data = { value: JSON.stringify(value), updatedAt: options.at, updatedBy: options.by ?? null };
      await db.setting.upsert({ where: { key }, create: { key, ...data }, update: data });
    },
  };
}
