import { GrammyError } from "grammy";

/** Errors may quote user input; phone-like digit runs are masked before logging. */
export function maskError(error: unknown): { message: string; code?: number } {
  const text = error instanceof GrammyError ? error.description : error instanceof Error ? error.message : String(error);
  const masked = text.replace(/(?<![A-Za-z\d])\d{7,15}(?!\d)/g, (digits) => `${digits.slice(0, 3)}****${digits.slice(-4)}`);
  return error instanceof GrammyError ? { message: masked, code: error.error_code } : { message: masked };
}
