import { AppError } from "../errors.ts";
import type { CoreDeps } from "../ports.ts";
import type { Staff } from "../tickets/types.ts";
import { auditActor, requireStaffAdmin, targetMember } from "./admin-rules.ts";

/** How long a staff API token works after it is issued (registration or rotation). */
export const API_TOKEN_LIFETIME_DAYS = 90;

/** When a token issued at `issuedAt` stops working. */
export function apiTokenExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + API_TOKEN_LIFETIME_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * An admin issues a member a new API token: the old one stops working at once (only one
 * digest is stored), the new one works for `API_TOKEN_LIFETIME_DAYS`. The token itself is
 * returned to be shown once; the store keeps only its digest. A deactivated member may get one
 * (it works once they are taken back).
 */
export async function rotateStaffToken(
  deps: Pick<CoreDeps, "staff" | "clock" | "audit" | "credentials">,
  input: { staff: string },
  by: Staff | null,
): Promise<{ staff: Staff; token: string; expiresAt: Date }> {
  requireStaffAdmin(by);
  if (!deps.credentials) throw new AppError("internal", { detail: "no credentials configured" });
  const target = await targetMember(deps, input.staff);
  const token = deps.credentials.newSecret();
  const now = deps.clock.now();
  const expiresAt = apiTokenExpiry(now);
  const changed = await deps.staff.setApiToken(target.id, { hash: deps.credentials.digest(token), expiresAt });
  if (!changed) throw new AppError("not_found", { detail: `no staff member ${target.id}` });
  deps.audit?.({ action: "staff_token_rotated", staffId: target.id, by: auditActor(by), at: now });
  return { staff: changed, token, expiresAt };
}
