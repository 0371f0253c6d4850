import { randomUUID } from "node:crypto";
import { createCore, type CoreDeps, type CoreSettings } from "../../core/index.ts";
import type { Classification, StaffRole } from "../../core/tickets/types.ts";
import { createStores } from "../../db/index.ts";
import { createTokenSigner } from "../../server/token-signer.ts";
import { FakeClock } from "../fakes/fake-clock.ts";
import { testSettings } from "../fixtures/core-fixture.ts";
import { createTempDatabase } from "./temp-database.ts";

/** The core over the real Prisma store on a temp SQLite file, with a clock the test controls. */
export async function buildDbCore(options: { start?: string; classification?: Partial<Classification>; settings?: Partial<CoreSettings>; dir?: string } = {}) {
  const database = await createTempDatabase(options.dir ? { dir: options.dir } : {});
  const clock = new FakeClock(options.start ?? "2026-11-24T02:00:00Z");
  const newId = () => randomUUID();
  const stores = createStores(database.db, newId);
  const classification: Classification = { category: "repair", urgency: "normal", confidence: 0.8, reasons: ["test"], ...options.classification };
  const deps: CoreDeps = { ...stores, clock, newId, signer: createTokenSigner("test-secret"), classify: () => classification, settings: { ...testSettings(), ...options.settings } };
  const core = createCore(deps);
  async function addStaff(name: string, role: StaffRole, options: { telegram?: string } = {}) {
    const identities = options.telegram ? [{ channel: "telegram" as const, externalId: options.telegram }] : [];
    const member = await stores.staff.create({ id: newId(), name, role, createdAt: clock.now(), identities });
    return { actor: { kind: "staff" as const, id: member.id, name }, channel: "api" as const };
  }
  return { ...database, core, deps, stores, clock, addStaff };
}
