import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { AppError, type StaffDirectory, type Staff } from "../../core/index.ts";

export type StaffVariables = { staff: Staff };

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Staff routes need `Authorization: Bearer <token>`; only the token's hash is stored. A token
 * this database does not know is refused naming the database's short id (`databaseId`, see
 * server/database-identity.ts): tokens are per database, and the id tells a token written to
 * another database from a mistyped one without revealing any path.
 */
export function requireStaffToken(
  staff: Pick<StaffDirectory, "byApiTokenHash">,
  options: { databaseId?: string } = {},
): MiddlewareHandler<{ Variables: StaffVariables }> {
  return async (context, next) => {
    const header = context.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError("unauthorized");
    const member = await staff.byApiTokenHash(hashApiToken(match[1]));
    if (!member) throw new AppError("unauthorized", { params: options.databaseId ? { database: options.databaseId } : {}, detail: "unknown token" });
    context.set("staff", member);
    await next();
  };
}
