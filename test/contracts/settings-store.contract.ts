import { describe, expect, it } from "vitest";
import type { OutboxIntent } from "../../core/index.ts";
import { AT, minutesAfter, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores } from "./stores-under-test.ts";

/** What every SettingsStore promises: a JSON document per key, the last one set wins. */
export function describeSettingsStoreContract(name: string, makeStores: MakeStores): void {
  describe(`SettingsStore contract: ${name}`, () => {
    const current = storesPerDescribe(makeStores);

    it("has nothing for a key never set", async () => {
      expect(await current().stores.settingsStore.get(unique.text("setting"))).toBeNull();
    });

    it("gives back the document last set under a key", async () => {
      const { settingsStore } = current().stores;
      const key = unique.text("setting");
      const policies = { urgent: { firstResponseMinutes: 30 }, holidays: ["2026-10-01"], enabled: true, note: null };
      await settingsStore.set(key, policies, { at: AT, by: "admin-1" });
      expect(await settingsStore.get(key)).toEqual(policies);
      await settingsStore.set(key, { urgent: { firstResponseMinutes: 15 } }, { at: minutesAfter(AT, 1) });
      expect(await settingsStore.get(key)).toEqual({ urgent: { firstResponseMinutes: 15 } });
    });

    it("keeps a copy: changing the value set or the value read changes nothing stored", async () => {
      const { settingsStore } = current().stores;
      const key = unique.text("setting");
      const value = { days: [1, 2, 3] };
      await settingsStore.set(key, value, { at: AT });
      value.days.push(4);
      (((await settingsStore.get(key)) as { days: number[] }).days).push(5);
      expect(await settingsStore.get(key)).toEqual({ days: [1, 2, 3] });
    });

    it("claims a key once, with its messages, also when claims race", async () => {
      const { stores, outboxFor } = current();
      const key = unique.text("claim");
      // A notice about no ticket, told apart from other tests' by its recipient.
      const notice: OutboxIntent = { channel: "telegram", recipient: { kind: "staff", staffId: key }, notification: { kind: "staff.calendar_running_out", year: 2027, weekendsOnlyFrom: "2027-01-01" } };
      const claims = await Promise.all(Array.from({ length: 5 }, () => stores.settingsStore.claim(key, { warned: true }, { at: AT }, [notice])));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await stores.settingsStore.claim(key, { warned: false }, { at: minutesAfter(AT, 1) }, [notice])).toBe(false);
      expect(await stores.settingsStore.get(key)).toEqual({ warned: true });
      const mine = (await outboxFor(undefined)).filter((intent) => intent.recipient.kind === "staff" && intent.recipient.staffId === key);
      expect(mine).toEqual([notice]);
    });

    it("stores documents as JSON: instants come back as ISO strings, undefined fields are left out", async () => {
      const { settingsStore } = current().stores;
      const key = unique.text("setting");
      await settingsStore.set(key, { from: AT, until: undefined }, { at: AT });
      expect(await settingsStore.get(key)).toEqual({ from: AT.toISOString() });
    });
  });
}
