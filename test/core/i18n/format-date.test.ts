import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime, localDay } from "../../../core/i18n/format-date.ts";
import { LANGUAGES, type Language } from "../../../core/tickets/types.ts";

const SHANGHAI = "Asia/Shanghai";
const BERLIN = "Europe/Berlin";
// 10:00 on Wednesday 25 November 2026 in Shanghai (UTC+8), 03:00 in Berlin (CET, UTC+1).
const AT = new Date("2026-11-25T02:00:00Z");

const all = (format: (language: Language) => string) => Object.fromEntries(LANGUAGES.map((language) => [language, format(language)]));

describe("formatDateTime", () => {
  it("writes an instant in each language, in the desk's zone", () => {
    expect(all((language) => formatDateTime(AT, language, SHANGHAI))).toEqual({
      "zh-Hans": "2026年11月25日 10:00",
      "zh-Hant": "2026年11月25日 10:00",
      en: "25 Nov 2026, 10:00",
    });
    expect(all((language) => formatDateTime(AT, language, BERLIN))).toEqual({
      "zh-Hans": "2026年11月25日 03:00",
      "zh-Hant": "2026年11月25日 03:00",
      en: "25 Nov 2026, 03:00",
    });
  });

  it("writes the hour after midnight as 00 in every language", () => {
    // Intl's `hour12: false` gave `24:05` here for zh-TW, which the portal used to show.
    expect(all((language) => formatTime(new Date("2026-01-02T16:05:00Z"), language, SHANGHAI))).toEqual({ "zh-Hans": "00:05", "zh-Hant": "00:05", en: "00:05" });
    expect(formatDateTime(new Date("2026-01-02T16:05:00Z"), "zh-Hant", SHANGHAI)).toBe("2026年1月3日 00:05");
  });

  it("reads the ISO strings ticket views carry as the same instant", () => {
    for (const language of LANGUAGES) {
      expect(formatDateTime(AT.toISOString(), language, SHANGHAI)).toBe(formatDateTime(AT, language, SHANGHAI));
    }
  });

  it("takes the local date, not the UTC one, near midnight", () => {
    // 23:30 UTC on the 24th is already 07:30 on the 25th in Shanghai, still 00:30 on the 25th in Berlin.
    const lateUtc = new Date("2026-11-24T23:30:00Z");
    expect(formatDateTime(lateUtc, "en", SHANGHAI)).toBe("25 Nov 2026, 07:30");
    expect(formatDateTime(lateUtc, "en", BERLIN)).toBe("25 Nov 2026, 00:30");
    expect(formatDateTime(new Date("2026-11-24T22:59:00Z"), "zh-Hans", BERLIN)).toBe("2026年11月24日 23:59");
  });

  it("follows Berlin's clock across both daylight-saving changes", () => {
    // Spring forward on 29 March 2026 at 01:00 UTC: 01:59 CET is followed by 03:00 CEST.
    expect(formatDateTime(new Date("2026-03-29T00:59:00Z"), "en", BERLIN)).toBe("29 Mar 2026, 01:59");
    expect(formatDateTime(new Date("2026-03-29T01:00:00Z"), "en", BERLIN)).toBe("29 Mar 2026, 03:00");
    // Fall back on 25 October 2026 at 01:00 UTC: 02:30 comes twice, an hour apart.
    expect(formatDateTime(new Date("2026-10-25T00:30:00Z"), "zh-Hant", BERLIN)).toBe("2026年10月25日 02:30");
    expect(formatDateTime(new Date("2026-10-25T01:30:00Z"), "zh-Hant", BERLIN)).toBe("2026年10月25日 02:30");
    // Shanghai keeps no daylight saving time: the same instants are 8 hours ahead of UTC.
    expect(formatDateTime(new Date("2026-03-29T01:00:00Z"), "en", SHANGHAI)).toBe("29 Mar 2026, 09:00");
    expect(formatDateTime(new Date("2026-07-01T01:00:00Z"), "en", SHANGHAI)).toBe("1 Jul 2026, 09:00");
  });

  it("shows nothing for an absent or invalid value, so each surface picks its placeholder", () => {
    for (const language of LANGUAGES) {
      for (const value of [null, undefined, "", "not a date", "2026-02-30T10:00:00Z", new Date(Number.NaN)]) {
        expect(formatDateTime(value, language, SHANGHAI)).toBe("");
        expect(formatDate(value, language, SHANGHAI)).toBe("");
        expect(formatTime(value, language, SHANGHAI)).toBe("");
      }
    }
  });

  it("refuses an unknown time zone instead of showing a wrong time", () => {
    expect(() => formatDateTime(AT, "en", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("formatDate and formatTime", () => {
  it("write the date or the time of day alone, with the same conventions", () => {
    expect(all((language) => formatDate(AT, language, SHANGHAI))).toEqual({ "zh-Hans": "2026年11月25日", "zh-Hant": "2026年11月25日", en: "25 Nov 2026" });
    expect(all((language) => formatTime(AT, language, SHANGHAI))).toEqual({ "zh-Hans": "10:00", "zh-Hant": "10:00", en: "10:00" });
    expect(formatDate(AT, "en", BERLIN)).toBe("25 Nov 2026");
    expect(formatTime(AT, "en", BERLIN)).toBe("03:00");
    expect(formatTime(new Date("2026-07-01T13:05:00Z"), "zh-Hans", BERLIN)).toBe("15:05");
  });
});

describe("localDay", () => {
  it("is the desk's calendar day as YYYYMMDD, switching at local midnight", () => {
    expect(localDay(new Date("2026-11-23T15:59:59Z"), SHANGHAI)).toBe("20261123");
    expect(localDay(new Date("2026-11-23T16:00:00Z"), SHANGHAI)).toBe("20261124");
    // Berlin's midnight is 23:00 UTC in winter and 22:00 UTC in summer.
    expect(localDay(new Date("2026-12-31T22:59:59Z"), BERLIN)).toBe("20261231");
    expect(localDay(new Date("2026-12-31T23:00:00Z"), BERLIN)).toBe("20270101");
    expect(localDay(new Date("2026-07-01T21:59:59Z"), BERLIN)).toBe("20260701");
    expect(localDay(new Date("2026-07-01T22:00:00Z"), BERLIN)).toBe("20260702");
  });

  it("refuses an invalid instant or zone rather than number a ticket wrongly", () => {
    expect(() => localDay(new Date(Number.NaN), SHANGHAI)).toThrow(RangeError);
    expect(() => localDay(AT, "Not/A_Zone")).toThrow(RangeError);
  });
});
