import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { AppError } from "../../core/errors.ts";
import type { StaffStore } from "../../core/ports.ts";
import type { Staff } from "../../core/tickets/types.ts";

export type StaffVariables = { staff: Staff };

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Staff routes need `Authorization: Bearer <token>`; only the token's hash is stored. */
export function requireStaffToken(staffStore: StaffStore): MiddlewareHandler<{ Variables: StaffVariables }> {
  return async (context, next) => {
    const header = context.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const staff = match?.[1] ? await staffStore.findByApiTokenHash(hashApiToken(match[1])) : null;
    if (!staff) throw new AppError("unauthorized");
    context.set("staff", staff);
    await next();
  };
}
