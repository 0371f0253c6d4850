import type { CoreDeps } from "../ports.ts";
import type { ChannelIdentity, Staff } from "../tickets/types.ts";

/**
 * Who the staff are, as adapters need to know it: the sender of a chat command, the holder
 * of an API token, the people an assignment menu offers. Lookups only; registering staff is
 * `registerStaff`, with its role check.
 */
export function staffDirectory(deps: Pick<CoreDeps, "staff" | "clock">) {
  return {
    /** The active staff member behind a chat account (a deactivated one is not found). */
    byIdentity: (identity: ChannelIdentity): Promise<Staff | null> => deps.staff.findByIdentity(identity),
    byId: (id: string): Promise<Staff | null> => deps.staff.findById(id),
    /** The member a typed reference names: staff id, name or chat id, with or without `@` (console sign-in keys its limits by it). */
    byReference: (reference: string): Promise<Staff | null> => deps.staff.findByReference(reference.trim()),
    /** The active staff member whose unexpired API token hashes to this (see server/http/staff-auth.ts). */
    byApiTokenHash: (hash: string): Promise<Staff | null> => deps.staff.findByApiTokenHash(hash, deps.clock.now()),
    /** Active staff, for assignment menus and `/staff list`. */
    active: async (): Promise<Staff[]> => (await deps.staff.list()).filter((member) => member.active),
    /** The work centers, for the console's filters and dispatch. */
    workCenters: () => deps.staff.workCenters(),
  };
}

export type StaffDirectory = ReturnType<typeof staffDirectory>;
