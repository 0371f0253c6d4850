import { AppError } from "../errors.ts";
import type { AuditEntry, CoreDeps } from "../ports.ts";
import { requireAbility } from "../tickets/permissions.ts";
import type { Staff } from "../tickets/types.ts";

/**
 * What every admin change to a staff record shares: who may make it (`manageStaff`; `by:
 * null` is the operator at the command line), which member it is about, how the audit log
 * names the actor, and the one rule that keeps the desk administrable.
 */
export function requireStaffAdmin(by: Staff | null): void {
  if (by) requireAbility(by.role, "manageStaff");
}

/** The member an admin means: an id, or an active member's name or chat account (as `/assign` reads it). */
export async function targetMember(deps: Pick<CoreDeps, "staff">, reference: string): Promise<Staff> {
  const member = await deps.staff.findByReference(reference);
  if (!member) throw new AppError("not_found", { detail: `no staff member "${reference}"` });
  return member;
}

export function auditActor(by: Staff | null): AuditEntry["by"] {
  return by ? { kind: "staff", id: by.id } : { kind: "operator" };
}

/**
 * A change that would leave `target` without active admin rights is refused when it is the
 * acting admin themselves (they would lock themselves out mid-page) or the last active admin
 * (nobody could manage staff afterwards but the operator's CLI).
 */
export async function guardAdminRights(deps: Pick<CoreDeps, "staff">, target: Staff, by: Staff | null): Promise<void> {
  if (target.role !== "admin" || !target.active) return;
  if (by && by.id === target.id) throw new AppError("forbidden", { params: { reason: "own_account" }, detail: "an admin may not demote or deactivate themselves" });
  const admins = (await deps.staff.list()).filter((member) => member.active && member.role === "admin");
  if (admins.length <= 1) throw new AppError("forbidden", { params: { reason: "last_admin" }, detail: "the last active admin" });
}

/** A `validation` error naming one field and its problem, as the forms show it. */
export function fieldError(field: string, problem: "taken" | "invalid" | "required", detail: string): AppError {
  return new AppError("validation", { params: { fields: [field], issues: [{ field, problem: { kind: problem } }] }, detail });
}
