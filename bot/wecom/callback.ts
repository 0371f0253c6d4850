/**
 * WeCom's callback (`/wecom/callback`): the URL check when the address is saved in the admin
 * console (GET with `echostr`), and the encrypted "there is something to pull" event (POST).
 * Every request is signed with the callback Token (msg_signature over token, timestamp, nonce
 * and the ciphertext) and the payload is AES-encrypted with the EncodingAESKey; both are
 * checked with `@wecom/crypto`, and the decrypted receiver id must be our corp id. A request
 * that fails any check is refused before anything is read from it or pulled.
 *
 * A replayed, correctly signed event is harmless: it only makes the desk pull again, and
 * pulls continue from the stored cursor.
 */
import { decrypt, getSignature } from "@wecom/crypto";
import { timingSafeEqual } from "node:crypto";

export type CallbackSecrets = { token: string; aesKey: string; corpId: string };

/** The pull the event asks for: `token` lets sync_msg skip the strict rate limit (10 minutes valid). */
export type KfEvent = { token?: string; openKfid?: string };

export type CallbackQuery = { msg_signature?: string; timestamp?: string; nonce?: string; echostr?: string };

export type Verified<T> = { ok: true; value: T } | { ok: false; reason: "bad_signature" | "bad_payload" };

/** GET: the decrypted `echostr`, to be answered as plain text. */
export function verifyUrl(secrets: CallbackSecrets, query: CallbackQuery): Verified<string> {
  const { msg_signature: signature, timestamp, nonce, echostr } = query;
  if (!signature || !timestamp || !nonce || !echostr) return { ok: false, reason: "bad_signature" };
  if (!signatureMatches(getSignature(secrets.token, timestamp, nonce, echostr), signature)) return { ok: false, reason: "bad_signature" };
  const opened = open(secrets, echostr);
  return opened === null ? { ok: false, reason: "bad_payload" } : { ok: true, value: opened };
}

/** POST: the event inside the encrypted XML body; anything but `kf_msg_or_event` is an event with nothing to pull. */
export function readEvent(secrets: CallbackSecrets, query: CallbackQuery, body: string): Verified<KfEvent | null> {
  const { msg_signature: signature, timestamp, nonce } = query;
  const encrypted = tag(body, "Encrypt");
  if (!signature || !timestamp || !nonce || !encrypted) return { ok: false, reason: "bad_signature" };
  if (!signatureMatches(getSignature(secrets.token, timestamp, nonce, encrypted), signature)) return { ok: false, reason: "bad_signature" };
  const xml = open(secrets, encrypted);
  if (xml === null) return { ok: false, reason: "bad_payload" };
  if (tag(xml, "Event") !== "kf_msg_or_event") return { ok: true, value: null };
  const token = tag(xml, "Token");
  const openKfid = tag(xml, "OpenKfId");
  return { ok: true, value: { ...(token ? { token } : {}), ...(openKfid ? { openKfid } : {}) } };
}

/** Decrypts, and insists the message was meant for our corp (the receiver id at its end). */
function open(secrets: CallbackSecrets, encrypted: string): string | null {
  try {
    const { message, id } = decrypt(secrets.aesKey, encrypted);
    return id === secrets.corpId ? message : null;
  } catch {
    return null;
  }
}

function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One element's text from WeCom's flat XML envelope (`<Name><![CDATA[…]]></Name>` or
 * `<Name>…</Name>`). The envelope has a fixed shape of a few flat elements, so no XML parser
 * is needed; nested or repeated elements are not expected and not read.
 */
export function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  if (!match) return undefined;
  return (match[1] ?? match[2] ?? "").trim();
}
