import { pino, type Logger } from "pino";
import { PinoPretty } from "pino-pretty";

export type { Logger } from "pino";

/** Keys whose values never reach the log in clear (phones and addresses are personal data). */
const REDACTED_PATHS = ["phone", "address", "*.phone", "*.address", "*.*.phone", "*.*.address", "req.headers.authorization", "authorization"];

/**
 * Errors are logged with their message and stack masked: a database error can quote the
 * values it was given (a phone, an address), and redaction by key cannot see inside text.
 */
function maskedError(error: unknown): unknown {
  // Many callers log `{ err: error.message }`: a string is masked as text (spreading it as an
  // object would log one field per character: {"0":"C","1":"a",…}).
  if (typeof error === "string") return maskDigits(maskAddresses(error));
  if (typeof error !== "object" || error === null) return error;
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  const masked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized)) {
    // Prisma attaches the query arguments (`meta`, `args`); they are personal data.
    if (key === "meta" || key === "args") continue;
    masked[key] = typeof value === "string" ? maskDigits(maskAddresses(value)) : value;
  }
  return masked;
}

/** Quoted `address: "…"`-like values inside error texts. */
function maskAddresses(text: string): string {
  return text.replace(/(address["']?\s*[:=]\s*)(["'])[^"']*\2/gi, "$1$2[masked]$2");
}

export type LogFormat = "json" | "pretty";

/**
 * JSON lines for machines (a service manager, a container, a file), readable lines for a
 * person at a terminal: LOG_FORMAT decides, else whether the output is a terminal.
 */
export function chooseLogFormat(configured: LogFormat | undefined, isTerminal: boolean): LogFormat {
  return configured ?? (isTerminal ? "pretty" : "json");
}

/**
 * The desk's logger: personal data redacted in either format. `pretty` formats in this thread
 * (pino-pretty as a stream, no worker), colored only on a terminal.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream, options: { format?: LogFormat } = {}): Logger {
  const settings = {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[masked]" },
    serializers: { err: maskedError, error: maskedError },
    base: undefined,
  };
  if (options.format === "pretty") {
    const output = destination ?? process.stdout;
    const isTerminal = (output as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
    return pino(settings, PinoPretty({ destination: output, colorize: isTerminal, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname", singleLine: true, sync: true }));
  }
  return pino(settings, destination as pino.DestinationStream | undefined);
}

/** Masks phone-like digit runs inside free text (paths, queries, error details) before logging. */
export function maskDigits(text: string): string {
  // Ticket numbers (SR2026…) have letters right before their digits and stay readable.
  return text.replace(/(?<![A-Za-z\d])\d{7,15}(?!\d)/g, (digits) => `${digits.slice(0, 3)}****${digits.slice(-4)}`).replace(/(phone=)[^&\s]+/gi, "$1[masked]")
    // A survey link's token works like a password for that survey.
    .replace(/(\/surveys?\/)[^/?\s]+/g, "$1[token]");
}
