/**
 * The channel-neutral vocabulary of the chat bots. A channel adapter (Telegram, WeChat)
 * turns what its library delivers into an {@link InboundMessage}, hands it to the dialog
 * layer with the sender's stored {@link Session}, and renders the returned {@link Reply}s in
 * its own way (inline buttons, or numbered lines on a text-only channel). Nothing here
 * knows a chat library.
 */
import type { Attachment, Category, Language, Urgency } from "../../core/index.ts";

/** Chat channels that have a bot. */
export type ChatChannel = "telegram" | "wechat" | "wecom";

/** What a bot message (or a relayed customer message) is about; stored by the adapter per sent message. */
export type LinkKind = "ticket_post" | "customer_message" | "notice" | "customer_inbound";

export type TicketLink = { ticketNumber: string; kind: LinkKind };

/** A file the customer sent, not fetched yet: the adapter knows how to fetch `ref`. */
export type AttachmentRef = {
  kind: "photo" | "voice" | "document";
  /** The channel's own file id (Telegram file_id). */
  ref: string;
  mimeType?: string;
  fileName?: string;
  sizeBytes?: number;
};

/** A file saved under DATA_DIR, as the core's intake takes it. */
export type StoredAttachment = Omit<Attachment, "id">;

/** One incoming event (message, edit or button press), normalized. */
export type InboundMessage = {
  channel: ChatChannel;
  /** The channel's id of this event (Telegram update_id): unique per delivery of the same event. */
  eventId: string;
  sender: {
    id: string;
    displayName: string;
    /** The name the person gave their account (Telegram first and last name), when they gave one. */
    profileName?: string;
    /** The client's language (Telegram `language_code`). */
    languageHint?: string;
    username?: string;
  };
  chat: {
    kind: "private" | "group";
    id: string;
    /** Forum topic / thread inside a group. */
    topicId?: string;
  };
  /** The message id; for a button press, the id of the message that carries the button. */
  messageId: string;
  text?: string;
  attachments: AttachmentRef[];
  /** A phone number the user shared as a contact (the channel's contact button, or any contact card). */
  contactPhone?: string;
  /**
   * True only when that contact is the sender's own account (Telegram: `contact.user_id ===
   * from.id`): the channel vouches that the number is theirs. A typed number, or someone
   * else's contact card, is never verified.
   */
  contactPhoneVerified?: boolean;
  /** The bot message this one replies to, resolved by the adapter from its stored links. */
  replyTo?: TicketLink;
  /** The ticket whose forum topic this message was written in (staff group with topics). */
  topicTicket?: string;
  /** A pressed button's payload (or, on text-only channels, the choice the typed number picked). */
  button?: string;
  /** Set when the user edited an earlier message; `ticketNumber` when that message was relayed to a ticket. */
  edit?: { ticketNumber?: string };
  /**
   * People the message @-mentions, as the channel resolved them to accounts (a WeChat room's
   * mention list): `/staff add @王芳 technician` registers the mentioned account, not a name.
   */
  mentions?: { externalId: string; displayName: string }[];
};

export type Choice = { label: string; payload: string };

/** What the bot says back. Adapters render `choices` as buttons or as "1. …" lines. */
export type Reply = {
  text: string;
  /** Rows of choices. */
  choices?: Choice[][];
  /** Offer the channel's "share my phone number" button (Telegram contact keyboard). */
  askContact?: { label: string };
  /** Remove a reply keyboard shown earlier (after the contact step). */
  removeKeyboard?: boolean;
  /** The ticket this message is about: the adapter records it for the sent message id. */
  about?: TicketLink;
  /** Photos to show (paths relative to DATA_DIR), e.g. a ticket's attachments for staff. */
  media?: { kind: "photo"; storagePath: string; caption?: string }[];
};

/**
 * The guided report's steps, in the order a customer is asked them (the summary to confirm
 * last). Description and phone are required; a step whose answer is known already is not asked,
 * and a quick report asks only the required ones (bot/shared/report-dialog.ts).
 */
export const REPORT_STEPS = ["description", "category", "product", "photos", "phone", "address", "time", "confirm"] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

export type ReportDraft = {
  description?: string;
  /** What the classifier suggested for the description, and how sure it was (absent in sessions saved before it was kept). */
  suggested?: { category: Category; urgency: Urgency; confidence?: number };
  /** Set when the customer picked a category other than the suggestion. */
  category?: Category;
  product?: string;
  attachments: StoredAttachment[];
  phone?: string;
  /**
   * Set when `phone` came from the sender's own contact card. Only then may intake attach
   * this chat account to an existing customer with that phone; a typed number must not
   * (anyone could type someone else's number and read their tickets).
   */
  phoneVerified?: boolean;
  address?: string;
  preferredTime?: string;
  /**
   * A one-time SMS code sent to the typed `phone`, waiting for the customer's reply: the
   * challenge the code is checked against (never the code itself) and the tries so far.
   */
  phoneCheck?: { phone: string; challenge: string; tries: number };
  /** Steps answered with "skip", so the summary can say so. */
  skipped?: ReportStep[];
};

