import { describeArticleStoreContract } from "./article-store.contract.ts";
import { describeCustomerStoreContract } from "./customer-store.contract.ts";
import { describeSchedulingStoreContract } from "./scheduling-store.contract.ts";
import { describeSettingsStoreContract } from "./settings-store.contract.ts";
import { describeStaffStoreContract } from "./staff-store.contract.ts";
import type { MakeStores } from "./stores-under-test.ts";
import { describeSurveyStoreContract } from "./survey-store.contract.ts";
import { describeTicketStoreContract } from "./ticket-store.contract.ts";

/**
 * Every port's contract, for one implementation. memory-stores.test.ts and
 * prisma-stores.test.ts both call this, so the in-memory fakes the core's tests run on and
 * the Prisma store the desk runs on keep the same promises and cannot drift apart.
 */
export function describeStoreContracts(name: string, makeStores: MakeStores): void {
  describeTicketStoreContract(name, makeStores);
  describeCustomerStoreContract(name, makeStores);
  describeStaffStoreContract(name, makeStores);
  describeSurveyStoreContract(name, makeStores);
  describeSchedulingStoreContract(name, makeStores);
  describeSettingsStoreContract(name, makeStores);
  describeArticleStoreContract(name, makeStores);
}
