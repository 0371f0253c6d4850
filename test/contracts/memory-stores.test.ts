import { describeStoreContracts } from "./store-contracts.ts";
import { makeMemoryStores } from "./stores-under-test.ts";

// The in-memory fakes (test/fakes/memory-stores.ts) the core's unit tests run on.
describeStoreContracts("in-memory fake", makeMemoryStores);
