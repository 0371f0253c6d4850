import { AppError } from "../errors.ts";

/**
 * Ticket numbers: `<PREFIX><YYYYMMDD><NNNN>`, the local date of creation and a daily
 * sequence from 0001 (contracts.md). The sequence itself is allocated atomically by the
 * store; the day is `localDay` of `core/i18n/format-date.ts`; this module only formats and parses.
 */
export const DEFAULT_NUMBER_PREFIX = "SR";
/** A day's sequence grows past 4 digits only after 9999 tickets; 8 digits is far beyond any desk. */
const MAX_SEQUENCE_DIGITS = 8;
/** The longest input read as a number: prefix, date and sequence with generous spaces and dashes. */
const MAX_TYPED_LENGTH = 64;

export function formatTicketNumber(prefix: string, day: string, sequence: number): string {
  // Past 9999 tickets a day the number simply grows a digit; it stays unique and sortable per day.
  return `${prefix}${day}${String(sequence).padStart(4, "0")}`;
}

/**
 * Normalizes user input: case-insensitive, spaces and dashes ignored (`sr 2026-1122-0001`).
 * Returns null when the input cannot be a ticket number, so callers answer "not found"
 * exactly as for an unknown number.
 */
export function parseTicketNumber(input: string, prefix: string = DEFAULT_NUMBER_PREFIX): string | null {
  // No real number is longer than this, however it is spaced: a longer input is not read at all.
  if (input.length > MAX_TYPED_LENGTH) return null;
  const compact = input.replace(/[\s\-_–—]/g, "").toUpperCase();
  const pattern = new RegExp(`^${escapeRegExp(prefix.toUpperCase())}(\\d{8})(\\d{4,${MAX_SEQUENCE_DIGITS}})$`);
  const match = pattern.exec(compact);
  if (!match) return null;
  return `${prefix.toUpperCase()}${match[1]}${match[2]}`;
}

export function requireTicketNumber(input: string, prefix: string = DEFAULT_NUMBER_PREFIX): string {
  const number = parseTicketNumber(input, prefix);
  if (!number) throw new AppError("not_found", { params: { number: input }, detail: "malformed ticket number" });
  return number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
