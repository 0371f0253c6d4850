/**
 * Property-based fuzzing of the parsers every channel feeds raw text to: they never throw,
 * and what they accept has the one canonical form.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../bot/shared/parse-command.ts";
import { formatTicketNumber, parseTicketNumber } from "../../core/index.ts";
import { fuzzOptions, hostileText } from "./hostile-arbitraries.ts";

describe("parseTicketNumber under hostile input", () => {
  it("never throws; anything it accepts is canonical and parses to itself", () => {
    fc.assert(
      fc.property(hostileText(), fc.constantFrom("SR", "AB", "X"), (input, prefix) => {
        const number = parseTicketNumber(input, prefix);
        if (number === null) return;
        expect(number).toMatch(new RegExp(`^${prefix}\\d{12,}$`));
        expect(parseTicketNumber(number, prefix)).toBe(number);
      }),
      fuzzOptions(300),
    );
  });

  it("reads every number however it is spaced, dashed or cased", () => {
    const day = fc.date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10).replace(/-/g, ""));
    const separator = fc.constantFrom("", " ", "-", "  ", "–", "_");
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 99_999_999 }), fc.array(separator, { minLength: 4, maxLength: 4 }), fc.boolean(), (date, sequence, [a, b, c, d], lower) => {
        const number = formatTicketNumber("SR", date, sequence);
        const typed = `${a}SR${b}${date.slice(0, 4)}${c}${date.slice(4)}${d}${number.slice(10)}`;
        expect(parseTicketNumber(lower ? typed.toLowerCase() : typed, "SR")).toBe(number);
      }),
      fuzzOptions(200),
    );
  });

  it("answers a long hostile input at once (no backtracking blow-up)", () => {
    // Found by this fuzzing: 50,000 digits after a date were read as one ticket number.
    for (const input of ["SR" + "1".repeat(50_000), "-".repeat(50_000) + "x", "sr 2026" + " -".repeat(20_000), "SR20261124" + "0".repeat(30_000) + "1"]) {
      expect(parseTicketNumber(input) === null).toBe(true);
    }
    expect(parseTicketNumber("SR20261124" + "0".repeat(8) + "1")).toBeNull();
    expect(parseTicketNumber("SR20261124" + "0".repeat(7) + "1")).toBe("SR2026112400000001");
  });
});

describe("parseCommand under hostile input", () => {
  it("never throws; a command's name is a known shape and its words come from what was typed", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(), hostileText().map((text) => `/${text}`), hostileText().map((text) => `报修${text}`)), (input) => {
        const command = parseCommand(input);
        if (command === null) return;
        expect(command.name).toMatch(/^(?:[a-z0-9_]{1,32})$/);
        expect(input).toContain(command.rest);
        for (const word of command.args) {
          expect(word.trim()).toBe(word);
          expect(word).not.toBe("");
          expect(command.rest).toContain(word);
        }
      }),
      fuzzOptions(300),
    );
  });

  it("answers long inputs at once", () => {
    for (const input of ["/take " + " ".repeat(100_000), "报修" + "a".repeat(100_000), "/" + "a".repeat(100_000), "催单" + "sr-".repeat(30_000)]) {
      expect(() => parseCommand(input)).not.toThrow();
    }
  });
});
