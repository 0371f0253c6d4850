import type { Channel, CustomerStore, StaffStore } from "../core/index.ts";
import type { Database } from "./open-database.ts";
import { toCustomer, toStaff } from "./row-mappers.ts";

export function createCustomerStore(db: Database): CustomerStore {
  return {
    async findById(id) {
      const row = await db.customer.findUnique({ where: { id } });
      return row ? toCustomer(row) : null;
    },
    async findByIdentity(identity) {
      const row = await db.customerIdentity.findUnique({
        where: { channel_externalId: { channel: identity.channel, externalId: identity.externalId } },
        include: { customer: true },
      });
      return row ? toCustomer(row.customer) : null;
    },
    async findByPhone(phone) {
      const row = await db.customer.findUnique({ where: { phone } });
      return row ? toCustomer(row) : null;
    },
    async setLanguage(customerId, language) {
      const { count } = await db.customer.updateMany({ where: { id: customerId }, data: { language } });
      if (count === 0) return null;
      const row = await db.customer.findUnique({ where: { id: customerId } });
      return row ? toCustomer(row) : null;
    },
  };
}

export function createStaffStore(db: Database): StaffStore {
  return {
    async workCenters() {
      return db.workCenter.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
    },
    async findById(id) {
      const row = await db.staff.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async findByIdentity(identity) {
      const row = await db.staffIdentity.findUnique({
        where: { channel_externalId: { channel: identity.channel, externalId: identity.externalId } },
        include: { staff: true },
      });
      return row && row.staff.active ? toStaff(row.staff) : null;
    },
    async findByApiTokenHash(hash, at) {
      const row = await db.staff.findUnique({ where: { apiTokenHash: hash } });
      const expired = row?.apiTokenExpiresAt ? row.apiTokenExpiresAt.getTime() <= at.getTime() : false;
      return row && row.active && !expired ? toStaff(row) : null;
    },
    async findByReference(reference) {
      const byId = await db.staff.findUnique({ where: { id: reference } });
      if (byId) return toStaff(byId);
      // Staff lists are short; comparing names in memory keeps case-insensitivity portable
      // across SQLite and Postgres collations.
      const wanted = reference.trim().replace(/^@/, "").toLowerCase();
      const rows = await db.staff.findMany({ where: { active: true }, include: { identities: true } });
      const match = rows.find(
        (row) => row.name.toLowerCase() === wanted || row.identities.some((identity) => identity.externalId.toLowerCase() === wanted),
      );
      return match ? toStaff(match) : null;
    },
    async create(staff) {
      const row = await db.staff.create({
        data: {
          id: staff.id,
          name: staff.name,
          role: staff.role,
          workCenterId: staff.workCenterId ?? null,
          apiTokenHash: staff.apiTokenHash ?? null,
          apiTokenExpiresAt: staff.apiTokenHash ? (staff.apiTokenExpiresAt ?? null) : null,
          createdAt: staff.createdAt,
          identities: { create: (staff.identities ?? []).map((identity) => ({ channel: identity.channel, externalId: identity.externalId })) },
        },
      });
      return toStaff(row);
    },
    async rename(id, name) {
      // updateMany: a missing member is a count of 0, not an exception.
      const { count } = await db.staff.updateMany({ where: { id }, data: { name } });
      if (count === 0) return null;
      const row = await db.staff.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async list() {
      const rows = await db.staff.findMany({ orderBy: { createdAt: "asc" } });
      return rows.map(toStaff);
    },
    async identitiesOf(staffId) {
      const rows = await db.staffIdentity.findMany({ where: { staffId }, orderBy: [{ channel: "asc" }, { externalId: "asc" }] });
      return rows.map((row) => ({ channel: row.channel as Channel, externalId: row.externalId }));
    },
    async update(id, patch) {
      const { count } = await db.staff.updateMany({
        where: { id },
        data: {
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
          ...(patch.workCenterId !== undefined ? { workCenterId: patch.workCenterId } : {}),
        },
      });
      if (count === 0) return null;
      const row = await db.staff.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async setApiToken(id, token) {
      const { count } = await db.staff.updateMany({ where: { id }, data: { apiTokenHash: token.hash, apiTokenExpiresAt: token.expiresAt } });
      if (count === 0) return null;
      const row = await db.staff.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async linkIdentity(staffId, identity) {
      // One statement: the account is linked to this member unless someone already holds it.
      await db.$executeRaw`INSERT INTO "StaffIdentity" ("channel", "externalId", "staffId") VALUES (${identity.channel}, ${identity.externalId}, ${staffId}) ON CONFLICT DO NOTHING`;
      const row = await db.staffIdentity.findUnique({ where: { channel_externalId: { channel: identity.channel, externalId: identity.externalId } } });
      return row?.staffId === staffId;
    },
    async unlinkIdentity(staffId, identity) {
      const { count } = await db.staffIdentity.deleteMany({ where: { staffId, channel: identity.channel, externalId: identity.externalId } });
      return count > 0;
    },
    async createWorkCenter(center) {
      const inserted = await db.$executeRaw`INSERT INTO "WorkCenter" ("id", "name") VALUES (${center.id}, ${center.name}) ON CONFLICT DO NOTHING`;
      return inserted > 0;
    },
    async renameWorkCenter(id, name) {
      const existing = await db.workCenter.findUnique({ where: { id } });
      if (!existing) return "missing";
      const holder = await db.workCenter.findUnique({ where: { name } });
      if (holder && holder.id !== id) return "taken";
      if (!holder) await db.workCenter.update({ where: { id }, data: { name } });
      return "renamed";
    },
  };
}
