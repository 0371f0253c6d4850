import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../server/logger.ts";

export type CapturedEntry = { level: number; msg: string; err?: { message: string } } & Record<string, unknown>;

/** A real pino logger at `level` whose JSON lines the test can read back. */
export function captureLogs(level = "info"): { logger: Logger; lines: string[]; entries(): CapturedEntry[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger(level, stream), lines, entries: () => lines.map((line) => JSON.parse(line) as CapturedEntry) };
}
