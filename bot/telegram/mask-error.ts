import { GrammyError } from "grammy";

/**
 * Errors may quote user input; phone-like digit runs are masked before logging. Never throws:
 * a Bot API error without a `description` (e.g. a bare HTTP 500) falls back to its message.
 */
export function maskError(error: unknown): { message: string; code?: number } {
  const described = error instanceof GrammyError && typeof error.description === "string" && error.description !== "" ? error.description : undefined;
  const text = described ?? (error instanceof Error ? error.message : String(error));
  const masked = String(text ?? "").replace(/(?<![A-Za-z\d])\d{7,15}(?!\d)/g, (digits) => `${digits.slice(0, 3)}****${digits.slice(-4)}`);
  return error instanceof GrammyError ? { message: masked, code: error.error_code } : { message: masked };
}
