/**
 * Which staff names are placeholders ("Admin 9101": registered from a chat id alone, before
 * anyone knew the person's name). Recorded explicitly when the placeholder is given, never
 * guessed from the name's shape; cleared by any rename. Kept as one settings row per member
 * (`staff.<id>.placeholder_name`), so it needs no column of its own.
 */
import type { CoreDeps } from "../ports.ts";

const keyOf = (staffId: string) => `staff.${staffId}.placeholder_name`;

export async function markPlaceholderName(deps: Pick<CoreDeps, "settingsStore" | "clock">, staffId: string): Promise<void> {
  await deps.settingsStore.set(keyOf(staffId), true, { at: deps.clock.now() });
}

export async function hasPlaceholderName(deps: Pick<CoreDeps, "settingsStore">, staffId: string): Promise<boolean> {
  return (await deps.settingsStore.get(keyOf(staffId))) === true;
}

export async function clearPlaceholderName(deps: Pick<CoreDeps, "settingsStore" | "clock">, staffId: string, by?: string): Promise<void> {
  if (!(await hasPlaceholderName(deps, staffId))) return;
  await deps.settingsStore.set(keyOf(staffId), false, { at: deps.clock.now(), ...(by ? { by } : {}) });
}