/** The customer's dialog in progress: plain data, persisted by the adapter between messages. */
export type DialogState =
  | {
      kind: "report";
      step: ReportStep;
      draft: ReportDraft;
      editing?: boolean;
      /** The customer described the problem before being asked: only required fields are asked, the rest is offered by the summary. */
      quick?: boolean;
    }
  | {
      kind: "offer";
      /** What the customer wrote (a photo's caption; may be empty when `attachments` are set). */
      text: string;
      /** Files the customer sent with it, already saved: they go with the text wherever it goes. */
      attachments?: StoredAttachment[];
    }
  | { kind: "survey_comment"; promptKey: string };

/** Everything the bot remembers about one user on one channel. */
export type Session = {
  language?: Language;
  dialog?: DialogState;
  /** Payloads of the last numbered choices (text-only channels map "2" back to a payload). */
  lastChoices?: string[];
};

export type DialogResult = {
  replies: Reply[];
  session: Session;
  /** Record the inbound message itself as about this ticket (a relayed customer message, for later edits). */
  inboundLink?: TicketLink;
  /** The pressed button's message should lose its buttons (the choice was made). */
  clearButtons?: boolean;
  /** A short notice to show on the button press itself (Telegram callback answer). */
  toast?: string;
};

/**
 * The knowledge base's search as the bots use it for `/faq <words>` (core/kb's
 * `KnowledgeBase` fits): the best articles for the words, each in the reader's language.
 */
export type KnowledgeBaseSearch = {
  search(query: string, language: Language, limit?: number): Promise<readonly { slug: string; title: string }[]>;
};

/**
 * One-time codes by SMS that prove a typed phone is the sender's (channels that cannot vouch
 * for a number, such as WeChat). Present only when an SMS gateway is configured.
 */
export type PhoneCodes = {
  /** Sends a new code to the phone; the challenge (which does not reveal the code) is kept in the session. */
  send(phone: string, language: Language): Promise<{ sent: true; challenge: string } | { sent: false; reason: string }>;
  /** Whether `code` is the one sent to `phone` for `challenge`, and still valid at `now`. */
  check(input: { challenge: string; phone: string; code: string; now: Date }): "ok" | "wrong" | "expired";
};

/** Saves bytes under DATA_DIR (the portal's upload storage, or the bot's own). */
export type SaveAttachment = (input: { bytes: Uint8Array; fileName: string; declaredType?: string }) => Promise<StoredAttachment>;

/** Survey invitations sent in chat: a short key (fits button data) for the signed survey token. */
export type SurveyPrompt = {
  key: string;
  channel: ChatChannel;
  surveyId: string;
  token: string;
  ticketNumber: string;
  /** The customer's account on the channel; only they may answer through this prompt. */
  externalId: string;
  createdAt: Date;
};

export type SurveyPromptStore = {
  create(prompt: SurveyPrompt): Promise<void>;
  find(key: string): Promise<SurveyPrompt | null>;
};

/** Users the bot has seen, so `/staff add @username` can find their id. */
export type SeenUser = { channel: ChatChannel; externalId: string; username?: string; displayName: string; languageCode?: string };

export type SeenUserStore = {
  remember(user: SeenUser, at: Date): Promise<void>;
  findByUsername(channel: ChatChannel, username: string): Promise<SeenUser | null>;
  findById(channel: ChatChannel, externalId: string): Promise<SeenUser | null>;
};

/** The small logger the bots need; pino's logger fits. */
export type BotLogger = {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
};

/** The adapter's memory of each user's {@link Session}; `load` returns whatever was saved (validated by the caller). */
export type SessionStore = {
  load(channel: ChatChannel, userKey: string): Promise<unknown>;
  save(channel: ChatChannel, userKey: string, session: Session, at: Date): Promise<void>;
};

/**
 * Update ids whose handling finished, so a redelivered update is processed once. An update is
 * recorded only after it was handled to the end: one whose handling failed, or was cut short
 * by a crash, is processed again when it is delivered again. (The adapter handles one
 * user's updates one at a time, so a redelivery never overtakes the first delivery.)
 */
export type UpdateLedger = {
  /** True when this update was handled to the end before (a redelivery, to be skipped). */
  isHandled(channel: ChatChannel, updateId: string): Promise<boolean>;
  /** Records that the update was handled to the end; recording it again is harmless. */
  markHandled(channel: ChatChannel, updateId: string, at: Date): Promise<void>;
  prune(before: Date): Promise<number>;
};

/** Message id → ticket, for every bot message about a ticket and every relayed customer message. */
export type MessageLinkStore = {
  link(link: { channel: ChatChannel; chatId: string; messageId: string } & TicketLink, at: Date): Promise<void>;
  find(channel: ChatChannel, chatId: string, messageId: string): Promise<TicketLink | null>;
};

/** Ticket ↔ forum topic in the staff group. */
export type TopicStore = {
  find(channel: ChatChannel, chatId: string, ticketNumber: string): Promise<string | null>;
  ticketOf(channel: ChatChannel, chatId: string, threadId: string): Promise<string | null>;
  save(topic: { channel: ChatChannel; chatId: string; ticketNumber: string; threadId: string }, at: Date): Promise<void>;
};

/** Everything a chat adapter persists (db/bot-stores.ts implements it). */
export type BotStores = {
  sessions: SessionStore;
  updates: UpdateLedger;
  seenUsers: SeenUserStore;
  links: MessageLinkStore;
  topics: TopicStore;
  surveyPrompts: SurveyPromptStore;
};
