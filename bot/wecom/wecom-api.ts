/**
 * The few WeCom customer-service (微信客服) calls the desk makes, over fetch: `gettoken`,
 * `kf/sync_msg`, `kf/send_msg`, `kf/send_msg_on_event`, `kf/service_state/trans` and
 * `media/get`. The access token (corpid + the customer-service secret, valid 7200 s) is cached
 * and fetched again a minute before it runs out; a call refused for an invalid or expired
 * token (40014, 42001) fetches a new one and is tried once more, never twice.
 */

/** A WeCom answer with a non-zero errcode. The message never holds the access token. */
export class WecomApiError extends Error {
  override readonly name = "WecomApiError";
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`${path}: errcode ${errcode} ${errmsg}`);
  }
}

/** errcodes meaning "this access token is no good": fetch another and try again once. */
export const TOKEN_ERRCODES: readonly number[] = [40014, 42001];
/** gettoken refused the corp id or secret. */
export const INVALID_CREDENTIAL = 40001;
/** errcodes worth retrying later: system busy, frequency limits. */
export const TRANSIENT_ERRCODES: readonly number[] = [-1, 45009, 45033];

/** One message or event in `kf/sync_msg`'s `msg_list` (the fields the desk reads). */
export type KfMessage = {
  msgid: string;
  open_kfid: string;
  external_userid?: string;
  send_time: number;
  /** 3 the customer, 4 the system (events), 5 a human receptionist. */
  origin: number;
  msgtype: string;
  text?: { content: string; menu_id?: string };
  image?: { media_id: string };
  voice?: { media_id: string };
  file?: { media_id: string };
  event?: {
    event_type: string;
    open_kfid?: string;
    external_userid?: string;
    welcome_code?: string;
    msg_code?: string;
    change_type?: number;
  };
};

export type SyncResult = { next_cursor: string; has_more: number; msg_list: KfMessage[] };

/** What the desk sends: text, or a menu (head, clickable items whose id comes back as `menu_id`, tail). */
export type KfOutgoing =
  | { msgtype: "text"; text: { content: string } }
  | {
      msgtype: "msgmenu";
      msgmenu: { head_content?: string; list: { type: "click"; click: { id: string; content: string } }[]; tail_content?: string };
    };

export type WecomApiOptions = {
  corpId: string;
  secret: string;
  /** https://qyapi.weixin.qq.com, or a fake in tests (WECOM_API_ROOT). */
  apiRoot: string;
  now: () => Date;
};

export type WecomApi = ReturnType<typeof createWecomApi>;

