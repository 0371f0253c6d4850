import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { TokenSigner } from "../../core/index.ts";

/**
 * After a customer proves a ticket is theirs (number + phone digits), the browser keeps the
 * proof in an encrypted (AES-256-GCM, so also unforgeable), HttpOnly cookie, so neither the
 * ticket page's URL nor the cookie shows phone digits and a reload needs no re-entry. Proofs expire; a shared computer forgets them with the
 * browser session or the "hide this ticket" button.
 */
export type TicketProof = {
  number: string;
  /** The phone digits the customer entered: the last four, or the whole number. */
  phone: string;
  expiresAt: number;
};

const PREFIX = "tickets:";
export const PROOF_TTL_MS = 24 * 60 * 60 * 1000;
/** A browser remembers this many tickets at most (the cookie stays small). */
const MAX_PROOFS = 5;

const VERSION = "v1.";

/** The cookie's key, derived from APP_SECRET through the signer: only the desk can make it. */
const keyOf = (signer: TokenSigner) => createHash("sha256").update(signer.sign("ticket-proof-key:v1")).digest();

function seal(signer: TokenSigner, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(signer), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

function unseal(signer: TokenSigner, cookie: string): string | null {
  if (!cookie.startsWith(VERSION)) return null;
  const bytes = Buffer.from(cookie.slice(VERSION.length), "base64url");
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(signer), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export function readTicketProofs(signer: TokenSigner, cookie: string | undefined, now: Date): TicketProof[] {
  if (!cookie) return [];
  const payload = unseal(signer, cookie);
  if (!payload?.startsWith(PREFIX)) return [];
  try {
    const parsed: unknown = JSON.parse(payload.slice(PREFIX.length));
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry: unknown) => {
      if (!entry || typeof entry !== "object") return [];
      const { n, p, e } = entry as Record<string, unknown>;
      if (typeof n !== "string" || typeof p !== "string" || typeof e !== "number" || e <= now.getTime()) return [];
      return [{ number: n, phone: p, expiresAt: e }];
    });
  } catch {
    return [];
  }
}

export function writeTicketProofs(signer: TokenSigner, proofs: readonly TicketProof[]): string {
  const compact = proofs.slice(-MAX_PROOFS).map((proof) => ({ n: proof.number, p: proof.phone, e: proof.expiresAt }));
  return seal(signer, PREFIX + JSON.stringify(compact));
}

export function withProof(proofs: readonly TicketProof[], number: string, phone: string, now: Date): TicketProof[] {
  return [...proofs.filter((proof) => proof.number !== number), { number, phone, expiresAt: now.getTime() + PROOF_TTL_MS }];
}

export function withoutProof(proofs: readonly TicketProof[], number: string): TicketProof[] {
  return proofs.filter((proof) => proof.number !== number);
}

/** Only digits go into a proof; at most the last four unless the full number was typed. */
export function phoneProofDigits(input: string): string {
  return input.replace(/\D/g, "");
}
