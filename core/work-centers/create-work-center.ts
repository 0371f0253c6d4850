import type { CoreDeps, WorkCenter } from "../ports.ts";
import { auditActor, fieldError, requireStaffAdmin } from "../staff/admin-rules.ts";
import type { Staff } from "../tickets/types.ts";
import { readWorkCenterName } from "./work-center-name.ts";

/** An admin adds a work center (a department, a service point); names are unique. */
export async function createWorkCenter(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit" | "newId">,
  input: { name: string },
  by: Staff | null,
): Promise<WorkCenter> {
  requireStaffAdmin(by);
  const center = { id: deps.newId(), name: readWorkCenterName(input.name) };
  if (!(await deps.staff.createWorkCenter(center))) throw fieldError("name", "taken", `work center ${center.name} exists`);
  deps.audit?.({ action: "work_center_created", workCenterId: center.id, name: center.name, by: auditActor(by), at: deps.clock.now() });
  return center;
}
