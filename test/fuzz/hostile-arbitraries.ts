import fc from "fast-check";

/**
 * The fuzz runs: small enough for the suite to stay fast, seeded so a failure replays
 * (FUZZ_SEED=<n> to explore other cases; fast-check prints the seed and path of a failure).
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261202);
export const fuzzOptions = (numRuns: number) => ({ numRuns, seed: FUZZ_SEED, endOnFailure: true });

/** Pieces hostile input is made of: lone surrogates, NUL and control characters, markup, SQL, numbers that almost parse. */
const NASTY = [
  "\ud800",
  "\udfff",
  "\u0000",
  "\u202e",
  "\ufeff",
  "😀",
  "\r\n",
  "<script>alert(1)</script>",
  "'; DROP TABLE Ticket; --",
  "%00",
  "%ED%A0%80",
  "${jndi:x}",
  "SR202611240001",
  "sr 2026-1124-0001",
  "13800138000",
  "8000",
  "/take",
  "报修",
  "　",
  "\\",
  "\"",
  "{}",
  "[]",
];

/** Text as an attacker sends it: any code unit (lone surrogates included), mixed with known troublemakers. */
export const hostileText = (maxParts = 6): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 12 }),
        fc.constantFrom(...NASTY),
        fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
        fc.string({ unit: "grapheme-ascii", maxLength: 12 }),
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(""));

/** A JSON value of any shape where a string was expected: numbers, booleans, arrays, objects, null. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, 0, -1, 5, 1e308, [5], ["a"], {}, "") },
);
