import type { CoreDeps } from "../ports.ts";
import { STAFF_ROLES, type Staff, type StaffRole } from "../tickets/types.ts";
import { auditActor, fieldError, guardAdminRights, requireStaffAdmin, targetMember } from "./admin-rules.ts";

/** An admin gives a member another role; taking admin rights away keeps at least one active admin. */
export async function changeStaffRole(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit">,
  input: { staff: string; role: string },
  by: Staff | null,
): Promise<Staff> {
  requireStaffAdmin(by);
  if (!(STAFF_ROLES as readonly string[]).includes(input.role)) throw fieldError("role", "invalid", `unknown role ${input.role}`);
  const role = input.role as StaffRole;
  const target = await targetMember(deps, input.staff);
  if (target.role === role) return target;
  if (role !== "admin") await guardAdminRights(deps, target, by);
  const changed = await deps.staff.update(target.id, { role });
  if (!changed) throw fieldError("staff", "invalid", `no staff member ${target.id}`);
  deps.audit?.({ action: "staff_role_changed", staffId: target.id, from: target.role, to: role, by: auditActor(by), at: deps.clock.now() });
  return changed;
}
