/**
 * The WeCom customer-service adapter: WeCom calls `/wecom/callback` (callback.ts) when there
 * is something new; the desk then pulls it with kf/sync_msg from the stored cursor and hands
 * each customer message to the channel-neutral dialog, like the Telegram adapter does.
 *
 * Exactly once: pulls run one at a time (a callback arriving during a pull makes one more pull
 * of its account after it, with that account's newest token); each message is recorded in the
 * update ledger (by its msgid) only after it was handled to the end, and the cursor is stored
 * after a batch handled to its end. A message whose handling fails stops the batch and keeps
 * the old cursor: the next callback or pull fetches it again, and the ledger skips what was
 * done before it (a crash mid-batch is the same case). The same message delivered twice (a
 * duplicate callback, an overlapping pull) is handled once. Intake is idempotent besides (the
 * ticket's source message id).
 *
 * A customer's message opens their 48 h / 5-message window (window.ts); the reply spends one
 * message; then the notifications held while the window was closed are released to the
 * outbox, so they follow the reply.
 */
import type { Core } from "../../core/index.ts";
import { AttachmentUnavailableError } from "../shared/attachments.ts";
import { createDialog, type Dialog } from "../shared/dialog.ts";
import type { AttachmentRef, BotLogger, BotStores, InboundMessage, KnowledgeBaseSearch, SaveAttachment, StoredAttachment } from "../shared/types.ts";
import { readEvent, verifyUrl, type CallbackQuery, type KfEvent } from "./callback.ts";
import { toInbound } from "./inbound.ts";
import { turnMessages } from "./render.ts";
import { createWecomApi, WecomApiError, type KfMessage, type KfOutgoing, type WecomApi } from "./wecom-api.ts";
import { createWecomSender } from "./wecom-sender.ts";
import { createWindowLocks, reopened, type WindowStore } from "./window.ts";

export type CursorStore = {
  load(openKfid: string): Promise<string | null>;
  save(openKfid: string, cursor: string): Promise<void>;
};

export type WecomChannelOptions = {
  corpId: string;
  /** The customer-service secret (微信客服 Secret). */
  secret: string;
  /** The callback Token and EncodingAESKey set in the WeCom admin console. */
  callbackToken: string;
  aesKey: string;
  apiRoot: string;
  /** Pull only this customer-service account's messages (WECOM_OPEN_KFID); default: every account the secret may read. */
  openKfid?: string;
  core: Core;
  stores: BotStores;
  windows: WindowStore;
  cursors: CursorStore;
  saveAttachment: SaveAttachment;
  /** Makes the customer's held outbox rows on WeCom due now; returns how many there were. */
  releaseHeld: (customerId: string, now: Date) => Promise<number>;
  /** Called after each handled message, e.g. to wake the outbox worker. */
  onHandled?: () => void;
  knowledgeBase?: KnowledgeBaseSearch;
  logger: BotLogger;
  /** Survey prompt keys (tests). */
  newKey?: () => string;
};

export type WecomChannel = ReturnType<typeof createWecomChannel>;

/** The name used when WeCom does not tell the customer's nickname. */
const FALLBACK_NAME = "微信用户";
const ENTER_SESSION = "enter_session";
const MAX_CALLBACK_BYTES = 64 * 1024;
/** A message failing this often (one pull each) is given up on, so it does not block the account's later messages for good. */
const MAX_HANDLING_ATTEMPTS = 5;
const HEALTHY = "callback";

