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
      expect(await staff.findByApiTokenHash(apiTokenHash, AT)).toEqual(member);
      expect(await staff.findByIdentity(unique.account())).toBeNull();
      expect(await staff.findByApiTokenHash(unique.text("hash"), AT)).toBeNull();
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
      expect(await stores.staff.findByApiTokenHash(apiTokenHash, AT)).toBeNull();
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

    it("refuses an API token from its expiry on, and a rotated token replaces the old one at once", async () => {
      const { staff } = current().stores;
      const oldHash = unique.text("hash");
      const expiresAt = minutesAfter(AT, 60);
      const member = await register({ apiTokenHash: oldHash, apiTokenExpiresAt: expiresAt });
      expect(member.apiTokenExpiresAt).toEqual(expiresAt);
      expect(await staff.findByApiTokenHash(oldHash, minutesAfter(AT, 59))).toEqual(member);
      expect(await staff.findByApiTokenHash(oldHash, expiresAt)).toBeNull();
      const newHash = unique.text("hash");
      const later = minutesAfter(AT, 600);
      expect(await staff.setApiToken(member.id, { hash: newHash, expiresAt: later })).toEqual({ ...member, apiTokenExpiresAt: later });
      expect(await staff.findByApiTokenHash(oldHash, AT)).toBeNull();
      expect(await staff.findByApiTokenHash(newHash, minutesAfter(AT, 120))).toEqual({ ...member, apiTokenExpiresAt: later });
      expect(await staff.setApiToken("no-such-staff", { hash: unique.text("hash"), expiresAt: later })).toBeNull();
    });

    it("changes role, active flag and work center; a deactivated member is found by no token", async () => {
      const { staff } = current().stores;
      const apiTokenHash = unique.text("hash");
      const member = await register({ apiTokenHash });
      const centerId = unique.text("wc");
      expect(await staff.createWorkCenter({ id: centerId, name: unique.text("浦东站") })).toBe(true);
      expect(await staff.update(member.id, { role: "supervisor", workCenterId: centerId })).toEqual({ ...member, role: "supervisor", workCenterId: centerId });
      expect(await staff.update(member.id, { workCenterId: null })).toEqual({ ...member, role: "supervisor" });
      expect(await staff.update(member.id, { active: false })).toEqual({ ...member, role: "supervisor", active: false });
      expect(await staff.findByApiTokenHash(apiTokenHash, AT)).toBeNull();
      expect(await staff.update("no-such-staff", { active: false })).toBeNull();
    });

    it("links a chat account to one member only, and unlinks it", async () => {
      const { staff } = current().stores;
      const first = await register();
      const second = await register();
      const account = unique.account();
      expect(await staff.linkIdentity(first.id, account)).toBe(true);
      expect(await staff.linkIdentity(first.id, account)).toBe(true);
      expect(await staff.linkIdentity(second.id, account)).toBe(false);
      expect(await staff.findByIdentity(account)).toEqual(first);
      expect(await staff.unlinkIdentity(second.id, account)).toBe(false);
      expect(await staff.unlinkIdentity(first.id, account)).toBe(true);
      expect(await staff.findByIdentity(account)).toBeNull();
      expect(await staff.linkIdentity(second.id, account)).toBe(true);
    });

    it("creates work centers with unique names and renames them", async () => {
      const { staff } = current().stores;
      const name = unique.text("闵行站");
      const id = unique.text("wc");
      expect(await staff.createWorkCenter({ id, name })).toBe(true);
      expect(await staff.createWorkCenter({ id: unique.text("wc"), name })).toBe(false);
      const other = { id: unique.text("wc"), name: unique.text("徐汇站") };
      expect(await staff.createWorkCenter(other)).toBe(true);
      expect(await staff.renameWorkCenter(id, other.name)).toBe("taken");
      const renamed = unique.text("闵行服务站");
      expect(await staff.renameWorkCenter(id, renamed)).toBe("renamed");
      expect(await staff.renameWorkCenter(id, renamed)).toBe("renamed");
      expect(await staff.renameWorkCenter("no-such-center", renamed)).toBe("missing");
      expect((await staff.workCenters()).filter((center) => center.id === id)).toEqual([{ id, name: renamed }]);
    });
  });
}
