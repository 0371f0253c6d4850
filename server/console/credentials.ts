import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { Credentials } from "../../core/index.ts";

/** scrypt's cost (N=2^15, r=8: ~32 MB and a few tens of ms per hash), stored with each hash so it can be raised later. */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, KEY_BYTES, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * The console's secrets with node:crypto: 32 random bytes for links and sessions (stored as
 * sha256), and passwords as `scrypt$N$r$p$salt$hash` (a per-user 16-byte salt), compared with
 * `timingSafeEqual`.
 */
export function createCredentials(): Credentials {
  return {
    newSecret: () => randomBytes(32).toString("base64url"),
    digest: (secret) => createHash("sha256").update(secret).digest("hex"),
    async hashPassword(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, COST);
      return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
    },
    async verifyPassword(password, stored) {
      const [scheme, n, r, p, salt, hash] = stored.split("$");
      if (scheme !== "scrypt" || !salt || !hash) return false;
      const expected = Buffer.from(hash, "base64url");
      const key = await derive(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
