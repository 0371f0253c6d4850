import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Staff } from "../tickets/types.ts";
import { auditActor, guardAdminRights, requireStaffAdmin, targetMember } from "./admin-rules.ts";

/**
 * An admin deactivates a member (or takes them back). A deactivated member is found by no
 * chat account, token or session lookup (the stores' rule), so they stop working at once;
 * their sessions and unspent sign-in links are also deleted, so taking them back later does
 * not revive an old browser. Their tickets stay where they are, for a supervisor to reassign.
 */
export async function setStaffActive(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit" | "staffAccess">,
  input: { staff: string; active: boolean },
  by: Staff | null,
): Promise<Staff> {
  requireStaffAdmin(by);
  const target = await targetMember(deps, input.staff);
  if (target.active === input.active) return target;
  if (!input.active) await guardAdminRights(deps, target, by);
  const changed = await deps.staff.update(target.id, { active: input.active });
  if (!changed) throw new AppError("not_found", { detail: `no staff member ${target.id}` });
  if (!input.active) await deps.staffAccess?.deleteSessionsOf(target.id);
  deps.audit?.({ action: input.active ? "staff_reactivated" : "staff_deactivated", staffId: target.id, by: auditActor(by), at: deps.clock.now() });
  return changed;
}
