import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { AppError, type StaffDirectory, type Staff } from "../../core/index.ts";

export type StaffVariables = { staff: Staff };

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Staff routes need `Authorization: Bearer <token>`; only the token's hash is stored. */
export function requireStaffToken(staff: Pick<StaffDirectory, "byApiTokenHash">): MiddlewareHandler<{ Variables: StaffVariables }> {
  return async (context, next) => {
    const header = context.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const member = match?.[1] ? await staff.byApiTokenHash(hashApiToken(match[1])) : null;
    if (!member) throw new AppError("unauthorized");
    context.set("staff", member);
    await next();
  };
}
