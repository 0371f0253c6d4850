import { describe, expect, it } from "vitest";
import { linkedCustomerId, resolveCustomerLink, type CustomerLink, type CustomerLinkFacts } from "../../../core/index.ts";

const account = { channel: "telegram", externalId: "42" } as const;
const verified = { ...account, phoneVerified: true };
const unverified = { ...account, phoneVerified: false };
const owner = { id: "owner" };
const own = { id: "own", phone: "13800138000" };
const ownWithoutPhone = { id: "own" };

// One row per case of the rule; the privacy cases are the ones where a phone is typed by
// someone who may not own it.
const cases: { case: string; facts: CustomerLinkFacts; link: CustomerLink }[] = [
  {
    case: "a portal or API report joins the phone's customer (it opens no other tickets)",
    facts: { identityCustomer: null, phoneCustomer: owner },
    link: { kind: "phone", customerId: "owner", linksIdentity: false },
  },
  {
    case: "a portal or API report with a phone nobody holds makes a customer with that phone",
    facts: { identityCustomer: null, phoneCustomer: null },
    link: { kind: "new", hasPhone: true, linksIdentity: false },
  },
  {
    case: "a new chat account with a verified phone joins the phone's customer",
    facts: { identity: verified, identityCustomer: null, phoneCustomer: owner },
    link: { kind: "phone", customerId: "owner", linksIdentity: true },
  },
  {
    case: "privacy: a new chat account with a typed (unverified) phone of someone else becomes its own customer, without the phone",
    facts: { identity: unverified, identityCustomer: null, phoneCustomer: owner },
    link: { kind: "new", hasPhone: false, linksIdentity: true },
  },
  {
    case: "privacy: a channel that says nothing about the phone counts as unverified",
    facts: { identity: account, identityCustomer: null, phoneCustomer: owner },
    link: { kind: "new", hasPhone: false, linksIdentity: true },
  },
  {
    case: "a new chat account with a phone nobody holds makes a customer with that phone, verified or not",
    facts: { identity: unverified, identityCustomer: null, phoneCustomer: null },
    link: { kind: "new", hasPhone: true, linksIdentity: true },
  },
  {
    case: "a known chat account stays with its customer, even reporting for someone else's phone",
    facts: { identity: verified, identityCustomer: own, phoneCustomer: owner },
    link: { kind: "identity", customerId: "own", takesPhone: false },
  },
  {
    case: "a known chat account stays with its customer when the phone is their own",
    facts: { identity: unverified, identityCustomer: own, phoneCustomer: own },
    link: { kind: "identity", customerId: "own", takesPhone: false },
  },
  {
    case: "a known chat account without a phone takes a phone nobody holds",
    facts: { identity: unverified, identityCustomer: ownWithoutPhone, phoneCustomer: null },
    link: { kind: "identity", customerId: "own", takesPhone: true },
  },
  {
    case: "privacy: a known chat account without a phone does not take a phone someone else holds",
    facts: { identity: unverified, identityCustomer: ownWithoutPhone, phoneCustomer: owner },
    link: { kind: "identity", customerId: "own", takesPhone: false },
  },
  {
    case: "a known chat account with a phone keeps it when reporting another, unheld phone",
    facts: { identity: unverified, identityCustomer: own, phoneCustomer: null },
    link: { kind: "identity", customerId: "own", takesPhone: false },
  },
];

describe("resolveCustomerLink: which customer a report joins", () => {
  it.each(cases)("$case", ({ facts, link }) => {
    expect(resolveCustomerLink(facts)).toEqual(link);
  });

  it("names the existing customer, or none for a new one", () => {
    expect(linkedCustomerId({ kind: "identity", customerId: "own", takesPhone: false })).toBe("own");
    expect(linkedCustomerId({ kind: "phone", customerId: "owner", linksIdentity: true })).toBe("owner");
    expect(linkedCustomerId({ kind: "new", hasPhone: true, linksIdentity: false })).toBeNull();
  });
});
