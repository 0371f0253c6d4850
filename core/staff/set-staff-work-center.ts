import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Staff } from "../tickets/types.ts";
import { auditActor, fieldError, requireStaffAdmin, targetMember } from "./admin-rules.ts";

/**
 * An admin puts a member in a work center (or in none: `workCenterId` empty). Membership
 * decides the member's "My work center" queue and the center a ticket follows when it is
 * assigned to them.
 */
export async function setStaffWorkCenter(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit">,
  input: { staff: string; workCenterId: string | null },
  by: Staff | null,
): Promise<Staff> {
  requireStaffAdmin(by);
  const target = await targetMember(deps, input.staff);
  const workCenterId = input.workCenterId || null;
  if (workCenterId && !(await deps.staff.workCenters()).some((center) => center.id === workCenterId)) {
    throw fieldError("workCenterId", "invalid", `no work center ${workCenterId}`);
  }
  if ((target.workCenterId ?? null) === workCenterId) return target;
  const changed = await deps.staff.update(target.id, { workCenterId });
  if (!changed) throw new AppError("not_found", { detail: `no staff member ${target.id}` });
  deps.audit?.({ action: "staff_work_center_changed", staffId: target.id, from: target.workCenterId ?? null, to: workCenterId, by: auditActor(by), at: deps.clock.now() });
  return changed;
}
