/**
 * What a customer's first words already say besides the problem: a phone number and an
 * address, when they are written out ("空调不制冷了，电话13800138000，地址…"). The guided
 * report then does not ask for them again. Only clear cases are taken: a number after a
 * phone label, or a mainland mobile number on its own; an address after an address label.
 * Anything else stays in the description, and the summary shows what was understood.
 */
import { normalizePhone, REPORT_LIMITS } from "../../core/index.ts";

export type ReportDetails = {
  /** The words with the phone and address taken out (may be empty). */
  description: string;
  /** Digits only, as `normalizePhone` gives them. Typed, so never a verified phone. */
  phone?: string;
  address?: string;
};

const PHONE_LABEL = String.raw`(?:联系电话|聯絡電話|聯繫電話|联系方式|聯絡方式|手机号码|手機號碼|手机号|手機號|手机|手機|电话号码|電話號碼|电话|電話|phone(?:\s+number)?|tel|mobile|cell)`;
/** A label, a few linking words, then 7–15 digits with single spaces or dashes between them. */
const LABELED_PHONE = new RegExp(String.raw`${PHONE_LABEL}\s*(?:是|为|為|:|：|#)?\s*(\+?\d(?:[\s-]?\d){6,16})(?!\d)`, "iu");
/** A mainland mobile number (11 digits from 13–19), with or without +86 and separators. */
const BARE_MOBILE = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/u;
/** An address label and what follows it, up to the end of the clause or the next label. */
const ADDRESS = new RegExp(
  String.raw`(?:上门地址|上門地址|地址|住址|address)\s*(?:是|在|为|為|:|：)?\s*(.+?)\s*(?=[，；;。\n]|,\s*${PHONE_LABEL}|$)`,
  "iu",
);

export function extractReportDetails(text: string): ReportDetails {
  let rest = text;
  let phone: string | undefined;
  for (const pattern of [LABELED_PHONE, BARE_MOBILE]) {
    const match = pattern.exec(rest);
    const normalized = match ? normalizePhone(match[1] ?? match[0]) : null;
    if (match && normalized) {
      phone = normalized;
      rest = cut(rest, match.index, match[0].length);
      break;
    }
  }
  let address: string | undefined;
  const addressMatch = ADDRESS.exec(rest);
  const addressText = addressMatch?.[1]?.replace(/[.\s]+$/u, "");
  if (addressMatch && addressText) {
    address = addressText.slice(0, REPORT_LIMITS.address);
    rest = cut(rest, addressMatch.index, addressMatch[0].length);
  }
  return { description: tidy(rest), ...(phone ? { phone } : {}), ...(address ? { address } : {}) };
}

function cut(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

/** Separators left behind where a part was taken out: "空调不制冷了， ，" → "空调不制冷了". */
function tidy(text: string): string {
  return text
    .replace(/\s*([，,；;、])(?:\s*[，,；;、])+/gu, "$1")
    .replace(/[，,；;、]\s*([。！？!?])/gu, "$1")
    .replace(/[ \t]{2,}/gu, " ")
    .replace(/^[\s，,；;、:：]+|[\s，,；;、:：]+$/gu, "");
}
