import { pino, type Logger } from "pino";

export type { Logger } from "pino";

/** Keys whose values never reach the log in clear (phones and addresses are personal data). */
const REDACTED_PATHS = ["phone", "address", "*.phone", "*.address", "*.*.phone", "*.*.address", "req.headers.authorization", "authorization"];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: "[masked]" },
      base: undefined,
    },
    destination as pino.DestinationStream | undefined,
  );
}

/** Masks phone-like digit runs inside free text (paths, queries, error details) before logging. */
export function maskDigits(text: string): string {
  // Ticket numbers (SR2026…) have letters right before their digits and stay readable.
  return text.replace(/(?<![A-Za-z\d])\d{7,15}(?!\d)/g, (digits) => `${digits.slice(0, 3)}****${digits.slice(-4)}`).replace(/(phone=)[^&\s]+/gi, "$1[masked]");
}
