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
    async findByApiTokenHash(hash) {
      const row = await db.staff.findUnique({ where: { apiTokenHash: hash } });
      return row && row.active ? toStaff(row) : null;
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
  };
}