export function createWecomApi(options: WecomApiOptions) {
  const root = options.apiRoot.replace(/\/$/, "");
  let cached: { token: string; expiresAt: number } | null = null;
  let fetching: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const url = `${root}/cgi-bin/gettoken?corpid=${encodeURIComponent(options.corpId)}&corpsecret=${encodeURIComponent(options.secret)}`;
    const body = await readJson(await fetch(url), "gettoken");
    const token = typeof body.access_token === "string" ? body.access_token : "";
    if (!token) throw new WecomApiError(-1, "no access_token in the answer", "gettoken");
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : 7200;
    cached = { token, expiresAt: options.now().getTime() + Math.max(0, expiresIn - 60) * 1000 };
    return token;
  }

  /** The cached token, or a new one; concurrent callers share one gettoken. */
  function token(): Promise<string> {
    if (cached && cached.expiresAt > options.now().getTime()) return Promise.resolve(cached.token);
    fetching ??= fetchToken().finally(() => {
      fetching = null;
    });
    return fetching;
  }

  async function post(path: string, payload: unknown, retried = false): Promise<Record<string, unknown>> {
    const current = await token();
    const response = await fetch(`${root}/cgi-bin/${path}?access_token=${encodeURIComponent(current)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    try {
      return await readJson(response, path);
    } catch (error) {
      if (!retried && error instanceof WecomApiError && TOKEN_ERRCODES.includes(error.errcode)) {
        // Only forget the token that failed: a concurrent call may have fetched a new one already.
        if (cached?.token === current) cached = null;
        return post(path, payload, true);
      }
      throw error;
    }
  }

  return {
    /** Pulls the next messages after `cursor` (none: the last 3 days), with the callback's `token` (10 minutes valid). */
    async syncMsg(input: { cursor?: string; token?: string; openKfid?: string; limit?: number }): Promise<SyncResult> {
      const body = await post("kf/sync_msg", {
        ...(input.cursor ? { cursor: input.cursor } : {}),
        ...(input.token ? { token: input.token } : {}),
        ...(input.openKfid ? { open_kfid: input.openKfid } : {}),
        limit: input.limit ?? 1000,
      });
      return {
        next_cursor: typeof body.next_cursor === "string" ? body.next_cursor : "",
        has_more: body.has_more === 1 ? 1 : 0,
        msg_list: Array.isArray(body.msg_list) ? (body.msg_list as KfMessage[]) : [],
      };
    },
    /** Sends to a customer (external_userid) through a customer-service account (open_kfid); answers WeCom's msgid. */
    async sendMsg(input: { toUser: string; openKfid: string; message: KfOutgoing }): Promise<string> {
      const body = await post("kf/send_msg", { touser: input.toUser, open_kfid: input.openKfid, ...input.message });
      return typeof body.msgid === "string" ? body.msgid : "";
    },
    /** The one message an event's code allows (welcome_code: within 20 s of entering; msg_code: the session's end). Text or menu only. */
    async sendMsgOnEvent(input: { code: string; message: KfOutgoing }): Promise<string> {
      const body = await post("kf/send_msg_on_event", { code: input.code, ...input.message });
      return typeof body.msgid === "string" ? body.msgid : "";
    },
    /** Moves the customer's session to a state (4: ended); ending it answers a `msg_code` for one closing message, when WeCom gives one. */
    async transServiceState(input: { openKfid: string; externalUserId: string; state: number }): Promise<{ msgCode?: string }> {
      const body = await post("kf/service_state/trans", { open_kfid: input.openKfid, external_userid: input.externalUserId, service_state: input.state });
      return typeof body.msg_code === "string" && body.msg_code ? { msgCode: body.msg_code } : {};
    },
    /** Customers' WeChat nicknames (kf/customer/batchget), by external_userid; unknown ids are left out. */
    async customerNames(externalUserIds: readonly string[]): Promise<Map<string, string>> {
      const body = await post("kf/customer/batchget", { external_userid_list: externalUserIds });
      const names = new Map<string, string>();
      for (const item of Array.isArray(body.customer_list) ? (body.customer_list as { external_userid?: unknown; nickname?: unknown }[]) : []) {
        if (typeof item.external_userid === "string" && typeof item.nickname === "string" && item.nickname.trim()) names.set(item.external_userid, item.nickname.trim());
      }
      return names;
    },
    /** A file the customer sent (media_id from sync_msg), as bytes with WeCom's content type. */
    async getMedia(mediaId: string, retried = false): Promise<{ bytes: Uint8Array; contentType?: string; fileName?: string }> {
      const current = await token();
      const response = await fetch(`${root}/cgi-bin/media/get?access_token=${encodeURIComponent(current)}&media_id=${encodeURIComponent(mediaId)}`);
      const type = response.headers.get("content-type") ?? "";
      if (type.includes("json") || type.startsWith("text/plain")) {
        // An error comes back as JSON instead of the file.
        try {
          await readJson(response, "media/get");
        } catch (error) {
          if (!retried && error instanceof WecomApiError && TOKEN_ERRCODES.includes(error.errcode)) {
            if (cached?.token === current) cached = null;
            return this.getMedia(mediaId, true);
          }
          throw error;
        }
        throw new WecomApiError(-1, "no file in the answer", "media/get");
      }
      if (!response.ok) throw new WecomApiError(-1, `HTTP ${response.status}`, "media/get");
      const fileName = /filename="?([^";]+)"?/.exec(response.headers.get("content-disposition") ?? "")?.[1];
      return { bytes: new Uint8Array(await response.arrayBuffer()), ...(type ? { contentType: type } : {}), ...(fileName ? { fileName } : {}) };
    },
  };
}

async function readJson(response: Response, path: string): Promise<Record<string, unknown>> {
  if (!response.ok) throw new WecomApiError(-1, `HTTP ${response.status}`, path);
  const body = (await response.json()) as Record<string, unknown>;
  const errcode = typeof body.errcode === "number" ? body.errcode : 0;
  if (errcode !== 0) throw new WecomApiError(errcode, typeof body.errmsg === "string" ? body.errmsg : "", path);
  return body;
}
