import { AppError } from "../errors.ts";
import type { CoreDeps, WorkCenter } from "../ports.ts";
import { auditActor, fieldError, requireStaffAdmin } from "../staff/admin-rules.ts";
import type { Staff } from "../tickets/types.ts";
import { readWorkCenterName } from "./work-center-name.ts";

/** An admin renames a work center; its members, tickets and SLA overrides keep it (they hold its id). */
export async function renameWorkCenter(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit">,
  input: { id: string; name: string },
  by: Staff | null,
): Promise<WorkCenter> {
  requireStaffAdmin(by);
  const name = readWorkCenterName(input.name);
  const before = (await deps.staff.workCenters()).find((center) => center.id === input.id);
  if (!before) throw new AppError("not_found", { detail: `no work center ${input.id}` });
  const outcome = await deps.staff.renameWorkCenter(input.id, name);
  if (outcome === "missing") throw new AppError("not_found", { detail: `no work center ${input.id}` });
  if (outcome === "taken") throw fieldError("name", "taken", `work center ${name} exists`);
  if (before.name !== name) deps.audit?.({ action: "work_center_renamed", workCenterId: input.id, from: before.name, to: name, by: auditActor(by), at: deps.clock.now() });
  return { id: input.id, name };
}
