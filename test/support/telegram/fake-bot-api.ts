/**
 * A fake Telegram Bot API server for tests.
 *
 * The real grammY `Bot` talks HTTP to it exactly as it would to
 * api.telegram.org (`new Bot(token, { client: { apiRoot: api.apiRoot } })`), so
 * transformers such as auto-retry and the throttler, multipart uploads, long
 * polling and webhook replies are all exercised for real. Tests inject updates
 * with builders, inspect what the bot called, and inject failures.
 *
 * State lives in memory per instance; start one per test (it takes a few ms).
 * One fake serves one bot: all tokens share one update queue.
 */
import { createServer, request as httpRequest } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type {
  BotCommand,
  Chat,
  ChatFullInfo,
  File as TelegramFile,
  ForumTopic,
  InlineKeyboardMarkup,
  Message,
  MessageEntity,
  MessageId,
  MessageOrigin,
  PhotoSize,
  Update,
  User,
  UserFromGetMe,
  WebhookInfo,
} from "grammy/types";
import { TelegramApiError, TelegramErrors, badRequest } from "./errors.ts";
import type { TelegramErrorBody } from "./errors.ts";
import { applyParseMode } from "./formatting.ts";
import { BodyParseError, parseRequestBody } from "./request-body.ts";
import type { UploadedFile } from "./request-body.ts";

export { TelegramApiError, TelegramErrors } from "./errors.ts";
export type { TelegramErrorBody } from "./errors.ts";
export type { UploadedFile } from "./request-body.ts";

// ---------------------------------------------------------------------------
// Public types

/** Options for {@link startFakeBotApi}. */
export type FakeBotApiOptions = {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (a random free port). */
  port?: number;
  /**
   * Overrides for the bot's `getMe` answer. By default the id is the number
   * before the colon of the token (as on Telegram) and the username is
   * `service_desk_test_bot`.
   */
  bot?: Partial<Omit<UserFromGetMe, "is_bot">>;
  /**
   * If true, sending to a chat the test did not create (fixture or incoming
   * update) fails with 400 "chat not found". By default such chats are created
   * on the fly, which suits tests that send to configured chat ids.
   */
  strictChats?: boolean;
  /** Clock in epoch milliseconds, for `date` fields and `FakeCall.at`; default `Date.now`. */
  now?: () => number;
  /** The first `update_id` handed out; default 10001. */
  firstUpdateId?: number;
};

/** A Bot API answer as sent on the wire. */
export type ApiResult = { ok: true; result: unknown } | ({ ok: false } & TelegramErrorBody);

/** One request the bot made (or a webhook reply it returned, or a file download). */
export type FakeCall = {
  /** Position in {@link FakeBotApi.calls}; pass `api.calls.length` as `since` to wait only for later calls. */
  seq: number;
  /** Canonical method name (`sendMessage` even if the bot wrote `SENDMESSAGE`); `downloadFile` for file downloads. */
  method: string;
  /** Parsed params, whatever the encoding (numbers and JSON fields of form bodies are decoded). */
  params: Record<string, unknown>;
  /** Files uploaded with the request (multipart only). */
  files: UploadedFile[];
  /** The token in the URL. */
  token: string;
  /** `params.chat_id`, normalised to a number when numeric. */
  chat_id: number | string | undefined;
  /** When the request arrived, in epoch ms. */
  at: number;
  /** `http` for normal requests, `webhook-reply` for a method returned in a webhook response body. */
  via: "http" | "webhook-reply";
  /** The answer; undefined while a long poll is held open or after its client went away. */
  response: ApiResult | undefined;
};

/** Matches calls by method name (case-insensitive) or by predicate. */
export type CallMatcher = string | ((call: FakeCall) => boolean);

/** Options of the wait helpers. */
export type WaitOptions = {
  /** Rejects after this many ms; default 20000 (a ceiling for a loaded machine: waits end on the event, never on the clock). */
  timeoutMs?: number;
  /** Index to start looking from (`api.calls.length` / `api.sent().length` taken earlier); default 0 = include past ones. */
  since?: number;
};

/** Options of {@link FakeBotApi.failNext}. */
export type FailOptions = {
  /** How many matching calls fail; default 1. `Infinity` makes it permanent (e.g. a blocked user). */
  times?: number;
  /** Fail only calls whose `chat_id` is this. */
  chatId?: number | string;
};

/** A file the fake can serve, as returned by {@link FakeBotApi.addFile}. */
export type FakeFile = {
  file_id: string;
  file_unique_id: string;
  /** Path under `/file/bot<token>/`. */
  file_path: string;
  file_size: number;
  mime_type?: string;
  file_name?: string;
};

/** Metadata for {@link FakeBotApi.addFile}. */
export type AddFileOptions = {
  mimeType?: string;
  fileName?: string;
  /** Photo/video dimensions; default 1280x960. */
  width?: number;
  height?: number;
  /** Voice/audio/video duration in seconds; default 3. */
  duration?: number;
};

/** Optional parts of an incoming user message. */
export type MessageExtra = {
  /** Forum topic (or reply thread) of the message. */
  message_thread_id?: number;
  /** Defaults to true when `message_thread_id` is given in a forum supergroup. */
  is_topic_message?: boolean;
  /** The message being replied to (e.g. one from `api.sent()`); its stored version is used. */
  reply_to_message?: Message;
  /** Explicit entities; by default `/commands` are detected as Telegram does. */
  entities?: MessageEntity[];
  /** Unix time in seconds; default now. */
  date?: number;
  forward_origin?: MessageOrigin;
  media_group_id?: string;
};

/** Fields for {@link FakeBotApi.user}. */
export type UserInit = {
  id?: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
};

/** Fields for {@link FakeBotApi.supergroup}. */
export type SupergroupInit = { id?: number; title: string; is_forum?: boolean; username?: string };

/** A message that arrives in an update: always has a sender and is not a channel post. */
export type UserMessage = Message & { from: User; chat: Exclude<Chat, Chat.ChannelChat> };

/** A chat a user can write in. */
export type UserChat = Exclude<Chat, Chat.ChannelChat>;

/**
 * Pure update builders: they allocate ids and store the message (so the bot can
 * reply to or copy it) but do not queue anything. Use them with
 * {@link FakeBotApi.deliverToWebhook} or {@link FakeBotApi.pushRaw}.
 */
export type UpdateBuilders = {
  text(from: User, chat: UserChat, text: string, extra?: MessageExtra): Update;
  photo(from: User, chat: UserChat, fileId: string, caption?: string, extra?: MessageExtra): Update;
  document(from: User, chat: UserChat, fileId: string, caption?: string, extra?: MessageExtra): Update;
  voice(from: User, chat: UserChat, fileId: string, extra?: MessageExtra): Update;
  contact(from: User, chat: UserChat, phone: string, extra?: MessageExtra & { first_name?: string; last_name?: string }): Update;
  callback(from: User, message: Message, data: string, options?: PressOptions): Update;
  edit(from: User, message: Message, newText: string): Update;
};

/** Options of {@link FakeBotApi.pressButton}. */
export type PressOptions = {
  /** Press even if the message's current keyboard has no such button (a stale client). */
  force?: boolean;
};

/** A custom method implementation; throw {@link TelegramApiError} to answer with an error. */
export type MethodHandler = (params: Record<string, unknown>, call: FakeCall) => unknown;

/** What happened when an update was POSTed to a webhook. */
export type WebhookDelivery = {
  /** HTTP status the bot's webhook answered with. */
  status: number;
  /** Response body, JSON-decoded when possible. */
  body: unknown;
  /** If the body carried a webhook reply (`{ method, ...params }`), the call it was executed as. */
  reply: FakeCall | undefined;
};

// ---------------------------------------------------------------------------
// Internal types and helpers

type ChatState = {
  chat: Chat;
  nextMessageId: number;
  messages: Map<number, Message>;
  topics: Map<number, TopicState>;
};

type TopicState = { topic: ForumTopic; closed: boolean; root: Message };

type StoredFile = FakeFile & { bytes: Uint8Array; width?: number; height?: number; duration?: number };

type QueuedUpdate = { update: Update; delivered: boolean };

type Poller = { res: ServerResponse; call: FakeCall; limit: number; timer: NodeJS.Timeout | undefined };

type Waiter = {
  check: () => boolean;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  describe: string;
};

type FailureRule = { method: string; body: TelegramErrorBody; remaining: number; chatId: string | undefined };

