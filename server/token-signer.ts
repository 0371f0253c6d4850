import { createHmac, timingSafeEqual } from "node:crypto";
import type { TokenSigner } from "../core/index.ts";

/**
 * HMAC-SHA256 tokens `<payload>.<signature>` in base64url: short enough for a chat link,
 * unforgeable without APP_SECRET, and verifiable without a database round trip.
 */
export function createTokenSigner(secret: string): TokenSigner {
  const mac = (payload: string) => createHmac("sha256", secret).update(payload).digest("base64url").slice(0, 32);
  return {
    sign(payload) {
      return `${Buffer.from(payload).toString("base64url")}.${mac(payload)}`;
    },
    verify(token) {
      const [encoded, signature] = token.split(".");
      if (!encoded || !signature || token.split(".").length !== 2) return null;
      const payload = Buffer.from(encoded, "base64url").toString("utf8");
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given) ? payload : null;
    },
  };
}
