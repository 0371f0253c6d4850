import type { CoreDeps, WorkCenter } from "../ports.ts";
import type { ChannelIdentity, Staff } from "../tickets/types.ts";
import { requireStaffAdmin } from "./admin-rules.ts";

export type StaffRecord = Staff & { identities: ChannelIdentity[] };

/**
 * The admin's view of the staff: everybody (deactivated members too) with their chat
 * accounts, and the work centers with their members. Admins only: it names every account.
 */
export async function listStaff(
  deps: Pick<CoreDeps, "staff">,
  by: Staff | null,
): Promise<{ staff: StaffRecord[]; workCenters: (WorkCenter & { members: Staff[] })[] }> {
  requireStaffAdmin(by);
  const members = await deps.staff.list();
  const staff = await Promise.all(members.map(async (member) => ({ ...member, identities: await deps.staff.identitiesOf(member.id) })));
  const workCenters = (await deps.staff.workCenters()).map((center) => ({ ...center, members: members.filter((member) => member.workCenterId === center.id) }));
  return { staff, workCenters };
}