export function createWecomChannel(options: WecomChannelOptions) {
  const { core, stores, logger } = options;
  const now = () => core.now();
  const api: WecomApi = createWecomApi({ corpId: options.corpId, secret: options.secret, apiRoot: options.apiRoot, now });
  const withWindow = createWindowLocks();
  const secrets = { token: options.callbackToken, aesKey: options.aesKey, corpId: options.corpId };
  const sender = createWecomSender({ api, core, stores, windows: options.windows, withWindow, now, logger, ...(options.newKey ? { newKey: options.newKey } : {}) });
  const dialog: Dialog = createDialog({
    core,
    surveyPrompts: stores.surveyPrompts,
    seenUsers: stores.seenUsers,
    fetchAttachment: (ref) => fetchAttachment(ref),
    logger,
    // Menus are clickable, but a typed number must work too: the dialog remembers the choices.
    hasButtons: false,
    ...(options.knowledgeBase ? { knowledgeBase: options.knowledgeBase } : {}),
  });
  const names = new Map<string, string>();
  /** Failed handling attempts per msgid, in this process. */
  const failures = new Map<string, number>();
  let health = HEALTHY;

  async function fetchAttachment(ref: AttachmentRef): Promise<StoredAttachment> {
    let file;
    try {
      file = await api.getMedia(ref.ref);
    } catch (error) {
      throw new AttachmentUnavailableError(`media/get failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const fileName = file.fileName ?? (ref.kind === "voice" ? "voice.amr" : ref.kind === "photo" ? "photo.jpg" : "file");
    const declaredType = ref.mimeType ?? file.contentType;
    return options.saveAttachment({ bytes: file.bytes, fileName, ...(declaredType ? { declaredType } : {}) });
  }

  /** The customer's WeChat nickname, asked once per process; a fixed name when WeCom will not say. */
  async function nameOf(externalUserId: string): Promise<string> {
    const known = names.get(externalUserId);
    if (known) return known;
    const found = await api.customerNames([externalUserId]).catch((error: unknown) => {
      logger.debug({ err: error instanceof Error ? error.message : String(error) }, "wecom: customer nickname not available");
      return new Map<string, string>();
    });
    const name = found.get(externalUserId) ?? FALLBACK_NAME;
    names.set(externalUserId, name);
    return name;
  }

  /** Sends one turn's messages, each counted in the customer's window. */
  async function sendTurn(externalUserId: string, openKfid: string, messages: readonly KfOutgoing[]): Promise<void> {
    for (const message of messages) {
      await withWindow(externalUserId, async () => {
        await api.sendMsg({ toUser: externalUserId, openKfid, message });
        const state = await options.windows.load(externalUserId);
        if (state) await options.windows.save(externalUserId, { ...state, sent: state.sent + 1 });
      });
    }
  }

  async function runDialog(inbound: InboundMessage) {
    const stored = await stores.sessions.load("wecom", inbound.sender.id);
    const result = await dialog.handle(inbound, stored);
    if (JSON.stringify(result.session) !== JSON.stringify(stored ?? {})) await stores.sessions.save("wecom", inbound.sender.id, result.session, now());
    if (result.inboundLink && !inbound.button) {
      await stores.links.link({ channel: "wecom", chatId: inbound.chat.id, messageId: inbound.messageId, ...result.inboundLink }, now());
    }
    // A menu click has no pop-up to answer in: a notice about it (a stale menu) goes as a message.
    const replies = result.replies.length === 0 && result.toast ? [{ text: result.toast }] : result.replies;
    return turnMessages(replies);
  }

  async function handleEvent(message: KfMessage): Promise<void> {
    const event = message.event;
    const userId = event?.external_userid;
    if (event?.event_type !== ENTER_SESSION || !event.welcome_code || !userId) return;
    // The customer opened the chat: the menu, as the one welcome message the code allows (within 20 s).
    const inbound: InboundMessage = {
      channel: "wecom",
      eventId: message.msgid,
      sender: { id: userId, displayName: await nameOf(userId), languageHint: "zh-CN" },
      chat: { kind: "private", id: userId },
      messageId: message.msgid,
      text: "/start",
      attachments: [],
    };
    const [first] = await runDialog(inbound);
    if (first) await api.sendMsgOnEvent({ code: event.welcome_code, message: first });
  }

  async function handleMessage(message: KfMessage): Promise<void> {
    if (message.msgtype === "event") return handleEvent(message);
    const parsed = toInbound(message);
    if (!parsed) return;
    const userId = parsed.sender.id;
    const inbound: InboundMessage = { ...parsed, sender: { ...parsed.sender, displayName: await nameOf(userId) } };
    const wroteAt = message.send_time > 0 ? new Date(Math.min(message.send_time * 1000, now().getTime())) : now();
    await withWindow(userId, async () => options.windows.save(userId, reopened(await options.windows.load(userId), message.open_kfid, wroteAt)));
    const messages = await runDialog(inbound);
    await sendTurn(userId, message.open_kfid, messages);
    // What waited for the customer to write goes now, after the reply.
    const customer = await core.customerByIdentity({ channel: "wecom", externalId: userId });
    if (customer && (await options.releaseHeld(customer.id, now())) > 0) logger.info({ customerId: customer.id }, "wecom: held messages released after the customer wrote");
  }

  /**
   * Handles a message unless the ledger has it; records it once handled to the end. Answers
   * false when handling failed: the message is not recorded, so the caller must not move the
   * cursor past it.
   */
  async function processOnce(message: KfMessage): Promise<boolean> {
    if (await stores.updates.isHandled("wecom", message.msgid)) {
      logger.info({ msgid: message.msgid }, "wecom: message already handled; skipped");
      return true;
    }
    try {
      await handleMessage(message);
    } catch (error) {
      const attempts = (failures.get(message.msgid) ?? 0) + 1;
      failures.set(message.msgid, attempts);
      if (attempts < MAX_HANDLING_ATTEMPTS) {
        logger.error({ err: describe(error), msgid: message.msgid, attempts }, "wecom: message could not be handled; the next pull tries it again");
        return false;
      }
      // One message that always fails must not hold back every later customer: given up on, loudly.
      logger.error({ err: describe(error), msgid: message.msgid, attempts }, "wecom: message could not be handled and is given up on");
      failures.delete(message.msgid);
      return true;
    } finally {
      options.onHandled?.();
    }
    failures.delete(message.msgid);
    await stores.updates.markHandled("wecom", message.msgid, now()).catch((error: unknown) => {
      logger.warn({ err: describe(error), msgid: message.msgid }, "wecom: could not record a handled message");
    });
    return true;
  }

  async function pullAll(event: KfEvent): Promise<void> {
    const openKfid = event.openKfid ?? options.openKfid;
    if (options.openKfid && openKfid !== options.openKfid) return;
    const cursorKey = openKfid ?? "";
    let cursor = await options.cursors.load(cursorKey);
    for (let page = 0; page < 1000; page++) {
      const batch = await api.syncMsg({ ...(cursor ? { cursor } : {}), ...(event.token ? { token: event.token } : {}), ...(openKfid ? { openKfid } : {}) });
      health = HEALTHY;
      for (const message of batch.msg_list) {
        // Stop at the first failure, cursor unmoved: what follows it is fetched again with it.
        if (!(await processOnce(message))) return;
      }
      if (batch.next_cursor && batch.next_cursor !== cursor) {
        cursor = batch.next_cursor;
        await options.cursors.save(cursorKey, cursor);
      }
      if (!batch.has_more) return;
    }
  }

  // One pull at a time. Events arriving meanwhile wait per account (the newest token of each
  // wins) and each account is pulled after it: another account's event is never dropped.
  let running: Promise<void> | null = null;
  const waiting = new Map<string, KfEvent>();
  function requestPull(event: KfEvent): Promise<void> {
    waiting.set(event.openKfid ?? "", event);
    running ??= (async () => {
      for (let next = takeWaiting(); next; next = takeWaiting()) {
        try {
          await pullAll(next);
        } catch (error) {
          health = `down: ${shortReason(error)}`;
          logger.error({ err: describe(error) }, "wecom: pull failed");
        }
      }
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function takeWaiting(): KfEvent | undefined {
    const [key, event] = waiting.entries().next().value ?? [];
    if (key === undefined) return undefined;
    waiting.delete(key);
    return event;
  }

  /** Reads a POST body up to the limit; null when it is larger (declared or streamed, chunked included). */
  async function readBounded(request: Request): Promise<string | null> {
    const declared = request.headers.get("content-length");
    if (declared !== null && Number(declared) > MAX_CALLBACK_BYTES) return null;
    if (!request.body) return "";
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_CALLBACK_BYTES) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  /** `/wecom/callback`: GET verifies the URL, POST takes an event; anything unsigned is a 403 and changes nothing. */
  async function handleCallback(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const query: CallbackQuery = Object.fromEntries(url.searchParams.entries());
    if (request.method === "GET") {
      const verified = verifyUrl(secrets, query);
      if (!verified.ok) return refuse(verified.reason);
      return new Response(verified.value, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    // WeCom's envelope is well under a kilobyte: a larger body is not WeCom's, and is not read
    // further (with or without content-length) before its signature can be checked.
    const body = await readBounded(request);
    if (body === null) {
      logger.warn({ reason: "too_large" }, "wecom: callback refused");
      return new Response("payload too large", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close" } });
    }
    const event = readEvent(secrets, query, body);
    if (!event.ok) return refuse(event.reason);
    // Answered at once (WeCom waits 5 s, then calls again); the pull runs behind it.
    if (event.value) void requestPull(event.value);
    return new Response("success", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }

  function refuse(reason: string): Response {
    logger.warn({ reason }, "wecom: callback refused");
    return new Response("forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }

  return {
    sender,
    dialog,
    handleCallback,
    /** For /health: `callback`, or `down: <errcode or short reason>` from the last pull until a pull gets through again. */
    state: (): string => health,
    /** Pulls now (e.g. at start, for what arrived while the desk was down; without a token sync_msg is rate limited). */
    pull: (event: KfEvent = {}) => requestPull(event),
    /** Settles when no pull is running (tests, shutdown). */
    idle: async (): Promise<void> => {
      while (running) await running;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What /health shows of a failed pull: WeCom's errcode, or the first words of the fault; never a token or secret. */
function shortReason(error: unknown): string {
  if (error instanceof WecomApiError) return `errcode ${error.errcode}`;
  return describe(error)
    .replace(/(access_token|corpsecret)=[^&\s]*/gi, "$1=***")
    .slice(0, 80);
}
