import type { StaffAccessStore } from "../core/index.ts";
import type { Database } from "./open-database.ts";

/** Console sign-in links, sessions and passwords (core/staff/console-access.ts decides; this stores). */
export function createStaffAccessStore(db: Database): StaffAccessStore {
  return {
    async createSignInLink(link) {
      await db.staffSignInLink.create({ data: link });
    },
    async spendSignInLink(tokenHash, at) {
      // One conditional write: of two clicks on the same link exactly one spends it.
      const { count } = await db.staffSignInLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
      if (count === 0) return null;
      const row = await db.staffSignInLink.findUnique({ where: { tokenHash }, select: { staffId: true } });
      return row?.staffId ?? null;
    },
    async createSession(idHash, session) {
      await db.staffSession.create({ data: { idHash, ...session } });
    },
    async findSession(idHash) {
      const row = await db.staffSession.findUnique({ where: { idHash } });
      return row ? { staffId: row.staffId, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt } : null;
    },
    async touchSession(idHash, lastSeenAt, expiresAt) {
      await db.staffSession.updateMany({ where: { idHash }, data: { lastSeenAt, expiresAt } });
    },
    async deleteSession(idHash) {
      await db.staffSession.deleteMany({ where: { idHash } });
    },
    async deleteSessionsOf(staffId) {
      const [sessions] = await db.$transaction([
        db.staffSession.deleteMany({ where: { staffId } }),
        db.staffSignInLink.deleteMany({ where: { staffId, usedAt: null } }),
      ]);
      return sessions.count;
    },
    async setPassword(staffId, hash, at) {
      await db.staffPassword.upsert({ where: { staffId }, create: { staffId, hash, updatedAt: at }, update: { hash, updatedAt: at } });
    },
    async passwordOf(staffId) {
      return (await db.staffPassword.findUnique({ where: { staffId } }))?.hash ?? null;
    },
  };
}