type MediaKind = "photo" | "document" | "voice" | "video" | "audio";

// Update types Telegram leaves out unless asked for explicitly in allowed_updates.
const OPT_IN_UPDATE_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const DEFAULT_TOPIC_COLOR = 7322096;
const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

const FILE_ID_PREFIX: Record<MediaKind, string> = {
  photo: "AgAC",
  document: "BQAC",
  voice: "AwAC",
  video: "BAAC",
  audio: "CQAC",
};

// Methods that only change things the fake does not model; answering `true` keeps startup code happy.
const ACCEPT_ONLY_METHODS = [
  "logOut",
  "close",
  "setMyDescription",
  "setMyShortDescription",
  "setMyName",
  "setChatMenuButton",
  "setMyDefaultAdministratorRights",
  "pinChatMessage",
  "unpinChatMessage",
  "unpinAllChatMessages",
  "unpinAllForumTopicMessages",
  "setMessageReaction",
  "leaveChat",
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

function asString(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function withoutReply(message: Message): Message & { reply_to_message: undefined } {
  const copy = clone(message);
  delete copy.reply_to_message;
  return copy as Message & { reply_to_message: undefined };
}

function updateType(update: Update): string | undefined {
  return Object.keys(update).find((key) => key !== "update_id");
}

/** `/start`, `/help@some_bot` at word starts, like the entities Telegram computes for clients. */
function detectCommands(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/g)) {
    entities.push({ type: "bot_command", offset: match.index, length: match[0].length });
  }
  return entities;
}

function guessMimeType(fileName: string | undefined): string | undefined {
  const ext = fileName?.split(".").pop()?.toLowerCase();
  const known: Record<string, string> = {
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    webp: "image/webp",
    gif: "image/gif",
    pdf: "application/pdf",
    txt: "text/plain",
    csv: "text/csv",
    json: "application/json",
    zip: "application/zip",
    ogg: "audio/ogg",
    oga: "audio/ogg",
    mp3: "audio/mpeg",
    mp4: "video/mp4",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
  return ext === undefined ? undefined : known[ext];
}

function folderFor(mimeType: string | undefined): string {
  if (mimeType === undefined) return "documents";
  if (mimeType.startsWith("image/")) return "photos";
  if (mimeType === "audio/ogg") return "voice";
  if (mimeType.startsWith("audio/")) return "music";
  if (mimeType.startsWith("video/")) return "videos";
  return "documents";
}

function extensionFor(fileName: string | undefined, mimeType: string | undefined): string {
  const fromName = fileName?.includes(".") ? fileName.split(".").pop() : undefined;
  if (fromName !== undefined && fromName !== "") return fromName.toLowerCase();
  const byMime: Record<string, string> = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "audio/ogg": "oga",
    "video/mp4": "mp4",
    "application/pdf": "pdf",
  };
  return (mimeType === undefined ? undefined : byMime[mimeType]) ?? "dat";
}

function summarize(call: FakeCall): string {
  const chat = call.chat_id === undefined ? "" : ` chat=${call.chat_id}`;
  const outcome =
    call.response === undefined ? "pending" : call.response.ok ? "ok" : `${call.response.error_code} ${call.response.description}`;
  return `#${call.seq} ${call.method}${chat} -> ${outcome}`;
}

// ---------------------------------------------------------------------------
// The server

/**
 * A running fake Bot API. Create it with {@link startFakeBotApi}; stop it with
 * {@link FakeBotApi.close} after stopping the bot.
 */
export class FakeBotApi {
  /** Base URL to pass as grammY's `client.apiRoot`, e.g. `http://127.0.0.1:41234`. */
  readonly apiRoot: string;
  /** Every request in arrival order (long polls are recorded when they arrive). */
  readonly calls: FakeCall[] = [];
  /** Pure update builders (no queueing); see {@link UpdateBuilders}. */
  readonly build: UpdateBuilders;

  private readonly server: Server;
  private readonly options: FakeBotApiOptions;
  private readonly now: () => number;
  private readonly handlers = new Map<string, { name: string; handle: MethodHandler }>();
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly callbackQueries = new Map<string, { answered: boolean }>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly sentLog: Message[] = [];
  private readonly queue: QueuedUpdate[] = [];
  private readonly dropped: Update[] = [];
  private readonly pollers = new Set<Poller>();
  private readonly waiters = new Set<Waiter>();
  private readonly failures: FailureRule[] = [];
  private readonly tokenSet = new Set<string>();
  private allowedUpdates: Set<string> | undefined;
  private webhook: { url: string; secret_token?: string; max_connections?: number } | undefined;
  private nextUpdateId: number;
  private nextUserId = 1_000_001;
  private nextGroupId = 4_000_000_001;
  private nextSupergroupId = 1_001_000_000_001;
  private nextFileNumber = 1;
  private nextCallbackNumber = 1;
  private wakeHandle: NodeJS.Immediate | undefined;
  private closing: Promise<void> | undefined;

  private constructor(server: Server, apiRoot: string, options: FakeBotApiOptions) {
    this.server = server;
    this.apiRoot = apiRoot;
    this.options = options;
    // Read late, so that a test faking Date (test/support/fake-time.ts) also fakes these stamps.
    this.now = options.now ?? (() => Date.now());
    this.nextUpdateId = options.firstUpdateId ?? 10_001;
    this.installBuiltInMethods();
    this.build = {
      text: (from, chat, text, extra) =>
        this.wrapMessage(this.userMessage(from, chat, extra, { text, entities: extra?.entities ?? detectCommands(text) })),
      photo: (from, chat, fileId, caption, extra) =>
        this.wrapMessage(this.userMessage(from, chat, extra, { photo: this.photoSizes(this.requireFile(fileId)), ...this.captionOf(caption) })),
      document: (from, chat, fileId, caption, extra) =>
        this.wrapMessage(
          this.userMessage(from, chat, extra, { document: this.mediaPayload("document", this.requireFile(fileId)).document, ...this.captionOf(caption) }),
        ),
      voice: (from, chat, fileId, extra) =>
        this.wrapMessage(this.userMessage(from, chat, extra, { voice: this.mediaPayload("voice", this.requireFile(fileId)).voice })),
      contact: (from, chat, phone, extra) => {
        const contact = { phone_number: phone, first_name: extra?.first_name ?? from.first_name, user_id: from.id };
        const lastName = extra?.last_name ?? from.last_name;
        return this.wrapMessage(
          this.userMessage(from, chat, extra, { contact: lastName === undefined ? contact : { ...contact, last_name: lastName } }),
        );
      },
      callback: (from, message, data, options) => this.buildCallback(from, message, data, options),
      edit: (from, message, newText) => this.buildEdit(from, message, newText),
    };
  }

