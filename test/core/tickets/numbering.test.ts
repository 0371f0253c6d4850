import { describe, expect, it } from "vitest";
import { localDay } from "../../../core/i18n/format-date.ts";
import { formatTicketNumber, parseTicketNumber } from "../../../core/tickets/numbering.ts";
import { maskPhone, normalizePhone, phoneMatches } from "../../../core/tickets/phone.ts";

describe("ticket numbers", () => {
  it("formats prefix, local date and a four-digit daily sequence", () => {
    expect(formatTicketNumber("SR", "20261122", 1)).toBe("SR202611220001");
    expect(formatTicketNumber("SR", "20261122", 10000)).toBe("SR2026112210000");
  });

  it("uses the local date of the desk's time zone, switching at local midnight", () => {
    // 15:59:59Z is 23:59:59 in Shanghai; one second later it is the next day there.
    expect(localDay(new Date("2026-11-23T15:59:59Z"), "Asia/Shanghai")).toBe("20261123");
    expect(localDay(new Date("2026-11-23T16:00:00Z"), "Asia/Shanghai")).toBe("20261124");
    expect(localDay(new Date("2026-11-23T16:00:00Z"), "UTC")).toBe("20261123");
  });

  it("accepts input case-insensitively with spaces or dashes", () => {
    expect(parseTicketNumber("sr 2026-1122-0001")).toBe("SR202611220001");
    expect(parseTicketNumber(" SR202611220001 ")).toBe("SR202611220001");
    expect(parseTicketNumber("Sr-20261122-0001")).toBe("SR202611220001");
  });

  it("rejects what cannot be a number", () => {
    for (const input of ["", "SR2026", "XX202611220001", "SR20261122ABCD", "'; DROP TABLE", "SR2026112200"]) {
      expect(parseTicketNumber(input)).toBeNull();
    }
  });
});

describe("phones", () => {
  it("normalizes the same mainland mobile typed different ways to one value", () => {
    for (const input of ["13800138000", "138 0013 8000", "+86 138-0013-8000", "0086 13800138000", "(138) 0013-8000"]) {
      expect(normalizePhone(input)).toBe("13800138000");
    }
  });

  it("keeps other numbers' digits and refuses non-numeric or implausible input", () => {
    expect(normalizePhone("+49 30 1234567")).toBe("49301234567");
    for (const input of ["abc", "1380013800a", "123", "1".repeat(16), "phone: 138"]) expect(normalizePhone(input)).toBeNull();
  });

  it("matches on the full phone or its last four digits", () => {
    expect(phoneMatches("13800138000", "8000")).toBe(true);
    expect(phoneMatches("13800138000", "+86 138 0013 8000")).toBe(true);
    expect(phoneMatches("13800138000", "8001")).toBe(false);
    expect(phoneMatches("13800138000", "")).toBe(false);
    expect(phoneMatches("13800138000", "38000")).toBe(false);
  });

  it("masks all but the carrier prefix and last four digits", () => {
    expect(maskPhone("13800138000")).toBe("138****8000");
    expect(maskPhone("1234567")).toBe("****4567");
  });
});
