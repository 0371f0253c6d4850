import { createHash, createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Fake SMS gateways over real HTTP on 127.0.0.1: each checks the request's signature with its
 * own implementation of the provider's published algorithm (written here independently of
 * server/sms/), records what it accepted, and answers like the provider, or as scripted.
 */

export type GatewayAnswer = { status: number; body: unknown; headers?: Record<string, string> };

type Received = { signatureValid: boolean; phone: string; templateCode: string; params: unknown; raw: Record<string, unknown> };

async function listen(handler: (request: IncomingMessage, body: string) => GatewayAnswer) {
  const received: Received[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const answer = handler(request, body);
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Aliyun's documented percentEncode: the standard form encoding, then `+`→`%20`, `*`→`%2A`, `%7E`→`~`. */
function popEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2).replace(/\+/g, "%20").replace(/\*/g, "%2A").replace(/%7E/g, "~");
}

/** Aliyun dysmsapi SendSms (RPC style, GET): verifies the HMAC-SHA1 signature of the query with the secret. */
export async function fakeAliyun(options: { accessKeyId: string; accessKeySecret: string; answers?: GatewayAnswer[] }) {
  const answers = options.answers ?? [];
  const gateway = await listen((request) => {
    const query = (request.url ?? "").split("?")[1] ?? "";
    const params = new Map<string, string>();
    for (const pair of query.split("&")) {
      const [key = "", value = ""] = pair.split("=");
      params.set(decodeURIComponent(key), decodeURIComponent(value));
    }
    const signature = params.get("Signature");
    params.delete("Signature");
    const canonical = [...params.keys()]
      .sort()
      .map((key) => `${popEncode(key)}=${popEncode(params.get(key)!)}`)
      .join("&");
    const expected = createHmac("sha1", `${options.accessKeySecret}&`).update(`GET&%2F&${popEncode(canonical)}`).digest("base64");
    const signatureValid = signature === expected && params.get("AccessKeyId") === options.accessKeyId && params.get("SignatureMethod") === "HMAC-SHA1";
    const raw = Object.fromEntries(params);
    gateway.received.push({
      signatureValid,
      phone: params.get("PhoneNumbers") ?? "",
      templateCode: params.get("TemplateCode") ?? "",
      params: JSON.parse(params.get("TemplateParam") ?? "null"),
      raw,
    });
    if (!signatureValid) return { status: 400, body: { Code: "SignatureDoesNotMatch", Message: "Specified signature is not matched with our calculation." } };
    return answers.shift() ?? { status: 200, body: { Code: "OK", Message: "OK", BizId: `biz-${gateway.received.length}`, RequestId: "req" } };
  });
  return gateway;
}

/** Tencent Cloud SMS SendSms (API 3.0, POST JSON): verifies the TC3-HMAC-SHA256 Authorization header. */
export async function fakeTencent(options: { secretId: string; secretKey: string; answers?: GatewayAnswer[] }) {
  const answers = options.answers ?? [];
  const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  const gateway = await listen((request, body) => {
    const timestamp = Number(request.headers["x-tc-timestamp"]);
    const day = new Date(timestamp * 1000).toISOString().slice(0, 10);
    const canonical = `POST\n/\n\ncontent-type:${request.headers["content-type"]}\nhost:${request.headers.host}\n\ncontent-type;host\n${sha256(body)}`;
    const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${day}/sms/tc3_request\n${sha256(canonical)}`;
    let key: Buffer = createHmac("sha256", `TC3${options.secretKey}`).update(day).digest();
    key = createHmac("sha256", key).update("sms").digest();
    key = createHmac("sha256", key).update("tc3_request").digest();
    const signature = createHmac("sha256", key).update(toSign).digest("hex");
    const expected = `TC3-HMAC-SHA256 Credential=${options.secretId}/${day}/sms/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`;
    const signatureValid = request.headers.authorization === expected && request.headers["x-tc-action"] === "SendSms" && request.headers["x-tc-version"] === "2021-01-11";
    const payload = JSON.parse(body) as { PhoneNumberSet: string[]; TemplateId: string; TemplateParamSet: string[] };
    gateway.received.push({ signatureValid, phone: payload.PhoneNumberSet[0] ?? "", templateCode: payload.TemplateId, params: payload.TemplateParamSet, raw: payload });
    if (!signatureValid) return { status: 200, body: { Response: { Error: { Code: "AuthFailure.SignatureFailure", Message: "signature mismatch" }, RequestId: "req" } } };
    return (
      answers.shift() ?? {
        status: 200,
        body: { Response: { SendStatusSet: [{ Code: "Ok", Message: "send success", SerialNo: `serial-${gateway.received.length}`, PhoneNumber: payload.PhoneNumberSet[0] }], RequestId: "req" } },
      }
    );
  });
  return gateway;
}

/** A generic webhook gateway: records each JSON body and its Authorization header. */
export async function fakeSmsWebhook(options: { answers?: GatewayAnswer[] } = {}) {
  const answers = options.answers ?? [];
  const bodies: { body: { phone: string; text: string; kind: string; ticketNumber: string }; authorization: string | undefined }[] = [];
  const gateway = await listen((request, body) => {
    bodies.push({ body: JSON.parse(body) as (typeof bodies)[number]["body"], authorization: request.headers.authorization });
    return answers.shift() ?? { status: 202, body: { accepted: true } };
  });
  return { ...gateway, bodies };
}
