/** Helpers shared by the SLA tests: local-time literals, readable formatting, a seeded PRNG. */
import { DateTime } from "luxon";

export const SHANGHAI = "Asia/Shanghai";
export const BERLIN = "Europe/Berlin";

/** The instant of a local wall-clock time, e.g. `local("2026-02-13T17:00")`. */
export function local(isoLocal: string, zone: string = SHANGHAI): Date {
  const value = DateTime.fromISO(isoLocal, { zone });
  if (!value.isValid) throw new Error(`bad local time in test: ${isoLocal}`);
  return value.toJSDate();
}

/** An instant as local text with the weekday, e.g. `"2026-02-14 Sat 10:00"`, so failures read like the calendar. */
export function show(instant: Date, zone: string = SHANGHAI): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale("en").toFormat("yyyy-MM-dd ccc HH:mm");
}

/** Same as {@link show} with seconds and the UTC offset, for DST tests. */
export function showWithOffset(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale("en").toFormat("yyyy-MM-dd ccc HH:mm:ss ZZ");
}

/** mulberry32: a tiny deterministic PRNG, so property-style loops are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOUR = 60;
export const MINUTE_MS = 60_000;
