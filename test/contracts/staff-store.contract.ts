import { describe, expect, it } from "vitest";
import type { NewStaff } from "../../core/index.ts";
import { AT, minutesAfter, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores } from "./stores-under-test.ts";

/**
 * What every StaffStore promises: lookups by chat account, API token and name find active
 * staff only (a deactivated member can no longer act); by id and in the list everybody is
 * found, and callers check `active`.
 */
export function describeStaffStoreContract(name: string, makeStores: MakeStores): void {
  describe(`StaffStore contract: ${name}`, () => {
    const current = storesPerDescribe(makeStores);

    async function register(fields: Partial<NewStaff> = {}, createdAt = AT) {
      const staff = { id: unique.text("staff"), name: unique.text("Lin"), role: "agent" as const, ...fields };
      return current().stores.staff.create({ ...staff, createdAt });
    }

    it("registers a member as active and finds them by id", async () => {
      const { staff } = current().stores;
      const member = await register({ name: unique.text("Wu"), role: "supervisor" });
      expect(member).toEqual({ id: member.id, name: member.name, role: "supervisor", active: true });
      expect(await staff.findById(member.id)).toEqual(member);
      expect(await staff.findById("no-such-staff")).toBeNull();
    });

    it("lists a member's chat accounts", async () => {
      const { staff } = current().stores;
      const telegram = unique.account();
      const wechat = unique.account("wechat");
      const member = await register({ identities: [wechat, telegram] });
      expect(await staff.identitiesOf(member.id)).toEqual([telegram, wechat]);
      expect(await staff.identitiesOf((await register()).id)).toEqual([]);
      expect(await staff.identitiesOf("no-such-staff")).toEqual([]);
    });

    it("finds a member by chat account and by API token hash", async () => {
      const { staff } = current().stores;
      const account = unique.account();
      const apiTokenHash = unique.text("hash");
      const member = await register({ identities: [account, unique.account("wechat")], apiTokenHash });
      expect(await staff.findByIdentity(account)).toEqual(member);
      expect(await staff.findByApiTokenHash(apiTokenHash)).toEqual(member);
      expect(await staff.findByIdentity(unique.account())).toBeNull();
      expect(await staff.findByApiTokenHash(unique.text("hash"))).toBeNull();
    });

    it("finds a member by reference: id, name in any case, @name with spaces around, or chat account", async () => {
      const { staff } = current().stores;
      const name = unique.text("Xiao-Lin");
      const account = { channel: "telegram" as const, externalId: unique.text("XiaoLin_Tg") };
      const member = await register({ name, identities: [account] });
      for (const reference of [member.id, name, name.toUpperCase(), `@${name.toLowerCase()}`, `  ${name} `, account.externalId.toLowerCase()]) {
        expect(await staff.findByReference(reference), reference).toEqual(member);
      }
      expect(await staff.findByReference(unique.text("nobody"))).toBeNull();
    });

    it("no longer finds a deactivated member by account, token or name, but still by id (callers check active)", async () => {
      const { stores, deactivateStaff } = current();
      const account = unique.account();
      const apiTokenHash = unique.text("hash");
      const member = await register({ identities: [account], apiTokenHash });
      await deactivateStaff(member.id);
      expect(await stores.staff.findByIdentity(account)).toBeNull();
      expect(await stores.staff.findByApiTokenHash(apiTokenHash)).toBeNull();
      expect(await stores.staff.findByReference(member.name)).toBeNull();
      expect(await stores.staff.findByReference(account.externalId)).toBeNull();
      expect(await stores.staff.findById(member.id)).toEqual({ ...member, active: false });
      expect(await stores.staff.findByReference(member.id)).toEqual({ ...member, active: false });
    });

    it("lists everybody, active or not, in the order they were registered", async () => {
      const { stores, deactivateStaff } = current();
      const first = await register({}, minutesAfter(AT, 1));
      const second = await register({ role: "technician" }, minutesAfter(AT, 2));
      const third = await register({ role: "admin" }, minutesAfter(AT, 3));
      await deactivateStaff(second.id);
      const ours = new Set([first.id, second.id, third.id]);
      const listed = (await stores.staff.list()).filter((member) => ours.has(member.id));
      expect(listed).toEqual([first, { ...second, active: false }, third]);
    });

    it("renames a member, found by the new name afterwards and no longer by the old one", async () => {
      const { staff } = current().stores;
      const member = await register({ name: unique.text("Admin") });
      const name = unique.text("王芳");
      expect(await staff.rename(member.id, name)).toEqual({ ...member, name });
      expect(await staff.findById(member.id)).toEqual({ ...member, name });
      expect(await staff.findByReference(name)).toEqual({ ...member, name });
      expect(await staff.findByReference(member.name)).toBeNull();
      expect(await staff.rename("no-such-staff", name)).toBeNull();
    });
  });
}
