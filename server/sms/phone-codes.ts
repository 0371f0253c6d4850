/**
 * One-time SMS codes that prove a phone typed in a chat is the sender's (bot/shared's
 * `PhoneCodes`): a channel that cannot vouch for a number (WeChat) then may join the chat
 * account to the customer who holds it, as Telegram's own contact card does.
 *
 * Stateless on the server: the dialog keeps a challenge, `<expiry>.<HMAC(key, phone, code,
 * expiry)>`, in the customer's session; the code itself is stored nowhere. The key is drawn
 * per process, so a restart voids codes in flight (the customer goes on unverified or asks
 * again by typing the number). The dialog caps wrong tries per code.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { translate, type Clock, type Language } from "../../core/index.ts";
import type { PhoneCodes } from "../../bot/shared/types.ts";
import type { SmsProvider } from "./sms-provider.ts";

export const PHONE_CODE_TTL_MS = 10 * 60_000;

export type PhoneCodeOptions = {
  provider: SmsProvider;
  clock: Clock;
  /** A template provider's approved template for the code (SMS_VERIFY_TEMPLATE): its one parameter is the code. */
  templateCode?: string;
  /** Test seam: the code to send (random 6 digits by default). */
  newCode?: () => string;
  key?: Uint8Array;
};

/** The phone-code service, or null when the gateway needs a template and none is configured. */
export function createPhoneCodes(options: PhoneCodeOptions): PhoneCodes | null {
  const { provider } = options;
  if (provider.needsTemplates && !options.templateCode) return null;
  const key = options.key ?? randomBytes(32);
  const newCode = options.newCode ?? (() => String(randomInt(0, 1_000_000)).padStart(6, "0"));
  const sign = (phone: string, code: string, expiresAt: number) => createHmac("sha256", key).update(`${phone}\n${code}\n${expiresAt}`).digest("base64url");

  return {
    async send(phone: string, language: Language) {
      const code = newCode();
      const expiresAt = options.clock.now().getTime() + PHONE_CODE_TTL_MS;
      const templateParams = provider.name === "aliyun" ? { code } : [code];
      let result;
      try {
        result = await provider.send({
          phone,
          text: translate(language, "sms.phone_code", { code }),
          ...(options.templateCode ? { template: { code: options.templateCode, params: templateParams } } : {}),
          kind: "phone_code",
          ticketNumber: "",
        });
      } catch (error) {
        return { sent: false as const, reason: error instanceof Error ? error.message : String(error) };
      }
      if (result.status !== "sent") return { sent: false as const, reason: result.reason };
      return { sent: true as const, challenge: `${expiresAt}.${sign(phone, code, expiresAt)}` };
    },
    check({ challenge, phone, code, now }) {
      const [expiry, mac] = challenge.split(".");
      const expiresAt = Number(expiry);
      if (!mac || !Number.isFinite(expiresAt) || now.getTime() > expiresAt) return "expired";
      const expected = Buffer.from(sign(phone, code, expiresAt));
      const given = Buffer.from(mac);
      return expected.length === given.length && timingSafeEqual(expected, given) ? "ok" : "wrong";
    },
  };
}
