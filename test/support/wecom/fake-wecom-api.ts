import { encrypt, getSignature } from "@wecom/crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake WeCom customer-service API over real HTTP on 127.0.0.1: gettoken, kf/sync_msg (a
 * message log read from a numeric cursor), kf/send_msg, kf/send_msg_on_event,
 * kf/service_state/trans, kf/customer/batchget and media/get. Calls with a token it did not
 * issue, or one the test expired, are refused with errcode 42001 as WeCom does.
 */

export type FakeKfMessage = Record<string, unknown> & { msgid: string };

export type SentMessage = { path: string; body: Record<string, unknown>; at: number };

export const TEST_CORP_ID = "ww-test-corp";
export const TEST_SECRET = "kf-test-secret";
export const TEST_CALLBACK_TOKEN = "callback-token";
/** 43 characters, as WeCom's EncodingAESKey. */
export const TEST_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
export const TEST_OPEN_KFID = "wk-test-account";

/** A tiny valid PNG (1×1), what media/get hands out for photos. */
export const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6a4a40000000049454e44ae426082",
  "hex",
);

export async function fakeWecomApi() {
  const log: FakeKfMessage[] = [];
  const sent: SentMessage[] = [];
  const syncCalls: { cursor?: string; token?: string; openKfid?: string }[] = [];
  /** errcodes the next kf/send_msg calls answer with, one each (e.g. -1: system busy). */
  const sendFaults: number[] = [];
  /** While set, kf/sync_msg answers only once it resolves (a pull held in flight). */
  let syncGate: Promise<void> | null = null;
  const validTokens = new Set<string>();
  let issued = 0;
  let tokenRequests = 0;
  let refuseEveryToken = false;
  /** When set, sync_msg ignores the cursor and serves the whole log again (a duplicate delivery). */
  let ignoreCursor = false;
  let msgCode: string | null = null;
  let sentCount = 0;

  function answer(response: ServerResponse, body: unknown, status = 200): void {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (raw += chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://fake");
      const path = url.pathname.replace(/^\/cgi-bin\//, "");
      if (path === "gettoken") {
        tokenRequests++;
        if (url.searchParams.get("corpid") !== TEST_CORP_ID || url.searchParams.get("corpsecret") !== TEST_SECRET) return answer(response, { errcode: 40001, errmsg: "invalid credential" });
        const token = `token-${++issued}`;
        validTokens.add(token);
        return answer(response, { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
      }
      const token = url.searchParams.get("access_token") ?? "";
      if (refuseEveryToken || !validTokens.has(token)) return answer(response, { errcode: 42001, errmsg: "access_token expired" });
      if (path === "media/get") {
        response.writeHead(200, { "content-type": "image/png", "content-disposition": 'attachment; filename="photo.png"' });
        response.end(PNG_BYTES);
        return;
      }
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      switch (path) {
        case "kf/sync_msg": {
          const cursor = typeof body.cursor === "string" ? body.cursor : undefined;
          const openKfid = typeof body.open_kfid === "string" ? body.open_kfid : undefined;
          syncCalls.push({ ...(cursor ? { cursor } : {}), ...(typeof body.token === "string" ? { token: body.token } : {}), ...(openKfid ? { openKfid } : {}) });
          const from = ignoreCursor || !cursor ? 0 : Number(cursor);
          // The cursor is a position in the whole log; an account's pull sees only its own messages.
          const list = log.slice(from).filter((message) => !openKfid || message.open_kfid === openKfid);
          const reply = () => answer(response, { errcode: 0, errmsg: "ok", next_cursor: String(log.length), has_more: 0, msg_list: list });
          if (syncGate) return void syncGate.then(reply);
          return reply();
        }
        case "kf/send_msg":
          if (sendFaults.length) return answer(response, { errcode: sendFaults.shift(), errmsg: "system busy" });
          sent.push({ path, body, at: Date.now() });
          return answer(response, { errcode: 0, errmsg: "ok", msgid: `out-${++sentCount}` });
        case "kf/send_msg_on_event":
          sent.push({ path, body, at: Date.now() });
          return answer(response, { errcode: 0, errmsg: "ok", msgid: `out-${++sentCount}` });
        case "kf/service_state/trans":
          sent.push({ path, body, at: Date.now() });
          return answer(response, msgCode ? { errcode: 0, errmsg: "ok", msg_code: msgCode } : { errcode: 0, errmsg: "ok" });
        case "kf/customer/batchget":
          return answer(response, {
            errcode: 0,
            errmsg: "ok",
            customer_list: ((body.external_userid_list as string[]) ?? []).map((id) => ({ external_userid: id, nickname: "张先生" })),
          });
        default:
          return answer(response, { errcode: 404, errmsg: `unknown path ${path}` }, 404);
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    log,
    sent,
    syncCalls,
    /** Messages sent to customers (send_msg), in order. */
    messages: () => sent.filter((entry) => entry.path === "kf/send_msg").map((entry) => entry.body),
    tokenRequests: () => tokenRequests,
    /** Every token issued so far stops working (as after 7200 s, or a secret reset). */
    expireTokens: () => validTokens.clear(),
    refuseEveryToken: (refuse: boolean) => (refuseEveryToken = refuse),
    serveEverythingAgain: (on: boolean) => (ignoreCursor = on),
    giveMsgCode: (code: string | null) => (msgCode = code),
    /** The next kf/send_msg answers this errcode instead of sending. */
    failNextSend: (errcode = -1) => sendFaults.push(errcode),
    /** Holds every kf/sync_msg answer until the returned function is called. */
    holdSync: () => {
      let release = () => {};
      syncGate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        syncGate = null;
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeWecomApi = Awaited<ReturnType<typeof fakeWecomApi>>;

/** What WeCom posts to the callback: the kf_msg_or_event event, encrypted and signed. */
export function signedCallback(options: { token?: string; openKfid?: string; timestamp?: string; nonce?: string; secretToken?: string } = {}) {
  const xml = `<xml><ToUserName><![CDATA[${TEST_CORP_ID}]]></ToUserName><CreateTime>1764640800</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[${options.token ?? "sync-token"}]]></Token><OpenKfId><![CDATA[${options.openKfid ?? TEST_OPEN_KFID}]]></OpenKfId></xml>`;
  const ciphered = encrypt(TEST_AES_KEY, xml, TEST_CORP_ID);
  const timestamp = options.timestamp ?? "1764640800";
  const nonce = options.nonce ?? "nonce-1";
  const signature = getSignature(options.secretToken ?? TEST_CALLBACK_TOKEN, timestamp, nonce, ciphered);
  return {
    query: `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${TEST_CORP_ID}]]></ToUserName><Encrypt><![CDATA[${ciphered}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
  };
}

/** The URL check WeCom makes when the callback address is saved. */
export function signedEcho(plain: string, secretToken = TEST_CALLBACK_TOKEN) {
  const echostr = encrypt(TEST_AES_KEY, plain, TEST_CORP_ID);
  const signature = getSignature(secretToken, "1764640800", "nonce-2", echostr);
  return `msg_signature=${signature}&timestamp=1764640800&nonce=nonce-2&echostr=${encodeURIComponent(echostr)}`;
}
