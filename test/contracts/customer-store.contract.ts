import { describe, expect, it } from "vitest";
import type { ReportIdentity } from "../../core/index.ts";
import { AT, minutesAfter, ticketCommand, unique } from "./builders.ts";
import { storesPerDescribe, type MakeStores } from "./stores-under-test.ts";

/**
 * What every CustomerStore promises, and how the TicketStore links a report to its customer
 * (core's `resolveCustomerLink`, carried out inside the intake transaction): the privacy rule
 * for unverified phones must hold in every implementation, not only in the decision.
 */
export function describeCustomerStoreContract(name: string, makeStores: MakeStores): void {
  describe(`CustomerStore contract: ${name}`, () => {
    const current = storesPerDescribe(makeStores);

    async function report(options: { phone: string; identity?: ReportIdentity; name?: string; at?: Date }) {
      const { ticket } = await current().stores.tickets.create(ticketCommand(options));
      return ticket.customerId;
    }

    it("makes a customer of a report's name, phone, language and time, found by id and by phone", async () => {
      const { customers, tickets } = current().stores;
      const phone = unique.phone();
      const { ticket } = await tickets.create(ticketCommand({ phone, name: "王芳", language: "en", at: minutesAfter(AT, 7) }));
      const customer = { id: ticket.customerId, name: "王芳", phone, language: "en", createdAt: minutesAfter(AT, 7) };
      expect(await customers.findById(ticket.customerId)).toEqual(customer);
      expect(await customers.findByPhone(phone)).toEqual(customer);
    });

    it("finds nobody for an unknown id, chat account or phone", async () => {
      const { customers } = current().stores;
      expect(await customers.findById("no-such-customer")).toBeNull();
      expect(await customers.findByIdentity(unique.account())).toBeNull();
      expect(await customers.findByPhone(unique.phone())).toBeNull();
    });

    it("joins reports without a chat account to the phone's customer", async () => {
      const phone = unique.phone();
      expect(await report({ phone })).toBe(await report({ phone }));
    });

    it("links a chat account to the customer it reported as, found by that account", async () => {
      const phone = unique.phone();
      const account = unique.account();
      const customerId = await report({ phone, identity: account });
      expect(await current().stores.customers.findByIdentity(account)).toMatchObject({ id: customerId, phone });
      expect(await report({ phone, identity: account })).toBe(customerId);
    });

    it("joins a new chat account to the phone's customer when the channel verified the phone", async () => {
      const phone = unique.phone();
      const owner = await report({ phone });
      const account = { ...unique.account(), phoneVerified: true };
      expect(await report({ phone, identity: account })).toBe(owner);
      expect(await current().stores.customers.findByIdentity(account)).toMatchObject({ id: owner, phone });
    });

    it("makes a new chat account with someone else's unverified phone a customer of its own, without the phone", async () => {
      const { customers } = current().stores;
      const phone = unique.phone();
      const owner = await report({ phone, name: "王芳" });
      for (const account of [{ ...unique.account(), phoneVerified: false }, unique.account()]) {
        const stranger = await report({ phone, identity: account, name: "Mallory" });
        expect(stranger).not.toBe(owner);
        expect(await customers.findById(stranger)).toEqual({ id: stranger, name: "Mallory", language: "zh-Hans", createdAt: AT });
        expect(await customers.findByIdentity(account)).toMatchObject({ id: stranger });
      }
      expect(await customers.findByPhone(phone)).toMatchObject({ id: owner, name: "王芳" });
    });

    it("keeps a known chat account with its customer whatever phone it reports", async () => {
      const { customers } = current().stores;
      const [own, other] = [unique.phone(), unique.phone()];
      const account = unique.account();
      const customerId = await report({ phone: own, identity: account });
      const otherOwner = await report({ phone: other });
      expect(await report({ phone: other, identity: { ...account, phoneVerified: true } })).toBe(customerId);
      expect(await report({ phone: unique.phone(), identity: account })).toBe(customerId);
      expect(await customers.findById(customerId)).toMatchObject({ phone: own });
      expect(await customers.findByPhone(other)).toMatchObject({ id: otherOwner });
    });

    it("gives a known chat account without a phone the next phone it reports that nobody holds", async () => {
      const { customers } = current().stores;
      const held = unique.phone();
      await report({ phone: held });
      const account = unique.account();
      const customerId = await report({ phone: held, identity: account });
      expect(await customers.findById(customerId)).not.toHaveProperty("phone");
      await report({ phone: held, identity: account });
      expect(await customers.findById(customerId)).not.toHaveProperty("phone");
      const free = unique.phone();
      expect(await report({ phone: free, identity: account })).toBe(customerId);
      expect(await customers.findByPhone(free)).toMatchObject({ id: customerId });
    });

    it("sets the language a customer is written to; null for a customer that does not exist", async () => {
      const { customers } = current().stores;
      const customerId = await report({ phone: unique.phone() });
      expect(await customers.setLanguage(customerId, "zh-Hant")).toMatchObject({ id: customerId, language: "zh-Hant" });
      expect(await customers.findById(customerId)).toMatchObject({ language: "zh-Hant" });
      expect(await customers.setLanguage("no-such-customer", "en")).toBeNull();
    });
  });
}
