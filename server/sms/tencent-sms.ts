import { createHash, createHmac } from "node:crypto";
import type { SendResult } from "../../core/index.ts";
import { e164, SMS_TIMEOUT_MS, type SmsProvider } from "./sms-provider.ts";

export type TencentSmsOptions = {
  secretId: string;
  secretKey: string;
  signName: string;
  /** SmsSdkAppId of the SMS application. */
  appId: string;
  region: string;
  /** `https://sms.tencentcloudapi.com`, or a fake in tests. */
  apiRoot: string;
  clock: { now(): Date };
};

const SERVICE = "sms";
const CONTENT_TYPE = "application/json; charset=utf-8";

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");
const hmac = (key: Buffer | string, text: string) => createHmac("sha256", key).update(text).digest();

/**
 * Tencent Cloud API 3.0's TC3-HMAC-SHA256 signature of a JSON POST to `/` signing the
 * content-type and host headers: canonical request → string to sign (with the UTC date's
 * credential scope) → key derived from `TC3` + secret, the date, the service and `tc3_request`.
 */
export function tencentAuthorization(options: { secretId: string; secretKey: string; host: string; timestamp: number; payload: string }): string {
  const date = new Date(options.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = ["POST", "/", "", `content-type:${CONTENT_TYPE}\nhost:${options.host}\n`, "content-type;host", sha256Hex(options.payload)].join("\n");
  const scope = `${date}/${SERVICE}/tc3_request`;
  const stringToSign = ["TC3-HMAC-SHA256", String(options.timestamp), scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(`TC3${options.secretKey}`, date), SERVICE), "tc3_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign).digest("hex");
  return `TC3-HMAC-SHA256 Credential=${options.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

/** Codes that mean "later": rate limits and Tencent's own faults. */
const TRANSIENT = /^(LimitExceeded|RequestLimitExceeded|InternalError|ResourceUnavailable)/;

type TencentResponse = {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[];
  };
};

/** Tencent Cloud SMS (API 2021-01-11, SendSms), one number per call. Only approved templates are sent. */
export function createTencentSms(options: TencentSmsOptions): SmsProvider {
  const url = new URL(options.apiRoot);
  return {
    name: "tencent",
    needsTemplates: true,
    async send(request): Promise<SendResult> {
      if (!request.template) return { status: "failed", reason: `no SMS template configured for ${request.kind}` };
      const params = request.template.params;
      const payload = JSON.stringify({
        PhoneNumberSet: [e164(request.phone)],
        SmsSdkAppId: options.appId,
        SignName: options.signName,
        TemplateId: request.template.code,
        TemplateParamSet: Array.isArray(params) ? params : Object.values(params),
      });
      const timestamp = Math.floor(options.clock.now().getTime() / 1000);
      const response = await fetch(url, {
        method: "POST",
        headers: {
          authorization: tencentAuthorization({ secretId: options.secretId, secretKey: options.secretKey, host: url.host, timestamp, payload }),
          "content-type": CONTENT_TYPE,
          "x-tc-action": "SendSms",
          "x-tc-version": "2021-01-11",
          "x-tc-timestamp": String(timestamp),
          "x-tc-region": options.region,
        },
        body: payload,
        signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => null)) as TencentResponse | null;
      if (!response.ok || !body?.Response) return { status: "retry", reason: `Tencent SMS HTTP ${response.status}` };
      const error = body.Response.Error;
      const status = body.Response.SendStatusSet?.[0];
      if (!error && status?.Code === "Ok") return { status: "sent", ...(status.SerialNo ? { externalMessageId: status.SerialNo } : {}) };
      const code = error?.Code ?? status?.Code ?? "no status";
      const reason = `Tencent SMS ${code}: ${error?.Message ?? status?.Message ?? ""}`;
      return TRANSIENT.test(code) ? { status: "retry", reason } : { status: "failed", reason };
    },
  };
}
