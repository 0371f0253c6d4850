import type { IdGenerator } from "../core/index.ts";
import { createArticleStore } from "./article-store.ts";
import type { Database } from "./open-database.ts";
import { createCustomerStore, createStaffStore } from "./people-stores.ts";
import { createSchedulingStore } from "./scheduling-store.ts";
import { createSettingsStore } from "./settings-store.ts";
import { createStaffAccessStore } from "./staff-access-store.ts";
import { createSurveyStore } from "./survey-store.ts";
import { createTicketStore } from "./ticket-store.ts";

export type { Database } from "./open-database.ts";
export { openDatabase } from "./open-database.ts";

/** All Prisma-backed ports over one database. */
export function createStores(db: Database, newId: IdGenerator) {
  return {
    tickets: createTicketStore(db, newId),
    customers: createCustomerStore(db),
    staff: createStaffStore(db),
    surveys: createSurveyStore(db, newId),
    scheduling: createSchedulingStore(db, newId),
    settingsStore: createSettingsStore(db, newId),
    articles: createArticleStore(db),
    staffAccess: createStaffAccessStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
