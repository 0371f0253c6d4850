import { z } from "zod";
import { AppError } from "../errors.ts";
import type { AuditEntry, CoreDeps } from "../ports.ts";
import { requireAbility } from "../tickets/permissions.ts";
import { validationError } from "../tickets/report.ts";
import type { Staff } from "../tickets/types.ts";
import { clearPlaceholderName, hasPlaceholderName } from "./placeholder-name.ts";
import { staffNameSchema, tidyStaffName } from "./staff-name.ts";

const renameSchema = z.object({ name: staffNameSchema });

type RenameDeps = Pick<CoreDeps, "staff" | "settingsStore" | "clock" | "audit">;

/**
 * Changes the name customers see for a staff member (`/name 王芳` in chat, `npm run staff --
 * rename`). Anyone active renames themselves; renaming someone else needs `manageStaff`;
 * `by: null` is the operator at the command line. `staff` is an id, a name or a chat account
 * (as `/assign` reads it). Not a ticket event: the change goes to the audit log.
 */
export async function renameStaff(deps: RenameDeps, input: { staff: string; name: string }, by: Staff | null): Promise<Staff> {
  const target = by && input.staff === by.id ? by : await deps.staff.findByReference(input.staff);
  if (!target) throw new AppError("not_found", { detail: `no staff member "${input.staff}"` });
  if (by && by.id !== target.id) requireAbility(by.role, "manageStaff");
  const parsed = renameSchema.safeParse({ name: input.name });
  if (!parsed.success) throw validationError(parsed.error);
  return rename(deps, target, parsed.data.name, by ? { kind: "staff", id: by.id } : { kind: "operator" });
}

/**
 * A member whose name is still a placeholder takes the name of their own chat profile (their
 * Telegram first and last name), once: called on their messages, it does nothing after the
 * first rename of any kind. Returns the renamed member, or null when nothing changed.
 */
export async function adoptStaffProfileName(deps: RenameDeps, staffId: string, profileName: string): Promise<Staff | null> {
  if (!(await hasPlaceholderName(deps, staffId))) return null;
  const member = await deps.staff.findById(staffId);
  const name = tidyStaffName(profileName);
  if (!member || !name) return null;
  return rename(deps, member, name, { kind: "chat_profile" });
}

async function rename(deps: RenameDeps, member: Staff, name: string, by: AuditEntry["by"]): Promise<Staff> {
  const renamed = await deps.staff.rename(member.id, name);
  if (!renamed) throw new AppError("not_found", { detail: `no staff member "${member.id}"` });
  await clearPlaceholderName(deps, member.id, by.kind === "staff" ? by.id : by.kind);
  deps.audit?.({ action: "staff_renamed", staffId: member.id, from: member.name, to: renamed.name, by, at: deps.clock.now() });
  return renamed;
}
