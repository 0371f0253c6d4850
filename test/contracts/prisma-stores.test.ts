import { describeStoreContracts } from "./store-contracts.ts";
import { makePrismaStores } from "./stores-under-test.ts";

// The Prisma stores (db/) on a temp SQLite database copied from the migrated template.
describeStoreContracts("Prisma on SQLite", makePrismaStores);
