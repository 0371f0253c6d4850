import { z } from "zod";
import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import { validationError } from "../tickets/report.ts";
import { requireAbility } from "../tickets/permissions.ts";
import { CHANNELS, STAFF_ROLES, type Staff } from "../tickets/types.ts";
import { markPlaceholderName } from "./placeholder-name.ts";
import { apiTokenExpiry } from "./rotate-staff-token.ts";
import { staffNameSchema } from "./staff-name.ts";

export const newStaffSchema = z.object({
  name: staffNameSchema,
  role: z.enum(STAFF_ROLES),
  workCenterId: z.string().min(1).optional(),
  identities: z.array(z.object({ channel: z.enum(CHANNELS), externalId: z.string().min(1).max(200) })).default([]),
  apiTokenHash: z.string().optional(),
  /** The name is a stand-in (a chat id, "Admin 9101"): the member's chat profile name replaces it on their first message. */
  placeholderName: z.boolean().optional(),
});

/**
 * An admin registers a staff member (`/staff add`, the staff API). `registeredBy: null` is
 * the bootstrap path (ADMIN_TELEGRAM_IDS, the CLI), which runs with operator rights.
 */
export async function registerStaff(
  deps: Pick<CoreDeps, "staff" | "clock" | "newId" | "settingsStore">,
  input: z.input<typeof newStaffSchema>,
  registeredBy: Staff | null,
): Promise<Staff> {
  if (registeredBy) requireAbility(registeredBy.role, "manageStaff");
  const parsed = newStaffSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  for (const identity of parsed.data.identities) {
    if (await deps.staff.findByIdentity(identity)) {
      throw new AppError("validation", { params: { fields: ["identities"] }, detail: "identity already registered" });
    }
  }
  const { placeholderName, ...member } = parsed.data;
  const now = deps.clock.now();
  const created = await deps.staff.create({ ...member, ...(member.apiTokenHash ? { apiTokenExpiresAt: apiTokenExpiry(now) } : {}), id: deps.newId(), createdAt: now });
  if (placeholderName) await markPlaceholderName(deps, created.id);
  return created;
}