  /** @internal Use {@link startFakeBotApi}. */
  static async start(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
    const server = createServer();
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const api = new FakeBotApi(server, `http://${host}:${port}`, options);
    server.on("request", (req, res) => {
      api.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          api.writeJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
        }
      });
    });
    return api;
  }

  // -------------------------------------------------------------------------
  // Fixtures

  /** Creates a (human) user; ids are allocated from 1000001 unless given. */
  user(init: UserInit): User {
    const user: User = { id: init.id ?? this.nextUserId++, is_bot: false, first_name: init.first_name };
    if (init.last_name !== undefined) user.last_name = init.last_name;
    if (init.username !== undefined) user.username = init.username;
    if (init.language_code !== undefined) user.language_code = init.language_code;
    if (init.is_premium !== undefined) user.is_premium = init.is_premium;
    return user;
  }

  /** The private chat between `user` and the bot (same object on every call). */
  privateChat(user: User): Chat.PrivateChat {
    const existing = this.chats.get(user.id)?.chat;
    if (existing?.type === "private") return existing;
    const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name !== undefined) chat.last_name = user.last_name;
    if (user.username !== undefined) chat.username = user.username;
    this.registerChat(chat);
    return chat;
  }

  /** A supergroup the bot is a member of; `is_forum: true` enables topics. Ids look like `-1001000000001`. */
  supergroup(init: SupergroupInit): Chat.SupergroupChat {
    const chat: Chat.SupergroupChat = { id: init.id ?? -this.nextSupergroupId++, type: "supergroup", title: init.title };
    if (init.is_forum === true) chat.is_forum = true;
    if (init.username !== undefined) chat.username = init.username;
    this.registerChat(chat);
    return chat;
  }

  /** A basic group the bot is a member of. */
  group(init: { id?: number; title: string }): Chat.GroupChat {
    const chat: Chat.GroupChat = { id: init.id ?? -this.nextGroupId++, type: "group", title: init.title };
    this.registerChat(chat);
    return chat;
  }

  /** A forum topic that already exists in `chat` (as if created earlier by someone). */
  forumTopic(chat: Chat.SupergroupChat, name: string, iconColor = DEFAULT_TOPIC_COLOR): ForumTopic {
    const state = this.registerChat(chat);
    if (state.chat.type !== "supergroup" || state.chat.is_forum !== true) throw new Error(`chat ${chat.id} is not a forum`);
    return this.createTopic(state, name, iconColor, undefined, undefined).topic;
  }

  /** Registers downloadable bytes under `fileId` (empty string = generate one); use the id in photo/document/voice updates. */
  addFile(fileId: string, bytes: Uint8Array | string, options: AddFileOptions = {}): FakeFile {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    const mimeType = options.mimeType ?? guessMimeType(options.fileName);
    const stored = this.storeFile(data, {
      fileId: fileId === "" ? undefined : fileId,
      kind: mimeType?.startsWith("image/") ? "photo" : mimeType === "audio/ogg" ? "voice" : "document",
      mimeType,
      fileName: options.fileName,
      width: options.width,
      height: options.height,
      duration: options.duration,
    });
    return this.publicFile(stored);
  }

  // -------------------------------------------------------------------------
  // Update injection (queued for getUpdates)

  /** Queues a text message from `from` in `chat`; `/commands` get bot_command entities. */
  sendText(from: User, chat: UserChat, text: string, extra?: MessageExtra): Update {
    return this.enqueue(this.build.text(from, chat, text, extra));
  }

  /** Queues a photo message; `fileId` must come from {@link addFile}. */
  sendPhoto(from: User, chat: UserChat, fileId: string, caption?: string, extra?: MessageExtra): Update {
    return this.enqueue(this.build.photo(from, chat, fileId, caption, extra));
  }

  /** Queues a document message; `fileId` must come from {@link addFile}. */
  sendDocument(from: User, chat: UserChat, fileId: string, caption?: string, extra?: MessageExtra): Update {
    return this.enqueue(this.build.document(from, chat, fileId, caption, extra));
  }

  /** Queues a voice message; `fileId` must come from {@link addFile}. */
  sendVoice(from: User, chat: UserChat, fileId: string, extra?: MessageExtra): Update {
    return this.enqueue(this.build.voice(from, chat, fileId, extra));
  }

  /** Queues a shared contact, as sent by a `request_contact` keyboard button (user_id = sender). */
  sendContact(from: User, chat: UserChat, phone: string, extra?: MessageExtra & { first_name?: string; last_name?: string }): Update {
    return this.enqueue(this.build.contact(from, chat, phone, extra));
  }

  /**
   * Queues a callback_query for a button on a bot message. Throws if the
   * message's current inline keyboard has no button with that data (a real
   * client could not press it), unless `force` is set.
   */
  pressButton(from: User, message: Message, callbackData: string, options?: PressOptions): Update {
    return this.enqueue(this.build.callback(from, message, callbackData, options));
  }

  /** Queues an edited_message: the user changed the text of their own message. */
  editText(from: User, message: Message, newText: string): Update {
    return this.enqueue(this.build.edit(from, message, newText));
  }

  /**
   * Queues any update as is. Without `update_id` the next one is allocated; with
   * one, it is kept — pushing the same update twice delivers it twice.
   */
  pushRaw(update: Omit<Update, "update_id"> & { update_id?: number }): Update {
    const id = update.update_id ?? this.nextUpdateId++;
    if (id >= this.nextUpdateId) this.nextUpdateId = id + 1;
    const full: Update = { ...update, update_id: id };
    if (full.callback_query !== undefined && !this.callbackQueries.has(full.callback_query.id)) {
      this.callbackQueries.set(full.callback_query.id, { answered: false });
    }
    const message = full.message ?? full.edited_message;
    if (message !== undefined) {
      const state = this.registerChat(message.chat);
      state.messages.set(message.message_id, clone(message));
      if (message.message_id >= state.nextMessageId) state.nextMessageId = message.message_id + 1;
    }
    return this.enqueue(full);
  }

  /** Updates queued and not yet confirmed by an offset. */
  pending(): Update[] {
    return this.queue.map((entry) => entry.update);
  }

  /**
   * POSTs an update to a webhook (e.g. the app's `webhookCallback` server), with
   * `X-Telegram-Bot-Api-Secret-Token` when a secret is given (or set with
   * setWebhook for that URL). A webhook reply in the response body is executed
   * and recorded like Telegram does.
   */
  async deliverToWebhook(url: string, update: Update, secretToken?: string, options: { timeoutMs?: number } = {}): Promise<WebhookDelivery> {
    const secret = secretToken ?? (this.webhook?.url === url ? this.webhook.secret_token : undefined);
    const payload = Buffer.from(JSON.stringify(update));
    const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(payload.length) };
    if (secret !== undefined) headers["x-telegram-bot-api-secret-token"] = secret;
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      // agent:false closes the connection afterwards so no socket outlives the test.
      const req = httpRequest(url, { method: "POST", headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`webhook ${url} did not answer in time`)));
      req.on("error", reject);
      req.end(payload);
    });
    let body: unknown = text;
    try {
      body = text === "" ? undefined : (JSON.parse(text) as unknown);
    } catch {
      // Not JSON: keep the raw text.
    }
    let reply: FakeCall | undefined;
    if (isRecord(body) && typeof body.method === "string") {
      const { method, ...params } = body;
      reply = this.execute(this.lastToken(), method, params, [], "webhook-reply");
    }
    return { status, body, reply };
  }

  // -------------------------------------------------------------------------
  // Failure injection and custom methods

  /**
   * Makes the next matching call(s) fail with `error` (see {@link TelegramErrors}).
   * `method` is a method name or `"*"` for any method.
   */
  failNext(method: string, error: TelegramErrorBody = TelegramErrors.internalServerError(), options: FailOptions = {}): void {
    this.failures.push({
      method: method.toLowerCase(),
      body: clone(error),
      remaining: options.times ?? 1,
      chatId: options.chatId === undefined ? undefined : String(options.chatId),
    });
  }

  /** Removes all pending injected failures. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Adds or replaces a method implementation; the return value becomes `result`. */
  onMethod(method: string, handler: MethodHandler): void {
    this.handlers.set(method.toLowerCase(), { name: method, handle: handler });
  }

  // -------------------------------------------------------------------------
  // Inspection

  /** Distinct tokens seen so far, in order of first use. */
  get tokens(): string[] {
    return [...this.tokenSet];
  }

  /** What `getMe` answers for `token` (default: the last token seen). */
  botUser(token: string = this.lastToken()): UserFromGetMe {
    const fromToken = /^(\d+):/.exec(token)?.[1];
    return {
      id: fromToken === undefined ? 7_000_000_001 : Number(fromToken),
      is_bot: true,
      first_name: "Service Desk",
      username: "service_desk_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
      ...this.options.bot,
    };
  }

  /** Calls of one method, in order. */
  callsOf(method: string): FakeCall[] {
    const wanted = method.toLowerCase();
    return this.calls.filter((call) => call.method.toLowerCase() === wanted);
  }

  /**
   * Messages the bot sent (sendMessage, sendPhoto, copyMessage, ...), as
   * Telegram returned them at the time (parse_mode applied), in order.
   */
  sent(chatId?: number | string): Message[] {
    if (chatId === undefined) return [...this.sentLog];
    return this.sentLog.filter((message) => String(message.chat.id) === String(chatId));
  }

  /** The chat as it looks now: user and bot messages by id, after edits, without deleted ones. */
  transcript(chatId: number): Message[] {
    const state = this.chats.get(chatId);
    if (state === undefined) return [];
    return [...state.messages.values()].sort((a, b) => a.message_id - b.message_id).map(clone);
  }

  /** The current version of one message, or undefined if unknown or deleted. */
  message(chatId: number, messageId: number): Message | undefined {
    const message = this.chats.get(chatId)?.messages.get(messageId);
    return message === undefined ? undefined : clone(message);
  }

  /** Forum topics of a chat, with whether they are closed. */
  topics(chatId: number): Array<ForumTopic & { closed: boolean }> {
    const state = this.chats.get(chatId);
    return state === undefined ? [] : [...state.topics.values()].map((t) => ({ ...clone(t.topic), closed: t.closed }));
  }

  /** The current webhook as set by the bot, if any. */
  webhookInfo(): { url: string; secret_token?: string } | undefined {
    return this.webhook === undefined ? undefined : { ...this.webhook };
  }

  // -------------------------------------------------------------------------
  // Waiting (instead of sleeping)

  /** Resolves with the first call (from `since`, past ones included) that matches; rejects after `timeoutMs`. */
  waitForCall(match: CallMatcher, options: WaitOptions = {}): Promise<FakeCall> {
    const predicate =
      typeof match === "string" ? (call: FakeCall) => call.method.toLowerCase() === match.toLowerCase() : match;
    const since = options.since ?? 0;
    return this.waitFor(
      () => this.calls.slice(since).find(predicate),
      options,
      typeof match === "string" ? `a ${match} call` : "a matching call",
    );
  }

  /**
   * Resolves with the first message the bot sent (from `since`) that matches:
   * a predicate, or `{ chatId?, text? }` where `text` is a substring or RegExp
   * checked against text or caption.
   */
  waitForSent(
    match: ((message: Message) => boolean) | { chatId?: number | string; text?: string | RegExp } = () => true,
    options: WaitOptions = {},
  ): Promise<Message> {
    const predicate =
      typeof match === "function"
        ? match
        : (message: Message): boolean => {
            if (match.chatId !== undefined && String(message.chat.id) !== String(match.chatId)) return false;
            const body = message.text ?? message.caption ?? "";
            if (match.text === undefined) return true;
            return typeof match.text === "string" ? body.includes(match.text) : match.text.test(body);
          };
    const since = options.since ?? 0;
    return this.waitFor(() => this.sentLog.slice(since).find(predicate), options, "a matching sent message");
  }

  /**
   * Resolves once `update` (or, without one, every queued update) has been
   * confirmed by a later getUpdates offset. grammY's `bot.start()` only asks for
   * the next batch after its middleware finished, so this means "handled".
   */
  waitUntilConfirmed(update?: Update | number, options: Omit<WaitOptions, "since"> = {}): Promise<void> {
    const id = typeof update === "number" ? update : update?.update_id;
    return this.waitFor(
      () => (this.queue.some((entry) => id === undefined || entry.update.update_id === id) ? undefined : true),
      options,
      id === undefined ? "all updates to be confirmed" : `update ${id} to be confirmed`,
    ).then(() => undefined);
  }

  /**
   * Resolves with the first non-undefined value of `check`, re-evaluated after
   * every recorded call and queue change; rejects after `timeoutMs`.
   */
  waitFor<T>(check: () => T | undefined, options: Omit<WaitOptions, "since"> = {}, what = "condition"): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    if (this.closing !== undefined) return Promise.reject(new Error(`fake Bot API is closed; cannot wait for ${what}`));
    const timeoutMs = options.timeoutMs ?? 20_000;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        describe: what,
        reject,
        check: () => {
          const value = check();
          if (value === undefined) return false;
          resolve(value);
          return true;
        },
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\n${this.diagnostics()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** A readable dump of the last calls and the queue, used in timeout errors. */
  diagnostics(): string {
    const recent = this.calls.slice(-15).map(summarize);
    const lines = [
      `Last calls (${this.calls.length} total):`,
      ...(recent.length === 0 ? ["  (none)"] : recent.map((line) => `  ${line}`)),
      `Queued updates: ${this.queue.length}`,
    ];
    if (this.dropped.length > 0) {
      lines.push(`Dropped by allowed_updates: ${this.dropped.map((u) => `${u.update_id}:${updateType(u) ?? "?"}`).join(", ")}`);
    }
    return lines.join("\n");
  }

  // -------------------------------------------------------------------------
  // Shutdown

  /**
   * Answers held long polls, rejects pending waits and closes every connection.
   * Stop the bot first (`await bot.stop()`), or it will keep polling a closed port.
   */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.wakeHandle !== undefined) clearImmediate(this.wakeHandle);
      for (const poller of [...this.pollers]) this.finishPoll(poller, { ok: true, result: [] });
      for (const waiter of [...this.waiters]) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`fake Bot API closed while waiting for ${waiter.describe}`));
      }
      this.waiters.clear();
      this.server.close(() => resolve());
      // Idle keep-alive sockets of grammY's agent would otherwise hold close() for seconds.
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  // -------------------------------------------------------------------------
  // HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download !== null && (req.method === "GET" || req.method === "HEAD")) {
      this.serveFile(decodeURIComponent(download[1] ?? ""), decodeURIComponent(download[2] ?? ""), res);
      return;
    }
    const route = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (route === null) {
      this.writeJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    const token = decodeURIComponent(route[1] ?? "");
    const method = route[2] ?? "";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let parsed;
    try {
      parsed = parseRequestBody(req.headers["content-type"], Buffer.concat(chunks), url.searchParams);
    } catch (error) {
      if (!(error instanceof BodyParseError)) throw error;
      this.writeJson(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${error.message}` });
      return;
    }
    if (method.toLowerCase() === "getupdates") {
      this.startPoll(token, parsed.params, parsed.files, res);
      return;
    }
    const call = this.execute(token, method, parsed.params, parsed.files, "http");
    const response = call.response ?? { ok: false, error_code: 500, description: "Internal Server Error" };
    this.writeJson(res, response.ok ? 200 : response.error_code, response);
  }

  private writeJson(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  private serveFile(token: string, filePath: string, res: ServerResponse): void {
    const file = this.filesByPath.get(filePath);
    const call = this.newCall(token, "downloadFile", { file_path: filePath }, [], "http");
    // `failNext("downloadFile")` breaks the download itself (getFile still answers).
    const failure = this.takeFailure("downloadFile", undefined);
    if (failure !== undefined) {
      call.response = { ok: false, ...failure };
      this.record(call);
      this.writeJson(res, failure.error_code, call.response);
      return;
    }
    if (file === undefined) {
      call.response = { ok: false, error_code: 404, description: "Not Found" };
      this.record(call);
      this.writeJson(res, 404, call.response);
      return;
    }
    call.response = { ok: true, result: { file_id: file.file_id, file_size: file.file_size } };
    this.record(call);
    res.writeHead(200, {
      "content-type": file.mime_type ?? "application/octet-stream",
      "content-length": file.bytes.byteLength,
    });
    res.end(Buffer.from(file.bytes));
  }

  private newCall(token: string, method: string, params: Record<string, unknown>, files: UploadedFile[], via: FakeCall["via"]): FakeCall {
    this.tokenSet.add(token);
    const chatId = asNumber(params.chat_id) ?? asString(params.chat_id);
    return { seq: -1, method, params, files, token, chat_id: chatId, at: this.now(), via, response: undefined };
  }

  private record(call: FakeCall): void {
    call.seq = this.calls.length;
    this.calls.push(call);
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
      }
    }
  }

  private takeFailure(method: string, chatId: FakeCall["chat_id"]): TelegramErrorBody | undefined {
    const wanted = method.toLowerCase();
    const index = this.failures.findIndex(
      (rule) =>
        (rule.method === "*" || rule.method === wanted) && (rule.chatId === undefined || rule.chatId === String(chatId)),
    );
    const rule = this.failures[index];
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.failures.splice(index, 1);
    return clone(rule.body);
  }

  /** Runs one non-polling method call and records it. */
  private execute(token: string, rawMethod: string, params: Record<string, unknown>, files: UploadedFile[], via: FakeCall["via"]): FakeCall {
    const entry = this.handlers.get(rawMethod.toLowerCase());
    const call = this.newCall(token, entry?.name ?? rawMethod, params, files, via);
    const failure = this.takeFailure(call.method, call.chat_id);
    if (failure !== undefined) {
      call.response = { ok: false, ...failure };
    } else if (entry === undefined) {
      call.response = { ok: false, error_code: 404, description: "Not Found: method not found" };
    } else {
      try {
        call.response = { ok: true, result: entry.handle(params, call) };
      } catch (error) {
        // A bug in a handler answers 400, not 500: auto-retry would retry a 500 forever and hide it.
        call.response =
          error instanceof TelegramApiError
            ? { ok: false, ...error.body }
            : { ok: false, error_code: 400, description: `Bad Request: fake Bot API handler for ${call.method} threw: ${String(error)}` };
      }
    }
    this.record(call);
    return call;
  }

  // -------------------------------------------------------------------------
  // Long polling

  private startPoll(token: string, params: Record<string, unknown>, files: UploadedFile[], res: ServerResponse): void {
    const call = this.newCall(token, "getUpdates", params, files, "http");
    const failure = this.takeFailure("getUpdates", undefined);
    const webhookConflict = this.webhook !== undefined;
    if (failure !== undefined || webhookConflict) {
      call.response = failure
        ? { ok: false, ...failure }
        : {
            ok: false,
            error_code: 409,
            description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          };
      this.record(call);
      this.writeJson(res, call.response.error_code, call.response);
      return;
    }
    if (Array.isArray(params.allowed_updates)) {
      const types = params.allowed_updates.filter((t): t is string => typeof t === "string");
      this.allowedUpdates = types.length === 0 ? undefined : new Set(types);
    }
    this.confirm(asNumber(params.offset));
    // Only one poller per bot: the newer request wins, the older gets 409 like on Telegram.
    for (const old of [...this.pollers]) this.finishPoll(old, { ok: false, ...TelegramErrors.conflict() });
    const limit = Math.min(100, Math.max(1, asNumber(params.limit) ?? 100));
    const timeoutSeconds = Math.max(0, asNumber(params.timeout) ?? 0);
    const poller: Poller = { res, call, limit, timer: undefined };
    this.record(call);
    if (this.queue.length > 0 || timeoutSeconds === 0) {
      this.finishPoll(poller, { ok: true, result: this.takeBatch(limit) });
      return;
    }
    this.pollers.add(poller);
    poller.timer = setTimeout(() => this.finishPoll(poller, { ok: true, result: [] }), timeoutSeconds * 1000);
    // grammY aborts the held request on bot.stop(); forget it so no update is handed to a dead socket.
    res.on("close", () => {
      if (!this.pollers.delete(poller)) return;
      clearTimeout(poller.timer);
    });
  }

  private finishPoll(poller: Poller, response: ApiResult): void {
    this.pollers.delete(poller);
    clearTimeout(poller.timer);
    poller.call.response = response;
    this.writeJson(poller.res, response.ok ? 200 : response.error_code, response);
    this.notify();
  }

  /** Hands out the oldest unconfirmed updates; they stay queued until an offset confirms them. */
  private takeBatch(limit: number): Update[] {
    const batch = this.queue.slice(0, limit);
    for (const entry of batch) entry.delivered = true;
    return batch.map((entry) => clone(entry.update));
  }

  /**
   * Applies a getUpdates offset. Only updates already handed out are dropped,
   * so an update pushed again with an old id (duplicate delivery) is still
   * delivered once before the next offset confirms it.
   */
  private confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset < 0) {
      this.queue.splice(0, Math.max(0, this.queue.length + offset));
    } else {
      for (let i = this.queue.length - 1; i >= 0; i -= 1) {
        const entry = this.queue[i];
        if (entry !== undefined && entry.delivered && entry.update.update_id < offset) this.queue.splice(i, 1);
      }
    }
    this.notify();
  }

  private enqueue(update: Update): Update {
    const type = updateType(update);
    const allowed =
      type === undefined || (this.allowedUpdates === undefined ? !OPT_IN_UPDATE_TYPES.has(type) : this.allowedUpdates.has(type));
    if (!allowed) {
      // Telegram never creates updates of types the bot did not subscribe to.
      this.dropped.push(update);
      return update;
    }
    this.queue.push({ update: clone(update), delivered: false });
    if (this.pollers.size > 0 && this.wakeHandle === undefined) {
      // Deferred so that updates pushed in the same tick arrive as one batch.
      this.wakeHandle = setImmediate(() => {
        this.wakeHandle = undefined;
        for (const poller of [...this.pollers]) {
          if (this.queue.length === 0) break;
          if (poller.res.destroyed) {
            this.pollers.delete(poller);
            clearTimeout(poller.timer);
            continue;
          }
          this.finishPoll(poller, { ok: true, result: this.takeBatch(poller.limit) });
        }
      });
    }
    this.notify();
    return update;
  }

  // -------------------------------------------------------------------------
  // Chats, messages and files

  private lastToken(): string {
    return [...this.tokenSet].at(-1) ?? "7000000001:fake";
  }

  private botAsSender(token: string): User {
    const me = this.botUser(token);
    return { id: me.id, is_bot: true, first_name: me.first_name, username: me.username };
  }

  private registerChat(chat: Chat): ChatState {
    const existing = this.chats.get(chat.id);
    if (existing !== undefined) return existing;
    const state: ChatState = { chat: clone(chat), nextMessageId: 1, messages: new Map(), topics: new Map() };
    this.chats.set(chat.id, state);
    return state;
  }

  private resolveChat(chatId: unknown): ChatState {
    if (chatId === undefined || chatId === "") throw badRequest("chat_id is empty");
    const numeric = asNumber(chatId);
    if (numeric === undefined) {
      const name = asString(chatId)?.replace(/^@/, "");
      for (const state of this.chats.values()) if (state.chat.username === name) return state;
      throw badRequest("chat not found");
    }
    const known = this.chats.get(numeric);
    if (known !== undefined) return known;
    if (this.options.strictChats === true) throw badRequest("chat not found");
    // Lenient default: invent a chat of the type the id implies.
    const chat: Chat =
      numeric > 0
        ? { id: numeric, type: "private", first_name: `User ${numeric}` }
        : numeric <= -1_000_000_000_000
          ? { id: numeric, type: "supergroup", title: `Chat ${numeric}` }
          : { id: numeric, type: "group", title: `Chat ${numeric}` };
    return this.registerChat(chat);
  }

  private findMessage(state: ChatState, messageId: unknown, notFound: string): Message {
    const id = asNumber(messageId);
    const message = id === undefined ? undefined : state.messages.get(id);
    if (message === undefined) throw badRequest(notFound);
    return message;
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  private createTopic(state: ChatState, name: string, iconColor: number, emojiId: string | undefined, token: string | undefined): TopicState {
    const threadId = state.nextMessageId++;
    const topic: ForumTopic = { message_thread_id: threadId, name, icon_color: iconColor };
    if (emojiId !== undefined) topic.icon_custom_emoji_id = emojiId;
    const created = { name, icon_color: iconColor, ...(emojiId === undefined ? {} : { icon_custom_emoji_id: emojiId }) };
    // A topic's id is the id of its "topic created" service message, which later messages reply to.
    const root: Message = {
      message_id: threadId,
      message_thread_id: threadId,
      is_topic_message: true,
      from: this.botAsSender(token ?? this.lastToken()),
      chat: state.chat,
      date: this.nowSeconds(),
      forum_topic_created: created,
    };
    state.messages.set(threadId, root);
    const topicState: TopicState = { topic, closed: false, root };
    state.topics.set(threadId, topicState);
    return topicState;
  }

  private userMessage(from: User, chat: UserChat, extra: MessageExtra | undefined, content: Partial<Message>): UserMessage {
    const state = this.registerChat(chat);
    // Field order as Telegram sends it, which keeps printed fixtures readable.
    const message: Message = {
      message_id: state.nextMessageId++,
      from,
      chat: state.chat,
      date: extra?.date ?? this.nowSeconds(),
      ...content,
    };
    if (content.entities !== undefined && content.entities.length === 0) delete message.entities;
    let topic: TopicState | undefined;
    const threadId = extra?.message_thread_id;
    if (threadId !== undefined) {
      message.message_thread_id = threadId;
      const isForum = state.chat.type === "supergroup" && state.chat.is_forum === true;
      if (extra?.is_topic_message ?? isForum) message.is_topic_message = true;
      topic = state.topics.get(threadId);
      if (topic === undefined && isForum) {
        // A topic the test did not create: invent it so replies and sends into it work.
        const root: Message = {
          message_id: threadId,
          message_thread_id: threadId,
          is_topic_message: true,
          from,
          chat: state.chat,
          date: message.date,
          forum_topic_created: { name: `Topic ${threadId}`, icon_color: DEFAULT_TOPIC_COLOR },
        };
        if (!state.messages.has(threadId)) state.messages.set(threadId, root);
        topic = { topic: { message_thread_id: threadId, name: `Topic ${threadId}`, icon_color: DEFAULT_TOPIC_COLOR }, closed: false, root };
        state.topics.set(threadId, topic);
      }
    }
    if (extra?.reply_to_message !== undefined) {
      const target = state.messages.get(extra.reply_to_message.message_id) ?? extra.reply_to_message;
      message.reply_to_message = withoutReply(target);
    } else if (topic !== undefined && message.is_topic_message === true) {
      // In forum topics Telegram sets reply_to_message to the topic's service message.
      message.reply_to_message = withoutReply(topic.root);
    }
    if (extra?.forward_origin !== undefined) message.forward_origin = extra.forward_origin;
    if (extra?.media_group_id !== undefined) message.media_group_id = extra.media_group_id;
    state.messages.set(message.message_id, message);
    return clone(message) as UserMessage;
  }

  private wrapMessage(message: UserMessage): Update {
    return { update_id: this.nextUpdateId++, message };
  }

  private captionOf(caption: string | undefined): Partial<Message> {
    if (caption === undefined) return {};
    const entities = detectCommands(caption);
    return entities.length === 0 ? { caption } : { caption, caption_entities: entities };
  }

  private buildCallback(from: User, message: Message, data: string, options: PressOptions | undefined): Update {
    const current = this.chats.get(message.chat.id)?.messages.get(message.message_id) ?? message;
    if (options?.force !== true) {
      const buttons = (current.reply_markup?.inline_keyboard ?? []).flat();
      if (!buttons.some((button) => "callback_data" in button && button.callback_data === data)) {
        const available = buttons.map((b) => ("callback_data" in b ? b.callback_data : `(${b.text})`)).join(", ");
        throw new Error(
          `pressButton: message ${message.message_id} in chat ${message.chat.id} has no button "${data}" now (buttons: ${available || "none"}); pass { force: true } to press a stale button`,
        );
      }
    }
    const id = String(4_000_000_000_000 + this.nextCallbackNumber++);
    this.callbackQueries.set(id, { answered: false });
    return {
      update_id: this.nextUpdateId++,
      callback_query: { id, from, message: clone(current), chat_instance: String(-4_242 - Math.abs(current.chat.id)), data },
    };
  }

  private buildEdit(from: User, message: Message, newText: string): Update {
    const stored = this.chats.get(message.chat.id)?.messages.get(message.message_id);
    if (stored === undefined) throw new Error(`editText: message ${message.message_id} in chat ${message.chat.id} is unknown`);
    if (stored.from?.id !== from.id) throw new Error("editText: users can only edit their own messages");
    stored.text = newText;
    const entities = detectCommands(newText);
    if (entities.length > 0) stored.entities = entities;
    else delete stored.entities;
    stored.edit_date = this.nowSeconds();
    return { update_id: this.nextUpdateId++, edited_message: clone(stored) as UserMessage & { edit_date: number } };
  }

  private requireFile(fileId: string): StoredFile {
    const file = this.files.get(fileId);
    if (file === undefined) throw new Error(`unknown file id "${fileId}": register it with api.addFile() first`);
    return file;
  }

  private storeFile(
    bytes: Uint8Array,
    meta: {
      fileId?: string | undefined;
      kind: MediaKind;
      mimeType?: string | undefined;
      fileName?: string | undefined;
      width?: number | undefined;
      height?: number | undefined;
      duration?: number | undefined;
    },
  ): StoredFile {
    const n = this.nextFileNumber++;
    const fileId = meta.fileId ?? `${FILE_ID_PREFIX[meta.kind]}fake${n}`;
    const filePath = `${folderFor(meta.mimeType)}/file_${n}.${extensionFor(meta.fileName, meta.mimeType)}`;
    const stored: StoredFile = {
      file_id: fileId,
      file_unique_id: `AQADfake${n}`,
      file_path: filePath,
      file_size: bytes.byteLength,
      bytes,
    };
    if (meta.mimeType !== undefined) stored.mime_type = meta.mimeType;
    if (meta.fileName !== undefined) stored.file_name = meta.fileName;
    if (meta.width !== undefined) stored.width = meta.width;
    if (meta.height !== undefined) stored.height = meta.height;
    if (meta.duration !== undefined) stored.duration = meta.duration;
    this.files.set(fileId, stored);
    this.filesByPath.set(filePath, stored);
    return stored;
  }

  private publicFile(file: StoredFile): FakeFile {
    const result: FakeFile = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_path: file.file_path,
      file_size: file.file_size,
    };
    if (file.mime_type !== undefined) result.mime_type = file.mime_type;
    if (file.file_name !== undefined) result.file_name = file.file_name;
    return result;
  }

  /** Telegram stores several sizes of each photo; the last one is the original. */
  private photoSizes(file: StoredFile): PhotoSize[] {
    const width = file.width ?? 1280;
    const height = file.height ?? 960;
    const scale = Math.min(1, 320 / Math.max(width, height));
    const thumbId = `${file.file_id}-thumb`;
    const thumb =
      this.files.get(thumbId) ??
      this.storeFile(file.bytes, { fileId: thumbId, kind: "photo", mimeType: file.mime_type ?? "image/jpeg", fileName: "thumb.jpg" });
    return [
      {
        file_id: thumb.file_id,
        file_unique_id: thumb.file_unique_id,
        width: Math.round(width * scale),
        height: Math.round(height * scale),
        file_size: thumb.file_size,
      },
      { file_id: file.file_id, file_unique_id: file.file_unique_id, width, height, file_size: file.file_size },
    ];
  }

  private mediaPayload(kind: MediaKind, file: StoredFile): Partial<Message> {
    const base = { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size };
    const named = file.file_name === undefined ? {} : { file_name: file.file_name };
    const mime = file.mime_type === undefined ? {} : { mime_type: file.mime_type };
    switch (kind) {
      case "photo":
        return { photo: this.photoSizes(file) };
      case "document":
        return { document: { ...base, ...named, ...mime } };
      case "voice":
        return { voice: { ...base, duration: file.duration ?? 3, mime_type: file.mime_type ?? "audio/ogg" } };
      case "audio":
        return { audio: { ...base, ...named, ...mime, duration: file.duration ?? 3 } };
      case "video":
        return { video: { ...base, ...named, ...mime, width: file.width ?? 1280, height: file.height ?? 720, duration: file.duration ?? 3 } };
    }
  }

  /** Resolves a file param: `attach://` upload, known file_id, or URL. */
  private resolveInputFile(value: unknown, call: FakeCall, kind: MediaKind): StoredFile {
    if (value === undefined || value === "") throw badRequest(`there is no ${kind} in the request`);
    const ref = asString(value);
    if (ref === undefined) throw badRequest(`wrong file identifier/HTTP URL specified`);
    if (ref.startsWith("attach://")) {
      const upload = call.files.find((file) => file.partName === ref.slice("attach://".length));
      if (upload === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
      const declared = upload.contentType === "application/octet-stream" ? undefined : upload.contentType;
      const mimeType =
        kind === "photo" ? "image/jpeg" : kind === "voice" ? "audio/ogg" : (declared ?? guessMimeType(upload.fileName));
      return this.storeFile(upload.bytes, { kind, mimeType, fileName: kind === "photo" ? undefined : upload.fileName });
    }
    const known = this.files.get(ref);
    if (known !== undefined) return known;
    if (/^https?:\/\//.test(ref)) {
      // Telegram would download the URL; the fake cannot, so it stores an empty file.
      const fileName = ref.split("/").pop() ?? "file";
      return this.storeFile(new Uint8Array(), { kind, mimeType: guessMimeType(fileName), fileName: kind === "photo" ? undefined : fileName });
    }
    throw badRequest("wrong file identifier/HTTP URL specified");
  }

  private isBotMessage(message: Message, token: string): boolean {
    return message.from?.id === this.botUser(token).id;
  }

  /** Validates an inline keyboard like Telegram and returns it, or undefined for other markup. */
  private inlineMarkup(markup: unknown): InlineKeyboardMarkup | undefined {
    if (!isRecord(markup)) return undefined;
    const rows = markup.inline_keyboard;
    if (!Array.isArray(rows)) return undefined;
    for (const row of rows) {
      if (!Array.isArray(row)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      for (const button of row) {
        if (!isRecord(button) || typeof button.text !== "string") {
          throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
        }
        if (Object.keys(button).length === 1) {
          throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        const data = button.callback_data;
        if (data !== undefined) {
          const size = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
          if (size < 1 || size > 64) throw badRequest("BUTTON_DATA_INVALID");
        }
      }
    }
    // Shape checked above as far as the fake relies on it.
    return markup as unknown as InlineKeyboardMarkup;
  }

  private formatText(text: unknown, parseMode: unknown, entities: unknown, limit: number, tooLong: string): { text: string; entities: MessageEntity[] } {
    const raw = asString(text) ?? "";
    const formatted = applyParseMode(raw, parseMode, entities);
    if (formatted.text.length > limit) throw badRequest(tooLong);
    return formatted;
  }

  /**
   * Stores a message the bot sends, handling the params every send method
   * shares: message_thread_id, reply_to_message_id / reply_parameters and an
   * inline reply_markup.
   */
  private storeBotMessage(call: FakeCall, state: ChatState, content: Partial<Message>, log = true): Message {
    const params = call.params;
    // message_id is allocated only once validation passed, so a rejected send leaves no gap.
    const message: Message = {
      message_id: 0,
      from: this.botAsSender(call.token),
      chat: state.chat,
      date: this.nowSeconds(),
      ...content,
    };
    const threadId = asNumber(params.message_thread_id);
    let topic: TopicState | undefined;
    if (threadId !== undefined) {
      if (state.chat.type === "supergroup" && state.chat.is_forum === true) {
        topic = state.topics.get(threadId);
        if (topic === undefined) throw badRequest("message thread not found");
        if (topic.closed) throw badRequest("TOPIC_CLOSED");
        message.is_topic_message = true;
      }
      message.message_thread_id = threadId;
    }
    const replyParameters = isRecord(params.reply_parameters) ? params.reply_parameters : undefined;
    const replyToId = asNumber(params.reply_to_message_id) ?? asNumber(replyParameters?.message_id);
    if (replyToId !== undefined) {
      const target = state.messages.get(replyToId);
      const allowWithout =
        params.allow_sending_without_reply === true || replyParameters?.allow_sending_without_reply === true;
      if (target !== undefined) message.reply_to_message = withoutReply(target);
      else if (!allowWithout) throw badRequest("message to be replied not found");
    }
    if (message.reply_to_message === undefined && topic !== undefined) message.reply_to_message = withoutReply(topic.root);
    const markup = this.inlineMarkup(params.reply_markup);
    if (markup !== undefined) message.reply_markup = markup;
    if (params.protect_content === true) message.has_protected_content = true;
    message.message_id = state.nextMessageId++;
    state.messages.set(message.message_id, message);
    if (log) this.sentLog.push(clone(message));
    return clone(message);
  }

  private sendMedia(kind: MediaKind, params: Record<string, unknown>, call: FakeCall): Message {
    const state = this.resolveChat(params.chat_id);
    // Uploads may also come as a part named after the param instead of via attach://.
    const direct = call.files.some((f) => f.partName === kind) ? `attach://${kind}` : undefined;
    const file = this.resolveInputFile(params[kind] ?? direct, call, kind);
    const content = this.mediaPayload(kind, file);
    if (params.caption !== undefined) {
      const caption = this.formatText(params.caption, params.parse_mode, params.caption_entities, MAX_CAPTION_LENGTH, "message caption is too long");
      if (caption.text !== "") content.caption = caption.text;
      if (caption.entities.length > 0) content.caption_entities = caption.entities;
    }
    return this.storeBotMessage(call, state, content);
  }

  /** The user-visible content of a message, for copy and forward. */
  private contentOf(message: Message): Partial<Message> {
    const keys = [
      "text",
      "entities",
      "photo",
      "document",
      "voice",
      "video",
      "audio",
      "animation",
      "sticker",
      "video_note",
      "contact",
      "location",
      "venue",
      "caption",
      "caption_entities",
    ] as const;
    const content: Partial<Message> = {};
    for (const key of keys) {
      if (message[key] !== undefined) Object.assign(content, { [key]: clone(message[key]) });
    }
    return content;
  }

  private editTarget(params: Record<string, unknown>, call: FakeCall): Message | undefined {
    if (params.inline_message_id !== undefined) return undefined;
    const state = this.resolveChat(params.chat_id);
    const message = this.findMessage(state, params.message_id, "message to edit not found");
    if (!this.isBotMessage(message, call.token)) throw badRequest("message can't be edited");
    return message;
  }

  private applyEdit(message: Message, changes: Partial<Message>, markup: InlineKeyboardMarkup | undefined): Message {
    const unchanged =
      Object.entries(changes).every(([key, value]) => JSON.stringify(message[key as keyof Message]) === JSON.stringify(value)) &&
      JSON.stringify(message.reply_markup) === JSON.stringify(markup);
    if (unchanged) throw new TelegramApiError(TelegramErrors.messageNotModified());
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete message[key as keyof Message];
      else Object.assign(message, { [key]: value });
    }
    // Like Telegram: an edit without reply_markup removes the inline keyboard.
    if (markup === undefined) delete message.reply_markup;
    else message.reply_markup = markup;
    message.edit_date = this.nowSeconds();
    return clone(message);
  }

  private topicOf(params: Record<string, unknown>): { state: ChatState; topic: TopicState } {
    const state = this.resolveChat(params.chat_id);
    if (state.chat.type !== "supergroup" || state.chat.is_forum !== true) throw badRequest("the chat is not a forum");
    const id = asNumber(params.message_thread_id);
    const topic = id === undefined ? undefined : state.topics.get(id);
    if (topic === undefined) throw badRequest("TOPIC_ID_INVALID");
    return { state, topic };
  }

  // -------------------------------------------------------------------------
  // Methods

  private installBuiltInMethods(): void {
    const methods: Record<string, MethodHandler> = {
      getMe: (_params, call) => this.botUser(call.token),

      deleteWebhook: (params) => {
        this.webhook = undefined;
        if (params.drop_pending_updates === true) this.dropPending();
        return true;
      },

      setWebhook: (params) => {
        const url = asString(params.url) ?? "";
        if (params.drop_pending_updates === true) this.dropPending();
        if (url === "") {
          this.webhook = undefined;
          return true;
        }
        if (!/^https?:\/\//.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        this.webhook = { url };
        const secret = asString(params.secret_token);
        if (secret !== undefined) {
          if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw badRequest("bad webhook: secret token contains unallowed characters");
          this.webhook.secret_token = secret;
        }
        const maxConnections = asNumber(params.max_connections);
        if (maxConnections !== undefined) this.webhook.max_connections = maxConnections;
        if (Array.isArray(params.allowed_updates)) {
          const types = params.allowed_updates.filter((t): t is string => typeof t === "string");
          this.allowedUpdates = types.length === 0 ? undefined : new Set(types);
        }
        return true;
      },

      getWebhookInfo: () => {
        const info: WebhookInfo = {
          url: this.webhook?.url ?? "",
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
        };
        if (this.webhook?.max_connections !== undefined) info.max_connections = this.webhook.max_connections;
        if (this.allowedUpdates !== undefined) info.allowed_updates = [...this.allowedUpdates] as WebhookInfo["allowed_updates"];
        return info;
      },

      sendMessage: (params, call) => {
        const state = this.resolveChat(params.chat_id);
        const formatted = this.formatText(params.text, params.parse_mode, params.entities, MAX_TEXT_LENGTH, "message is too long");
        if (formatted.text.trim() === "") throw badRequest("message text is empty");
        const content: Partial<Message> = { text: formatted.text };
        if (formatted.entities.length > 0) content.entities = formatted.entities;
        if (isRecord(params.link_preview_options)) content.link_preview_options = params.link_preview_options;
        return this.storeBotMessage(call, state, content);
      },

      sendPhoto: (params, call) => this.sendMedia("photo", params, call),
      sendDocument: (params, call) => this.sendMedia("document", params, call),
      sendVoice: (params, call) => this.sendMedia("voice", params, call),
      sendVideo: (params, call) => this.sendMedia("video", params, call),
      sendAudio: (params, call) => this.sendMedia("audio", params, call),

      sendMediaGroup: (params, call) => {
        const state = this.resolveChat(params.chat_id);
        const media = Array.isArray(params.media) ? params.media : [];
        if (media.length < 2 || media.length > 10) throw badRequest("wrong number of media in the album");
        const groupId = String(13_000_000_000_000 + this.nextFileNumber);
        return media.map((item) => {
          if (!isRecord(item)) throw badRequest("can't parse InputMedia");
          const kind = asString(item.type);
          if (kind !== "photo" && kind !== "document" && kind !== "video" && kind !== "audio") {
            throw badRequest("unsupported media type in the album");
          }
          const content = this.mediaPayload(kind, this.resolveInputFile(item.media, call, kind));
          if (item.caption !== undefined) {
            const caption = this.formatText(item.caption, item.parse_mode, item.caption_entities, MAX_CAPTION_LENGTH, "message caption is too long");
            content.caption = caption.text;
            if (caption.entities.length > 0) content.caption_entities = caption.entities;
          }
          content.media_group_id = groupId;
          return this.storeBotMessage(call, state, content);
        });
      },

      editMessageText: (params, call) => {
        const message = this.editTarget(params, call);
        if (message === undefined) return true;
        if (message.text === undefined) throw badRequest("there is no text in the message to edit");
        const formatted = this.formatText(params.text, params.parse_mode, params.entities, MAX_TEXT_LENGTH, "message is too long");
        if (formatted.text.trim() === "") throw badRequest("message text is empty");
        return this.applyEdit(
          message,
          { text: formatted.text, entities: formatted.entities.length > 0 ? formatted.entities : undefined },
          this.inlineMarkup(params.reply_markup),
        );
      },

      editMessageCaption: (params, call) => {
        const message = this.editTarget(params, call);
        if (message === undefined) return true;
        if (message.text !== undefined) throw badRequest("there is no caption in the message to edit");
        const caption = this.formatText(params.caption, params.parse_mode, params.caption_entities, MAX_CAPTION_LENGTH, "message caption is too long");
        return this.applyEdit(
          message,
          {
            caption: caption.text === "" ? undefined : caption.text,
            caption_entities: caption.entities.length > 0 ? caption.entities : undefined,
          },
          this.inlineMarkup(params.reply_markup),
        );
      },

      editMessageReplyMarkup: (params, call) => {
        const message = this.editTarget(params, call);
        if (message === undefined) return true;
        return this.applyEdit(message, {}, this.inlineMarkup(params.reply_markup));
      },

      deleteMessage: (params) => {
        const state = this.resolveChat(params.chat_id);
        const message = this.findMessage(state, params.message_id, "message to delete not found");
        state.messages.delete(message.message_id);
        return true;
      },

      deleteMessages: (params) => {
        const state = this.resolveChat(params.chat_id);
        const ids = Array.isArray(params.message_ids) ? params.message_ids : [];
        for (const id of ids) {
          const numeric = asNumber(id);
          if (numeric !== undefined) state.messages.delete(numeric);
        }
        return true;
      },

      answerCallbackQuery: (params) => {
        const id = asString(params.callback_query_id) ?? "";
        const query = this.callbackQueries.get(id);
        if (query === undefined || query.answered) throw new TelegramApiError(TelegramErrors.queryTooOld());
        query.answered = true;
        return true;
      },

      sendChatAction: (params) => {
        this.resolveChat(params.chat_id);
        if (!CHAT_ACTIONS.has(asString(params.action) ?? "")) throw badRequest("wrong parameter action in request");
        return true;
      },

      setMyCommands: (params) => {
        const commands = Array.isArray(params.commands) ? params.commands : undefined;
        if (commands === undefined) throw badRequest("parameter \"commands\" is required");
        for (const command of commands) {
          if (!isRecord(command) || typeof command.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
            throw badRequest("BOT_COMMAND_INVALID");
          }
          if (typeof command.description !== "string" || command.description.length < 1 || command.description.length > 256) {
            throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
          }
        }
        this.commands.set(this.commandsKey(params), commands as BotCommand[]);
        return true;
      },

      getMyCommands: (params) => this.commands.get(this.commandsKey(params)) ?? [],

      deleteMyCommands: (params) => {
        this.commands.delete(this.commandsKey(params));
        return true;
      },

      getFile: (params) => {
        const file = this.files.get(asString(params.file_id) ?? "");
        if (file === undefined) throw badRequest("invalid file_id");
        const result: TelegramFile = {
          file_id: file.file_id,
          file_unique_id: file.file_unique_id,
          file_size: file.file_size,
          file_path: file.file_path,
        };
        return result;
      },

      getChat: (params) => {
        const state = this.resolveChat(params.chat_id);
        return { ...clone(state.chat), accent_color_id: 0, max_reaction_count: 11 } as ChatFullInfo;
      },

      createForumTopic: (params, call) => {
        const state = this.resolveChat(params.chat_id);
        if (state.chat.type !== "supergroup" || state.chat.is_forum !== true) throw badRequest("the chat is not a forum");
        const name = asString(params.name) ?? "";
        if (name.length === 0) throw badRequest("TOPIC_TITLE_EMPTY");
        if (name.length > 128) throw badRequest("TOPIC_TITLE_INVALID");
        const color = asNumber(params.icon_color) ?? DEFAULT_TOPIC_COLOR;
        return clone(this.createTopic(state, name, color, asString(params.icon_custom_emoji_id), call.token).topic);
      },

      editForumTopic: (params) => {
        const { topic } = this.topicOf(params);
        const name = asString(params.name);
        const emoji = asString(params.icon_custom_emoji_id);
        const sameName = name === undefined || name === topic.topic.name;
        const sameEmoji = emoji === undefined || emoji === (topic.topic.icon_custom_emoji_id ?? "");
        if (sameName && sameEmoji) throw badRequest("TOPIC_NOT_MODIFIED");
        if (name !== undefined) {
          if (name.length === 0 || name.length > 128) throw badRequest("TOPIC_TITLE_INVALID");
          topic.topic.name = name;
        }
        if (emoji !== undefined) {
          if (emoji === "") delete topic.topic.icon_custom_emoji_id;
          else topic.topic.icon_custom_emoji_id = emoji;
        }
        return true;
      },

      closeForumTopic: (params) => {
        const { topic } = this.topicOf(params);
        if (topic.closed) throw badRequest("TOPIC_NOT_MODIFIED");
        topic.closed = true;
        return true;
      },

      reopenForumTopic: (params) => {
        const { topic } = this.topicOf(params);
        if (!topic.closed) throw badRequest("TOPIC_NOT_MODIFIED");
        topic.closed = false;
        return true;
      },

      deleteForumTopic: (params) => {
        const { state, topic } = this.topicOf(params);
        const threadId = topic.topic.message_thread_id;
        state.topics.delete(threadId);
        for (const [id, message] of state.messages) if (message.message_thread_id === threadId) state.messages.delete(id);
        return true;
      },

      copyMessage: (params, call) => {
        const source = this.findMessage(this.resolveChat(params.from_chat_id), params.message_id, "message to copy not found");
        const content = this.contentOf(source);
        if (Object.keys(content).length === 0) throw badRequest("message can't be copied");
        if (params.caption !== undefined && content.text === undefined) {
          const caption = this.formatText(params.caption, params.parse_mode, params.caption_entities, MAX_CAPTION_LENGTH, "message caption is too long");
          content.caption = caption.text;
          if (caption.entities.length > 0) content.caption_entities = caption.entities;
          else delete content.caption_entities;
        }
        const copy = this.storeBotMessage(call, this.resolveChat(params.chat_id), content);
        const result: MessageId = { message_id: copy.message_id };
        return result;
      },

      forwardMessage: (params, call) => {
        const source = this.findMessage(this.resolveChat(params.from_chat_id), params.message_id, "message to forward not found");
        const content = this.contentOf(source);
        if (Object.keys(content).length === 0) throw badRequest("message can't be forwarded");
        const origin: MessageOrigin =
          source.forward_origin ??
          (source.from === undefined
            ? { type: "hidden_user", sender_user_name: "Hidden", date: source.date }
            : { type: "user", sender_user: source.from, date: source.date });
        content.forward_origin = clone(origin);
        return this.storeBotMessage(call, this.resolveChat(params.chat_id), content);
      },
    };
    for (const [name, handle] of Object.entries(methods)) this.handlers.set(name.toLowerCase(), { name, handle });
    for (const name of ACCEPT_ONLY_METHODS) this.handlers.set(name.toLowerCase(), { name, handle: () => true });
  }

  private commandsKey(params: Record<string, unknown>): string {
    return JSON.stringify([params.scope ?? { type: "default" }, params.language_code ?? ""]);
  }

  private dropPending(): void {
    this.queue.length = 0;
    this.notify();
  }
}

/**
 * Starts a fake Bot API on 127.0.0.1 and a random port.
 *
 * @example
 * const api = await startFakeBotApi();
 * const bot = new Bot("123:TEST", { client: { apiRoot: api.apiRoot } });
 */
export function startFakeBotApi(options?: FakeBotApiOptions): Promise<FakeBotApi> {
  return FakeBotApi.start(options);
}
