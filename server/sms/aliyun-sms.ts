import { createHmac, randomUUID } from "node:crypto";
import type { SendResult } from "../../core/index.ts";
import { SMS_TIMEOUT_MS, type SmsProvider } from "./sms-provider.ts";

export type AliyunSmsOptions = {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  region: string;
  /** `https://dysmsapi.aliyuncs.com`, or a fake in tests. */
  apiRoot: string;
  clock: { now(): Date };
};

/** RFC 3986 encoding as Aliyun's RPC signature wants it: `%20` for spaces, `*` and `~` as documented. */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%7E/g, "~");
}

/**
 * Aliyun's RPC signature (SignatureVersion 1.0, HMAC-SHA1): the parameters sorted by name,
 * each name and value percent-encoded, joined with `&`; the string to sign is
 * `GET&%2F&` + that query percent-encoded again; the key is the secret plus `&`.
 */
export function aliyunSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(params[key] ?? "")}`)
    .join("&");
  const stringToSign = `${method}&${aliyunPercentEncode("/")}&${aliyunPercentEncode(canonical)}`;
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}

/** Codes that mean "later", not "never": throttling and the gateway's own faults. */
const TRANSIENT = /^(Throttling|isv\.BUSINESS_LIMIT_CONTROL|isv\.DAY_LIMIT_CONTROL|isp\.|ServiceUnavailable|InternalError)/;

/** Aliyun SMS (dysmsapi 2017-05-25, SendSms), one message per call. Only approved templates are sent. */
export function createAliyunSms(options: AliyunSmsOptions): SmsProvider {
  return {
    name: "aliyun",
    needsTemplates: true,
    async send(request): Promise<SendResult> {
      if (!request.template) return { status: "failed", reason: `no SMS template configured for ${request.kind}` };
      const params: Record<string, string> = {
        AccessKeyId: options.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        PhoneNumbers: request.phone,
        RegionId: options.region,
        SignName: options.signName,
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: randomUUID(),
        SignatureVersion: "1.0",
        TemplateCode: request.template.code,
        TemplateParam: JSON.stringify(request.template.params),
        Timestamp: options.clock.now().toISOString().replace(/\.\d{3}Z$/, "Z"),
        Version: "2017-05-25",
      };
      const signature = aliyunSignature("GET", params, options.accessKeySecret);
      const query = Object.entries({ Signature: signature, ...params })
        .map(([key, value]) => `${aliyunPercentEncode(key)}=${aliyunPercentEncode(value)}`)
        .join("&");
      const response = await fetch(`${options.apiRoot.replace(/\/+$/, "")}/?${query}`, { signal: AbortSignal.timeout(SMS_TIMEOUT_MS) });
      const body = (await response.json().catch(() => null)) as { Code?: string; Message?: string; BizId?: string } | null;
      if (body?.Code === "OK") return { status: "sent", ...(body.BizId ? { externalMessageId: body.BizId } : {}) };
      const reason = `Aliyun SMS ${response.status} ${body?.Code ?? "no code"}: ${body?.Message ?? response.statusText}`;
      if (response.status >= 500 || response.status === 429 || (body?.Code && TRANSIENT.test(body.Code)) || !body) return { status: "retry", reason };
      return { status: "failed", reason };
    },
  };
}
